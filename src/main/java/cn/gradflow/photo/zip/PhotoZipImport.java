package cn.gradflow.photo.zip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.springframework.stereotype.Component;

import cn.gradflow.admission.AdmissionOffices;
import cn.gradflow.admission.AdmissionReviewProcess;
import cn.gradflow.admission.CandidateNumbers;
import cn.gradflow.checks.Finding;
import cn.gradflow.photo.ImageFormat;
import cn.gradflow.photo.PhotoInspection;
import cn.gradflow.photo.PhotoInspector;
import cn.gradflow.photo.PhotoProfile;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.security.UnitScope;

/**
 * Imports a photo ZIP (DOMAIN.md §5, issue 12 item 2): the whole archive is inflated once against the
 * limits before anything is saved; then each entry is decided on its own — saved byte for byte, refused
 * with a reason, or skipped — and each saved photo is its own write, so a stop half-way leaves whole
 * photos only and a rerun (same bytes) changes nothing more.
 */
@Component
class PhotoZipImport {

    public enum Type {
        GRADUATION(PhotoProfile.OUC_GRADUATION, PhotoRepository.Kind.GRADUATION),
        ADMISSION(PhotoProfile.ADMISSION, PhotoRepository.Kind.ADMISSION);

        final PhotoProfile profile;
        final PhotoRepository.Kind kind;

        Type(PhotoProfile profile, PhotoRepository.Kind kind) {
            this.profile = profile;
            this.kind = kind;
        }
    }

    public enum Result { SAVED, REFUSED, SKIPPED }

    /** One entry's verdict; {@code entry} is the name as shown. */
    public record EntryResult(String entry, Result result, String code, String message) {
    }

    /** Receives each entry's verdict as it is decided. */
    public interface Sink {
        void total(int entries);

        void entry(EntryResult result);
    }

    private final PhotoRepository photos;
    private final RosterRepository roster;
    private final UnitScope scope;
    private final CandidateNumbers candidateNumbers;
    private final AdmissionOffices offices;

    PhotoZipImport(PhotoRepository photos, RosterRepository roster, UnitScope scope, CandidateNumbers candidateNumbers,
                   AdmissionOffices offices) {
        this.candidateNumbers = candidateNumbers;
        this.offices = offices;
        this.photos = photos;
        this.roster = roster;
        this.scope = scope;
    }

    /**
     * Runs the import as the current user. Throws {@link PhotoArchive.RefusedException} when the archive is
     * refused as a whole — before anything was saved; after that every entry gets a verdict of its own.
     */
    void run(ReopeningChannel.Source source, long size, Type type, boolean overwrite, Sink sink)
            throws IOException {
        try (PhotoArchive archive = PhotoArchive.open(source, size)) {
            archive.checkLimits();
            List<ZipArchiveEntry> entries = archive.entries();
            sink.total(entries.size());
            Map<String, Long> perStudent = entries.stream()
                    .filter(e -> EntryNames.problem(e.getName(), e.isDirectory(), e.isUnixSymlink()).isEmpty())
                    .collect(Collectors.groupingBy(e -> EntryNames.duplicateKey(e.getName()), Collectors.counting()));
            long[] total = {0};
            for (ZipArchiveEntry entry : entries) {
                String shown = EntryNames.shown(entry.getName());
                EntryResult result;
                try {
                    result = decide(archive, entry, shown, type, overwrite, perStudent, total);
                } catch (PhotoArchive.RefusedException unreadable) {
                    // the first pass read these very bytes; should a read fail now, it fails this entry alone
                    result = refused(shown, unreadable.refusal().code(), unreadable.getMessage());
                }
                sink.entry(result);
            }
        }
    }

    private EntryResult decide(PhotoArchive archive, ZipArchiveEntry entry, String shown, Type type, boolean overwrite,
                               Map<String, Long> perStudent, long[] total)
            throws IOException {
        String name = entry.getName();
        Optional<EntryNames.Problem> problem = EntryNames.problem(name, entry.isDirectory(), entry.isUnixSymlink());
        if (problem.isPresent()) {
            return refused(shown, problem.get().code(), problem.get().message());
        }
        if (perStudent.get(EntryNames.duplicateKey(name)) > 1) {
            return refused(shown, "DUPLICATE_NAME", "压缩包中同一学号有多张照片，均不予导入，请只保留一张");
        }
        if (!archive.readable(entry)) {
            return refused(shown, "UNSUPPORTED_ENTRY", "条目已加密或压缩方式不受支持，无法读取");
        }
        String number = EntryNames.studentNo(name);
        // R-ID-05: admission photos are named by 考生号; a student without one recorded by 学号
        Optional<Student> student = type == Type.ADMISSION
                ? candidateNumbers.studentOf(number).flatMap(roster::findStudent).or(() -> roster.findStudent(number))
                : roster.findStudent(number);
        if (student.isEmpty()) {
            return refused(shown, "UNKNOWN_STUDENT", (type == Type.ADMISSION ? "考生号或学号不存在：" : "学号不存在：") + number);
        }
        String studentNo = student.get().studentNo();
        // the enrolment office (招生办) of the student's school uploads admission photos (北京 notice 二(三))
        if (!scope.covers(roster.chainOf(student.get().unitCode()))
                && !(type == Type.ADMISSION && offices.userIs(AdmissionReviewProcess.Office.ENROLMENT, student.get()))) {
            return refused(shown, "OTHER_UNIT", "无权办理其他单位的学生：" + number);
        }
        PhotoProfile profile = type.profile;
        byte[] head;
        PhotoInspection inspection;
        try (InputStream in = archive.open(entry, total)) {
            head = in.readNBytes(profile.maxBytes() + 1);
            ImageFormat format = ImageFormat.sniff(head);
            if (format != ImageFormat.JPEG) {
                return refused(shown, "NOT_JPEG", "内容不是 JPEG 图片（按文件内容识别为 " + format + "）");
            }
            // the inspector counts what is left of a photo over the limit, for the size it reports
            inspection = PhotoInspector.inspect(profile, name, new SequenceInputStream(new ByteArrayInputStream(head), in), number);
        }
        if (!inspection.ok()) {
            List<Finding> blocking = inspection.findings().stream().filter(Finding::isBlocking).toList();
            return refused(shown, blocking.get(0).code(), blocking.stream()
                    .map(f -> f.message() + (f.evidence() == null ? "" : "（" + f.evidence() + "）"))
                    .collect(Collectors.joining("；")) + "（" + profile.rule() + "）");
        }
        Optional<Boolean> locked = photos.locked(studentNo, type.kind);
        if (locked.orElse(false)) {
            return lockedPhoto(shown);
        }
        if (locked.isPresent() && !overwrite) {
            return new EntryResult(shown, Result.SKIPPED, "PHOTO_EXISTS", "该生已有" + profile.label() + "，未选择覆盖，保留原照片");
        }
        // inspected ok: at most maxBytes, so head holds the whole photo, stored byte for byte
        if (photos.save(studentNo, type.kind, head) == PhotoRepository.SaveResult.LOCKED) {
            return lockedPhoto(shown);
        }
        return new EntryResult(shown, Result.SAVED, "SAVED", "已保存" + profile.label());
    }

    private static EntryResult lockedPhoto(String shown) {
        return refused(shown, "PHOTO_LOCKED", "该生毕业申请正在审核中，照片已锁定，不能更换（R-PH-02）");
    }

    private static EntryResult refused(String shown, String code, String message) {
        return new EntryResult(shown, Result.REFUSED, code, message);
    }
}

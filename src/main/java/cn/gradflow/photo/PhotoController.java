package cn.gradflow.photo;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.gradflow.checks.Finding;
import cn.gradflow.common.TextLimits;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

@RestController
@RequestMapping("/api")
class PhotoController {

    private final PhotoRepository photos;
    private final RosterRepository roster;
    private final UnitScope scope;

    PhotoController(PhotoRepository photos, RosterRepository roster, UnitScope scope) {
        this.photos = photos;
        this.roster = roster;
        this.scope = scope;
    }

    record FindingView(String rule, String code, String severity, String message, String evidence) {
        static FindingView of(Finding f) {
            return new FindingView(f.rule(), f.code(), f.severity().name(), f.message(), f.evidence());
        }
    }

    record CheckResponse(boolean ok, String profile, long sizeBytes, String format, Integer width, Integer height,
                         List<FindingView> findings) {
        static CheckResponse of(PhotoProfile profile, PhotoInspection i) {
            return new CheckResponse(i.ok(), profile.name(), i.sizeBytes(), i.format().name(), i.width(), i.height(),
                    i.findings().stream().map(FindingView::of).toList());
        }
    }

    /** Any bytes at all get 200 with findings; only a missing file or an unknown profile is a bad request. */
    @RequestMapping(path = "/photos/check", method = RequestMethod.POST)
    CheckResponse check(@RequestParam(required = false) String profile,
                        @RequestPart(name = "file", required = false) MultipartFile file,
                        @RequestParam(required = false) String expectedNo) throws IOException {
        PhotoProfile photoProfile = profile(profile);
        if (file == null) {
            throw ApiException.badRequest("缺少照片文件：请以 multipart/form-data 的 file 字段上传");
        }
        checkFileName(file);
        try (InputStream in = file.getInputStream()) {
            return CheckResponse.of(photoProfile, PhotoInspector.inspect(photoProfile, file.getOriginalFilename(), in, expectedNo));
        }
    }

    /**
     * The photo kinds in the path: {@code graduation} (平台毕业照片), {@code chsi-academic} (学信网学历照片,
     * R-PH-03) and {@code admission} (录取照片, R-ID-04).
     */
    static PhotoRepository.Kind kind(String path) {
        return switch (path) {
            case "graduation" -> PhotoRepository.Kind.GRADUATION;
            case "chsi-academic" -> PhotoRepository.Kind.CHSI_ACADEMIC;
            case "admission" -> PhotoRepository.Kind.ADMISSION;
            default -> throw ApiException.notFound("未知的照片种类：" + path + "，可选：graduation、chsi-academic、admission");
        };
    }

    /**
     * Uploads or replaces a student's photo of that kind, checked against its profile (the graduation photo
     * against 国开毕业照片, the CHSI academic photo against 学信网证书照片, the admission photo against 录取照片);
     * the graduation photo is refused while locked (R-PH-02).
     */
    @RequestMapping(path = "/students/{studentNo}/photos/{kind}", method = {RequestMethod.PUT, RequestMethod.POST})
    ResponseEntity<CheckResponse> upload(@PathVariable String studentNo, @PathVariable("kind") String kindPath,
                                         @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        PhotoRepository.Kind kind = kind(kindPath);
        Student student = scoped(studentNo);
        if (file == null) {
            throw ApiException.badRequest("缺少照片文件：请以 multipart/form-data 的 file 字段上传");
        }
        checkFileName(file);
        PhotoInspection inspection;
        try (InputStream in = file.getInputStream()) {
            // A single upload has no naming rule (only the bulk ZIP does), so the name is not compared.
            inspection = PhotoInspector.inspect(kind.profile(), null, in, null);
        }
        CheckResponse body = CheckResponse.of(kind.profile(), inspection);
        if (!inspection.ok()) {
            return ResponseEntity.unprocessableEntity().body(body);
        }
        // at most 50 KB here: the inspection refused anything larger
        if (photos.save(student.studentNo(), kind, file.getBytes()) == PhotoRepository.SaveResult.LOCKED) {
            throw new ApiException(HttpStatus.CONFLICT, "PHOTO_LOCKED",
                    "该生毕业申请正在审核中，毕业照片已锁定，不能更换（R-PH-02）；如需更换，请待申请退回学习中心后再上传");
        }
        return ResponseEntity.ok(body);
    }

    /**
     * The stored JPEG, for the student's own units only (R-ORG-02): the branch review form shows the
     * photos side by side for the comparisons of R-PH-03 and R-ID-04 through this endpoint, read with the
     * Tasklist session.
     */
    @GetMapping("/students/{studentNo}/photos/{kind}")
    ResponseEntity<byte[]> download(@PathVariable String studentNo, @PathVariable("kind") String kindPath) {
        PhotoRepository.Kind kind = kind(kindPath);
        Student student = scoped(studentNo);
        PhotoRepository.StoredPhoto photo = photos.find(student.studentNo(), kind)
                .orElseThrow(() -> ApiException.notFound("该生没有" + kind.label() + "：" + studentNo));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).header("Cache-Control", "no-store")
                .body(photo.content());
    }

    /** Every upload door takes file names of the same length (the identity documents keep theirs). */
    private static void checkFileName(MultipartFile file) {
        String name = file.getOriginalFilename();
        if (name != null && name.length() > TextLimits.FILE_NAME) {
            throw ApiException.badRequest("照片的文件名 最多 " + TextLimits.FILE_NAME + " 字，本次 " + name.length() + " 字");
        }
    }

    private Student scoped(String studentNo) {
        Student student = roster.findStudent(studentNo).orElseThrow(() -> ApiException.notFound("学号不存在：" + studentNo));
        if (!scope.covers(roster.chainOf(student.unitCode()))) {
            throw ApiException.forbidden("无权办理其他单位的学生：" + studentNo);
        }
        return student;
    }

    private static PhotoProfile profile(String name) {
        String valid = Arrays.toString(PhotoProfile.values());
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("缺少参数 profile，可选：" + valid);
        }
        try {
            return PhotoProfile.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("未知的照片规格 profile=" + name + "，可选：" + valid);
        }
    }
}

package cn.gradflow.photo;

import cn.gradflow.common.SchoolClock;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.gradflow.common.Sha256;

/** Stored photos. A locked photo (R-PH-02) is never replaced: the lock is checked in the UPDATE itself. */
@Repository
public class PhotoRepository {

    /**
     * The photos kept per student: the platform's graduation photo (毕业照片, R-PH-01), the admission photo
     * (录取照片, R-ID-04) and the CHSI academic photo (学信网学历照片) as CHSI fed it back (R-PH-03).
     */
    public enum Kind {
        GRADUATION("平台毕业照片", PhotoProfile.OUC_GRADUATION),
        ADMISSION("录取照片", PhotoProfile.ADMISSION),
        CHSI_ACADEMIC("学信网学历照片", PhotoProfile.CHSI_CERTIFICATE);

        private final String label;
        private final PhotoProfile profile;

        Kind(String label, PhotoProfile profile) {
            this.label = label;
            this.profile = profile;
        }

        public String label() {
            return label;
        }

        /** The profile an upload of this kind must pass. */
        public PhotoProfile profile() {
            return profile;
        }
    }

    public enum SaveResult { SAVED, LOCKED }

    public record StoredPhoto(byte[] content, int sizeBytes, String sha256, LocalDateTime uploadedAt, boolean locked) {
    }

    private final JdbcClient jdbc;
    private final SchoolClock clock;
    /** A bulk review's chunk: which photos its students have, read in one query (issue 13). */
    private final cn.gradflow.common.ReadAhead<String, Set<Kind>> kindsAhead = new cn.gradflow.common.ReadAhead<>();
    /** The graduation photos' locks this transaction read (empty: no photo), for {@link #lockGraduationPhoto}. */
    private final cn.gradflow.common.ReadAhead<String, Optional<Boolean>> locksRead = new cn.gradflow.common.ReadAhead<>();

    PhotoRepository(JdbcClient jdbc, SchoolClock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** Stores or replaces the photo, unless it is locked; the bytes are assumed inspected by the caller. */
    public SaveResult save(String studentNo, Kind kind, byte[] content) {
        locksRead.forget(studentNo); // a photo written: its lock is read afresh
        kindsAhead.forget(studentNo);
        Timestamp now = clock.timestamp();
        String sha = Sha256.hex(content);
        int replaced = jdbc.sql("""
                        UPDATE photo SET content = ?, size_bytes = ?, sha256 = ?, uploaded_at = ?
                        WHERE student_no = ? AND kind = ? AND locked = FALSE""")
                .params(content, content.length, sha, now, studentNo, kind.name()).update();
        if (replaced == 1) {
            return SaveResult.SAVED;
        }
        if (find(studentNo, kind).isPresent()) {
            return SaveResult.LOCKED;
        }
        jdbc.sql("INSERT INTO photo (student_no, kind, content, size_bytes, sha256, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(studentNo, kind.name(), content, content.length, sha, now).update();
        return SaveResult.SAVED;
    }

    public Optional<StoredPhoto> find(String studentNo, Kind kind) {
        return jdbc.sql("SELECT content, size_bytes, sha256, uploaded_at, locked FROM photo WHERE student_no = ? AND kind = ?")
                .params(studentNo, kind.name())
                .query((rs, n) -> new StoredPhoto(rs.getBytes(1), rs.getInt(2), rs.getString(3),
                        rs.getTimestamp(4).toLocalDateTime(), rs.getBoolean(5)))
                .optional();
    }

    /** Whether the student has this photo, and if so whether it is locked (R-PH-02), without reading its bytes. */
    public Optional<Boolean> locked(String studentNo, Kind kind) {
        return jdbc.sql("SELECT locked FROM photo WHERE student_no = ? AND kind = ?")
                .params(studentNo, kind.name()).query(Boolean.class).optional();
    }

    /**
     * Which photos these students have, read in one query and kept for the rest of the transaction: {@link #kinds}
     * answers from it until {@link #save} stores one of theirs (issue 13: a bulk review's chunk). Outside a
     * transaction nothing is read.
     */
    public void readAheadKinds(java.util.Collection<String> studentNos) {
        if (studentNos.isEmpty() || !cn.gradflow.common.ReadAhead.possible()) {
            return;
        }
        java.util.Map<String, Set<Kind>> read = new java.util.HashMap<>();
        studentNos.forEach(no -> read.put(no, EnumSet.noneOf(Kind.class)));
        jdbc.sql("SELECT student_no, kind FROM photo WHERE student_no IN (:nos)").param("nos", java.util.List.copyOf(studentNos))
                .query((java.sql.ResultSet rs) -> {
                    read.get(rs.getString(1)).add(Kind.valueOf(rs.getString(2)));
                });
        kindsAhead.keep(read);
    }

    /** Which photos the student has, without reading their bytes. */
    public Set<Kind> kinds(String studentNo) {
        Set<Kind> ahead = kindsAhead.get(studentNo);
        if (ahead != null) {
            return EnumSet.copyOf(ahead); // an EnumSet: a copy the caller may change
        }
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        jdbc.sql("SELECT kind FROM photo WHERE student_no = ?").params(studentNo)
                .query(String.class).list().forEach(k -> kinds.add(Kind.valueOf(k)));
        return kinds;
    }

    /**
     * The day the graduation photo reached the platform (uploaded_at is Beijing wall time, as SchoolClock writes it),
     * empty without one. What it read of the lock is kept for the transaction, for {@link #lockGraduationPhoto}.
     */
    public Optional<LocalDate> graduationPhotoUploadedOn(String studentNo) {
        record Row(LocalDate uploadedOn, boolean locked) {
        }
        Optional<Row> row = jdbc.sql("SELECT uploaded_at, locked FROM photo WHERE student_no = ? AND kind = 'GRADUATION'")
                .param(studentNo).query((rs, n) -> new Row(rs.getTimestamp(1).toLocalDateTime().toLocalDate(), rs.getBoolean(2)))
                .optional();
        locksRead.keep(Map.of(studentNo, row.map(Row::locked)));
        return row.map(Row::uploadedOn);
    }

    /**
     * R-PH-02: locked while an application is under review, unlocked when it returns to the centre. Skipped when this
     * transaction read the photo's lock ({@link #graduationPhotoUploadedOn}, the initial audit) and it is already so,
     * or read that there is no photo and the lock is to be lifted (a photo uploaded meanwhile is unlocked): issue 13,
     * one UPDATE less per audit.
     */
    public void lockGraduationPhoto(String studentNo, boolean locked) {
        Optional<Boolean> read = locksRead.get(studentNo);
        if (read != null && read.orElse(false) == locked) {
            return;
        }
        jdbc.sql("UPDATE photo SET locked = ? WHERE student_no = ? AND kind = 'GRADUATION'")
                .params(locked, studentNo).update();
        locksRead.forget(studentNo);
    }

}

package cn.gradflow.photo;

import cn.gradflow.common.SchoolClock;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.gradflow.common.Sha256;

/** Stored photos. A locked photo (R-PH-02) is never replaced: the lock is checked in the UPDATE itself. */
@Repository
public class PhotoRepository {

    public enum Kind { GRADUATION, ADMISSION }

    public enum SaveResult { SAVED, LOCKED }

    public record StoredPhoto(byte[] content, int sizeBytes, String sha256, LocalDateTime uploadedAt, boolean locked) {
    }

    private final JdbcClient jdbc;
    private final SchoolClock clock;

    PhotoRepository(JdbcClient jdbc, SchoolClock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** Stores or replaces the photo, unless it is locked; the bytes are assumed inspected by the caller. */
    public SaveResult save(String studentNo, Kind kind, byte[] content) {
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

    /** R-PH-02: locked while an application is under review, unlocked when it returns to the centre. */
    public void lockGraduationPhoto(String studentNo, boolean locked) {
        jdbc.sql("UPDATE photo SET locked = ? WHERE student_no = ? AND kind = 'GRADUATION'")
                .params(locked, studentNo).update();
    }

}

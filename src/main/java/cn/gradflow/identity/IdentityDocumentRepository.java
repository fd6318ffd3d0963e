package cn.gradflow.identity;

import cn.gradflow.common.SchoolClock;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.gradflow.identity.IdentityReviewProcess.Document;

/** The identity re-verification documents of an application; a new upload of a kind replaces the old one. */
@Repository
public class IdentityDocumentRepository {

    public record StoredDocument(Document kind, String fileName, String contentType, int sizeBytes, String sha256,
                                 String uploadedBy, LocalDateTime uploadedAt) {
    }

    private final JdbcClient jdbc;
    private final SchoolClock clock;

    IdentityDocumentRepository(JdbcClient jdbc, SchoolClock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    void replace(long applicationId, Document kind, String fileName, String contentType, byte[] content, String sha256,
                 String user) {
        jdbc.sql("DELETE FROM identity_review_document WHERE application_id = ? AND kind = ?")
                .params(applicationId, kind.name()).update();
        jdbc.sql("""
                        INSERT INTO identity_review_document (application_id, kind, file_name, content_type, content,
                            size_bytes, sha256, uploaded_by, uploaded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(applicationId, kind.name(), fileName, contentType, content, content.length, sha256, user,
                        clock.timestamp())
                .update();
    }

    public List<StoredDocument> list(long applicationId) {
        return jdbc.sql("""
                        SELECT kind, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
                        FROM identity_review_document WHERE application_id = ? ORDER BY kind""")
                .param(applicationId)
                .query((rs, n) -> new StoredDocument(Document.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toLocalDateTime()))
                .list();
    }

    public Optional<byte[]> content(long applicationId, Document kind) {
        return jdbc.sql("SELECT content FROM identity_review_document WHERE application_id = ? AND kind = ?")
                .params(applicationId, kind.name()).query((rs, n) -> rs.getBytes(1)).optional();
    }
}

-- Issue 4: a stable code per finding for scripts, and the identity re-verification package.

ALTER TABLE finding ADD COLUMN code VARCHAR(60);

-- R-ID-01: the documents a learning centre submits for an identity re-verification (身份复核).
CREATE TABLE identity_review_document (
    id             BIGINT AUTO_INCREMENT NOT NULL,
    application_id BIGINT       NOT NULL,
    kind           VARCHAR(30)  NOT NULL,
    file_name      VARCHAR(200) NOT NULL,
    content_type   VARCHAR(100) NOT NULL,
    content        BLOB         NOT NULL,
    size_bytes     INT          NOT NULL,
    sha256         CHAR(64)     NOT NULL,
    uploaded_by    VARCHAR(64)  NOT NULL,
    uploaded_at    TIMESTAMP    NOT NULL,
    CONSTRAINT pk_identity_review_document PRIMARY KEY (id),
    CONSTRAINT fk_identity_document_application FOREIGN KEY (application_id) REFERENCES application (id),
    CONSTRAINT ck_identity_document_kind CHECK (kind IN ('REVIEW_FORM', 'REGISTRATION_FORM', 'ADMISSION_PHOTO', 'GRADUATION_PHOTO'))
);
CREATE INDEX ix_identity_document_application ON identity_review_document (application_id, kind);

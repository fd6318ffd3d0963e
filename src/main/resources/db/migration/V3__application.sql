-- One application per student and batch, its findings, the registration numbers and the
-- append-only decision log.

CREATE TABLE application (
    id                  BIGINT AUTO_INCREMENT NOT NULL,
    batch_code          CHAR(6)     NOT NULL,
    student_no          VARCHAR(32) NOT NULL,
    process_instance_id VARCHAR(64),
    -- GRADUATION, GRADUATION_DEGREE or DEFERRED; null until the learning centre applies
    kind                VARCHAR(20),
    degree_type         VARCHAR(10),
    commitment_letter   BOOLEAN     NOT NULL DEFAULT FALSE,
    application_round   VARCHAR(10) NOT NULL,
    state               VARCHAR(20) NOT NULL,
    tier                VARCHAR(20) NOT NULL,
    created_at          TIMESTAMP   NOT NULL,
    updated_at          TIMESTAMP   NOT NULL,
    CONSTRAINT pk_application PRIMARY KEY (id),
    CONSTRAINT uq_application_student_batch UNIQUE (batch_code, student_no),
    CONSTRAINT fk_application_batch FOREIGN KEY (batch_code) REFERENCES batch (code),
    CONSTRAINT fk_application_student FOREIGN KEY (student_no) REFERENCES student (student_no),
    CONSTRAINT ck_application_kind CHECK (kind IS NULL OR kind IN ('GRADUATION', 'GRADUATION_DEGREE', 'DEFERRED')),
    CONSTRAINT ck_application_degree CHECK (degree_type IS NULL OR degree_type IN ('OUC', 'COOP')),
    CONSTRAINT ck_application_round CHECK (application_round IN ('FIRST', 'SECOND')),
    CONSTRAINT ck_application_tier CHECK (tier IN ('HQ', 'BRANCH', 'CITY', 'LEARNING_CENTER'))
);
CREATE INDEX ix_application_state ON application (batch_code, state);

-- The findings of the latest check run per stage; earlier runs live in the decision log.
CREATE TABLE finding (
    id             BIGINT AUTO_INCREMENT NOT NULL,
    application_id BIGINT       NOT NULL,
    stage          VARCHAR(20)  NOT NULL,
    rule_id        VARCHAR(12)  NOT NULL,
    severity       VARCHAR(10)  NOT NULL,
    message        VARCHAR(500) NOT NULL,
    evidence       VARCHAR(500),
    created_at     TIMESTAMP    NOT NULL,
    CONSTRAINT pk_finding PRIMARY KEY (id),
    CONSTRAINT fk_finding_application FOREIGN KEY (application_id) REFERENCES application (id),
    CONSTRAINT ck_finding_severity CHECK (severity IN ('BLOCKING', 'WARNING'))
);
CREATE INDEX ix_finding_application ON finding (application_id, stage);

-- Next sequence per certificate year and level (本科 5 / 专科 6). Row-locked on issue.
CREATE TABLE registration_sequence (
    certificate_year INT     NOT NULL,
    level_digit      CHAR(1) NOT NULL,
    last_value       INT     NOT NULL,
    CONSTRAINT pk_registration_sequence PRIMARY KEY (certificate_year, level_digit),
    CONSTRAINT ck_registration_sequence CHECK (last_value >= 0 AND last_value <= 999999)
);

-- Electronic registration numbers (电子注册号): issued once, never reused or voided.
CREATE TABLE registration (
    registration_no        CHAR(17)  NOT NULL,
    application_id         BIGINT    NOT NULL,
    certificate_issue_date DATE      NOT NULL,
    issued_at              TIMESTAMP NOT NULL,
    CONSTRAINT pk_registration PRIMARY KEY (registration_no),
    CONSTRAINT uq_registration_application UNIQUE (application_id),
    CONSTRAINT fk_registration_application FOREIGN KEY (application_id) REFERENCES application (id),
    CONSTRAINT ck_registration_no CHECK (registration_no LIKE '511618%')
);

-- Append-only trail of every decision: who, for which unit and tier, when, what and why.
CREATE TABLE decision_log (
    id             BIGINT AUTO_INCREMENT NOT NULL,
    application_id BIGINT        NOT NULL,
    user_id        VARCHAR(64)   NOT NULL,
    unit_code      VARCHAR(32)   NOT NULL,
    tier           VARCHAR(20)   NOT NULL,
    decided_at     TIMESTAMP     NOT NULL,
    decision       VARCHAR(30)   NOT NULL,
    reason         VARCHAR(1000),
    findings       VARCHAR(4000),
    CONSTRAINT pk_decision_log PRIMARY KEY (id),
    CONSTRAINT fk_decision_application FOREIGN KEY (application_id) REFERENCES application (id)
);
CREATE INDEX ix_decision_application ON decision_log (application_id);

-- Issue 15: self-study exam graduation registration (自学考试毕业登记, DOMAIN.md §8, 韶关 notice).
-- The exam offices, each session's calendar, the candidates as the provincial system knows them, their
-- grades, the population register the identity check asks (demo: this table), and one case per candidate
-- and session with its findings and uploaded images.

CREATE TABLE ss_office (
    code        VARCHAR(20)  NOT NULL,
    name        VARCHAR(100) NOT NULL,
    tier        VARCHAR(10)  NOT NULL,
    parent_code VARCHAR(20),
    CONSTRAINT pk_ss_office PRIMARY KEY (code),
    CONSTRAINT ck_ss_office_tier CHECK (tier IN ('CITY', 'PROVINCE')),
    CONSTRAINT fk_ss_office_parent FOREIGN KEY (parent_code) REFERENCES ss_office (code)
);

-- One row per session: every deadline and window of the notice, as local time in Asia/Shanghai.
CREATE TABLE ss_session (
    code                  VARCHAR(20)  NOT NULL,
    name                  VARCHAR(100) NOT NULL,
    province_office       VARCHAR(20)  NOT NULL,
    prerequisites_due     TIMESTAMP    NOT NULL,
    prior_degree_due      TIMESTAMP    NOT NULL,
    apply_opens           TIMESTAMP    NOT NULL,
    apply_closes          TIMESTAMP    NOT NULL,
    onsite_opens          TIMESTAMP    NOT NULL,
    onsite_closes         TIMESTAMP    NOT NULL,
    fresh_certificate_due TIMESTAMP    NOT NULL,
    certificates_from     TIMESTAMP    NOT NULL,
    CONSTRAINT pk_ss_session PRIMARY KEY (code),
    CONSTRAINT fk_ss_session_office FOREIGN KEY (province_office) REFERENCES ss_office (code),
    CONSTRAINT ck_ss_session_apply CHECK (apply_opens < apply_closes),
    CONSTRAINT ck_ss_session_onsite CHECK (onsite_opens < onsite_closes)
);

CREATE TABLE ss_candidate (
    candidate_no              VARCHAR(20)  NOT NULL,
    name                      VARCHAR(50)  NOT NULL,
    sex                       VARCHAR(2)   NOT NULL,
    id_number                 VARCHAR(20)  NOT NULL,
    non_mainland_id           BOOLEAN      NOT NULL DEFAULT FALSE,
    birth_date                DATE         NOT NULL,
    level                     VARCHAR(10)  NOT NULL,
    major_code                VARCHAR(20)  NOT NULL,
    major_name                VARCHAR(100) NOT NULL,
    examining_university      VARCHAR(100) NOT NULL,
    city_office               VARCHAR(20)  NOT NULL,
    user_id                   VARCHAR(64)  NOT NULL,
    record_change_pending     BOOLEAN      NOT NULL DEFAULT FALSE,
    fresh_graduate            BOOLEAN      NOT NULL DEFAULT FALSE,
    foreign_prior_degree      BOOLEAN      NOT NULL DEFAULT FALSE,
    identity_changed          BOOLEAN      NOT NULL DEFAULT FALSE,
    elective_credits_earned   INT          NOT NULL DEFAULT 0,
    elective_credits_required INT          NOT NULL DEFAULT 0,
    practice_major            VARCHAR(20),
    practice_university       VARCHAR(100),
    violation_postponed_until DATE,
    already_certified         BOOLEAN      NOT NULL DEFAULT FALSE,
    -- 基本信息维护: the candidate keeps these up to date
    native_place              VARCHAR(100),
    ethnicity                 VARCHAR(20),
    last_education            VARCHAR(50),
    occupation                VARCHAR(50),
    employer                  VARCHAR(100),
    phone                     VARCHAR(20),
    CONSTRAINT pk_ss_candidate PRIMARY KEY (candidate_no),
    CONSTRAINT uq_ss_candidate_user UNIQUE (user_id),
    CONSTRAINT fk_ss_candidate_city FOREIGN KEY (city_office) REFERENCES ss_office (code),
    CONSTRAINT ck_ss_candidate_level CHECK (level IN ('ZHUANKE', 'BENKE')),
    CONSTRAINT ck_ss_candidate_sex CHECK (sex IN ('男', '女'))
);

-- The courses a major requires (必考, 本科加考) and the candidate's passes.
CREATE TABLE ss_major_course (
    major_code  VARCHAR(20)  NOT NULL,
    course_code VARCHAR(10)  NOT NULL,
    course_name VARCHAR(100) NOT NULL,
    kind        VARCHAR(20)  NOT NULL,
    CONSTRAINT pk_ss_major_course PRIMARY KEY (major_code, course_code),
    CONSTRAINT ck_ss_major_course_kind CHECK (kind IN ('REQUIRED', 'BACHELOR_EXTRA'))
);

CREATE TABLE ss_grade (
    candidate_no VARCHAR(20)  NOT NULL,
    course_code  VARCHAR(10)  NOT NULL,
    course_name  VARCHAR(100) NOT NULL,
    score        INT          NOT NULL,
    exam_session VARCHAR(20)  NOT NULL,
    CONSTRAINT pk_ss_grade PRIMARY KEY (candidate_no, course_code),
    CONSTRAINT fk_ss_grade_candidate FOREIGN KEY (candidate_no) REFERENCES ss_candidate (candidate_no),
    CONSTRAINT ck_ss_grade_score CHECK (score BETWEEN 0 AND 100)
);

-- The demo's stand-in for the population register (公安人口库), read through selfstudy.PopulationRegister.
CREATE TABLE ss_population_register (
    id_number  VARCHAR(20) NOT NULL,
    name       VARCHAR(50) NOT NULL,
    sex        VARCHAR(2)  NOT NULL,
    birth_date DATE        NOT NULL,
    CONSTRAINT pk_ss_population_register PRIMARY KEY (id_number)
);

CREATE TABLE ss_case (
    id                    BIGINT AUTO_INCREMENT NOT NULL,
    session_code          VARCHAR(20)  NOT NULL,
    candidate_no          VARCHAR(20)  NOT NULL,
    process_instance_id   VARCHAR(64),
    state                 VARCHAR(40)  NOT NULL,
    prior_degree_kind     VARCHAR(30),
    prior_degree_no       VARCHAR(60),
    prior_degree_verified BOOLEAN      NOT NULL DEFAULT FALSE,
    certificate_pending   BOOLEAN      NOT NULL DEFAULT FALSE,
    processing_location   VARCHAR(10),
    character_assessment  VARCHAR(10),
    assessment_unit       VARCHAR(100),
    started_at            TIMESTAMP    NOT NULL,
    updated_at            TIMESTAMP    NOT NULL,
    CONSTRAINT pk_ss_case PRIMARY KEY (id),
    CONSTRAINT uq_ss_case UNIQUE (session_code, candidate_no),
    CONSTRAINT fk_ss_case_session FOREIGN KEY (session_code) REFERENCES ss_session (code),
    CONSTRAINT fk_ss_case_candidate FOREIGN KEY (candidate_no) REFERENCES ss_candidate (candidate_no)
);
CREATE INDEX ix_ss_case_candidate ON ss_case (candidate_no);

-- Findings (R-SS-01..03) and steps, as rows of the case.
CREATE TABLE ss_case_event (
    id          BIGINT AUTO_INCREMENT NOT NULL,
    case_id     BIGINT        NOT NULL,
    step        VARCHAR(40)   NOT NULL,
    rule_id     VARCHAR(20),
    code        VARCHAR(60)   NOT NULL,
    message     VARCHAR(500)  NOT NULL,
    evidence    VARCHAR(1000),
    actor       VARCHAR(64)   NOT NULL,
    recorded_at TIMESTAMP     NOT NULL,
    CONSTRAINT pk_ss_case_event PRIMARY KEY (id),
    CONSTRAINT fk_ss_case_event_case FOREIGN KEY (case_id) REFERENCES ss_case (id)
);
CREATE INDEX ix_ss_case_event_case ON ss_case_event (case_id, id);

-- The three ID images and the certificate photo, out of the engine's variables.
CREATE TABLE ss_document (
    case_id      BIGINT       NOT NULL,
    kind         VARCHAR(20)  NOT NULL,
    file_name    VARCHAR(200) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    content      BLOB         NOT NULL,
    size_bytes   INT          NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    uploaded_by  VARCHAR(64)  NOT NULL,
    uploaded_at  TIMESTAMP    NOT NULL,
    CONSTRAINT pk_ss_document PRIMARY KEY (case_id, kind),
    CONSTRAINT fk_ss_document_case FOREIGN KEY (case_id) REFERENCES ss_case (id),
    CONSTRAINT ck_ss_document_kind CHECK (kind IN ('ID_FRONT', 'ID_BACK', 'ID_HANDHELD', 'CERTIFICATE_PHOTO')),
    CONSTRAINT ck_ss_document_size CHECK (size_bytes > 0)
);

-- A data error the candidate reported: the record is corrected before the next session (R-SS-03).
CREATE TABLE ss_record_correction (
    id           BIGINT AUTO_INCREMENT NOT NULL,
    candidate_no VARCHAR(20)   NOT NULL,
    session_code VARCHAR(20)   NOT NULL,
    description  VARCHAR(1000) NOT NULL,
    requested_at TIMESTAMP     NOT NULL,
    done_at      TIMESTAMP,
    CONSTRAINT pk_ss_record_correction PRIMARY KEY (id),
    CONSTRAINT fk_ss_record_correction_candidate FOREIGN KEY (candidate_no) REFERENCES ss_candidate (candidate_no)
);

-- Issue 15 item 3 (北京开放大学 京开大教〔2021〕46号): admission photo and identity management.

-- 考生号: admission photos are named by it (notice 二(二)3); unique where known (NULLs for students
-- enrolled before it was recorded; H2 and MariaDB both let a unique index hold many NULLs).
ALTER TABLE student ADD COLUMN candidate_no VARCHAR(20);
CREATE UNIQUE INDEX uq_student_candidate_no ON student (candidate_no);

-- A school's enrolment office (招生办/招生部门) and academic affairs office (教务处): each is a Camunda
-- group of its own (not a unit: its staff must not receive the school's graduation-review tasks), and
-- covers the students of the school's units (a branch-tier unit and everything below it).
CREATE TABLE admission_office (
    group_id  VARCHAR(64)  NOT NULL,
    unit_code VARCHAR(32)  NOT NULL,
    office    VARCHAR(20)  NOT NULL,
    name      VARCHAR(100) NOT NULL,
    CONSTRAINT pk_admission_office PRIMARY KEY (group_id),
    CONSTRAINT uq_admission_office UNIQUE (unit_code, office),
    CONSTRAINT fk_admission_office_unit FOREIGN KEY (unit_code) REFERENCES unit (code),
    CONSTRAINT ck_admission_office CHECK (office IN ('ENROLMENT', 'ACADEMIC_AFFAIRS'))
);

-- One admission-review case (processes/admission-review.bpmn): photo comparison (R-ID-04), photo
-- correction of an enrolled student (R-ID-06), prior-degree re-check (R-ID-07). open_kind is the kind
-- while the case is open and NULL once it ended: one open case per student and kind.
CREATE TABLE admission_case (
    id                  BIGINT AUTO_INCREMENT NOT NULL,
    student_no          VARCHAR(32)  NOT NULL,
    kind                VARCHAR(20)  NOT NULL,
    open_kind           VARCHAR(20),
    state               VARCHAR(30)  NOT NULL,
    outcome             VARCHAR(30),
    reason              VARCHAR(1000),
    -- the admission photo the comparison started with, to tell whether the enrolment office replaced it
    photo_sha256        CHAR(64),
    -- R-ID-06: the corrected photo waits here until the enrolment office approved it
    pending_photo       BLOB,
    process_instance_id VARCHAR(64),
    started_by          VARCHAR(64)  NOT NULL,
    started_at          TIMESTAMP    NOT NULL,
    closed_at           TIMESTAMP,
    CONSTRAINT pk_admission_case PRIMARY KEY (id),
    CONSTRAINT uq_admission_case_open UNIQUE (student_no, open_kind),
    CONSTRAINT fk_admission_case_student FOREIGN KEY (student_no) REFERENCES student (student_no),
    CONSTRAINT ck_admission_case_kind CHECK (kind IN ('PHOTO_COMPARISON', 'PHOTO_CORRECTION', 'PRIOR_DEGREE')),
    CONSTRAINT ck_admission_case_open CHECK (open_kind IS NULL OR open_kind = kind)
);
CREATE INDEX ix_admission_case_student ON admission_case (student_no);

-- Each step of a case: who decided what, and why.
CREATE TABLE admission_case_step (
    id         BIGINT AUTO_INCREMENT NOT NULL,
    case_id    BIGINT        NOT NULL,
    step       VARCHAR(40)   NOT NULL,
    decision   VARCHAR(30)   NOT NULL,
    reason     VARCHAR(1000),
    actor      VARCHAR(64)   NOT NULL,
    decided_at TIMESTAMP     NOT NULL,
    CONSTRAINT pk_admission_case_step PRIMARY KEY (id),
    CONSTRAINT fk_admission_case_step_case FOREIGN KEY (case_id) REFERENCES admission_case (id)
);
CREATE INDEX ix_admission_case_step_case ON admission_case_step (case_id);

-- R-ID-04: a proven impostor (冒名顶替). Never registered; no graduation application starts for them.
CREATE TABLE identity_verdict (
    student_no VARCHAR(32)   NOT NULL,
    verdict    VARCHAR(20)   NOT NULL,
    case_id    BIGINT        NOT NULL,
    reason     VARCHAR(1000) NOT NULL,
    decided_by VARCHAR(64)   NOT NULL,
    decided_at TIMESTAMP     NOT NULL,
    CONSTRAINT pk_identity_verdict PRIMARY KEY (student_no),
    CONSTRAINT fk_identity_verdict_student FOREIGN KEY (student_no) REFERENCES student (student_no),
    CONSTRAINT fk_identity_verdict_case FOREIGN KEY (case_id) REFERENCES admission_case (id),
    CONSTRAINT ck_identity_verdict CHECK (verdict IN ('IMPOSTOR'))
);

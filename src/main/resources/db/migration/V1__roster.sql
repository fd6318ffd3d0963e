-- Roster: the unit tree, majors with their course rules, students, grades, exemptions, photos and
-- CHSI status. Written once for H2 and MySQL/MariaDB: table-level constraints only (MySQL ignores
-- inline REFERENCES), no vendor types.

CREATE TABLE unit (
    code          VARCHAR(32)  NOT NULL,
    name          VARCHAR(100) NOT NULL,
    tier          VARCHAR(20)  NOT NULL,
    parent_code   VARCHAR(32),
    -- R-ORG-01: only on a branch; false for a college that approves without a city tier
    has_city_tier BOOLEAN,
    CONSTRAINT pk_unit PRIMARY KEY (code),
    CONSTRAINT fk_unit_parent FOREIGN KEY (parent_code) REFERENCES unit (code),
    CONSTRAINT ck_unit_tier CHECK (tier IN ('HQ', 'BRANCH', 'CITY', 'LEARNING_CENTER')),
    CONSTRAINT ck_unit_parent CHECK ((tier = 'HQ' AND parent_code IS NULL) OR (tier <> 'HQ' AND parent_code IS NOT NULL)),
    CONSTRAINT ck_unit_chain CHECK ((tier = 'BRANCH' AND has_city_tier IS NOT NULL) OR (tier <> 'BRANCH' AND has_city_tier IS NULL))
);

CREATE TABLE major (
    code             VARCHAR(32)  NOT NULL,
    name             VARCHAR(100) NOT NULL,
    level            VARCHAR(10)  NOT NULL,
    min_credits      INT          NOT NULL,
    degree_available BOOLEAN      NOT NULL DEFAULT FALSE,
    -- R-EL-08: which rounds may choose a cooperative (合作) degree
    coop_degree      VARCHAR(20)  NOT NULL DEFAULT 'NONE',
    CONSTRAINT pk_major PRIMARY KEY (code),
    CONSTRAINT ck_major_level CHECK (level IN ('BACHELOR', 'JUNIOR')),
    CONSTRAINT ck_major_credits CHECK (min_credits > 0),
    CONSTRAINT ck_major_coop CHECK (coop_degree IN ('NONE', 'ANY_ROUND', 'FIRST_ROUND_ONLY'))
);

CREATE TABLE course (
    code    VARCHAR(32)  NOT NULL,
    name    VARCHAR(100) NOT NULL,
    credits INT          NOT NULL,
    CONSTRAINT pk_course PRIMARY KEY (code),
    CONSTRAINT ck_course_credits CHECK (credits > 0)
);

CREATE TABLE major_course (
    major_code  VARCHAR(32) NOT NULL,
    course_code VARCHAR(32) NOT NULL,
    -- REQUIRED 必修, PRACTICE 综合实践/毕业论文, SUPPLEMENTARY 补修课 (R-EL-04)
    kind        VARCHAR(20) NOT NULL,
    CONSTRAINT pk_major_course PRIMARY KEY (major_code, course_code),
    CONSTRAINT fk_major_course_major FOREIGN KEY (major_code) REFERENCES major (code),
    CONSTRAINT fk_major_course_course FOREIGN KEY (course_code) REFERENCES course (code),
    CONSTRAINT ck_major_course_kind CHECK (kind IN ('REQUIRED', 'PRACTICE', 'SUPPLEMENTARY'))
);

CREATE TABLE student (
    student_no             VARCHAR(32) NOT NULL,
    name                   VARCHAR(50) NOT NULL,
    id_number              VARCHAR(18) NOT NULL,
    unit_code              VARCHAR(32) NOT NULL,
    major_code             VARCHAR(32) NOT NULL,
    -- YYYYMM: 03 spring (春), 09 autumn (秋)
    enrolment_term         CHAR(6)     NOT NULL,
    status                 VARCHAR(20) NOT NULL DEFAULT 'ENROLLED',
    upgrade_from_junior    BOOLEAN     NOT NULL DEFAULT FALSE,
    continuing             BOOLEAN     NOT NULL DEFAULT FALSE,
    supplementary_required BOOLEAN     NOT NULL DEFAULT FALSE,
    degree_eligible        BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_student PRIMARY KEY (student_no),
    CONSTRAINT uq_student_id_number UNIQUE (id_number),
    CONSTRAINT fk_student_unit FOREIGN KEY (unit_code) REFERENCES unit (code),
    CONSTRAINT fk_student_major FOREIGN KEY (major_code) REFERENCES major (code),
    CONSTRAINT ck_student_status CHECK (status IN ('ENROLLED', 'GRADUATED', 'TERMINATED')),
    CONSTRAINT ck_student_term CHECK (enrolment_term LIKE '____03' OR enrolment_term LIKE '____09')
);
CREATE INDEX ix_student_unit ON student (unit_code);

CREATE TABLE grade (
    id          BIGINT AUTO_INCREMENT NOT NULL,
    student_no  VARCHAR(32)  NOT NULL,
    course_code VARCHAR(32)  NOT NULL,
    score       DECIMAL(5,1) NOT NULL,
    passed      BOOLEAN      NOT NULL,
    exam_date   DATE         NOT NULL,
    CONSTRAINT pk_grade PRIMARY KEY (id),
    CONSTRAINT uq_grade UNIQUE (student_no, course_code, exam_date),
    CONSTRAINT fk_grade_student FOREIGN KEY (student_no) REFERENCES student (student_no),
    CONSTRAINT fk_grade_course FOREIGN KEY (course_code) REFERENCES course (code),
    CONSTRAINT ck_grade_score CHECK (score >= 0 AND score <= 100)
);

CREATE TABLE exemption_application (
    id          BIGINT AUTO_INCREMENT NOT NULL,
    student_no  VARCHAR(32) NOT NULL,
    course_code VARCHAR(32) NOT NULL,
    filed_on    DATE        NOT NULL,
    CONSTRAINT pk_exemption PRIMARY KEY (id),
    CONSTRAINT uq_exemption UNIQUE (student_no, course_code),
    CONSTRAINT fk_exemption_student FOREIGN KEY (student_no) REFERENCES student (student_no),
    CONSTRAINT fk_exemption_course FOREIGN KEY (course_code) REFERENCES course (code)
);

CREATE TABLE photo (
    student_no  VARCHAR(32) NOT NULL,
    kind        VARCHAR(20) NOT NULL,
    content     BLOB        NOT NULL,
    size_bytes  INT         NOT NULL,
    sha256      CHAR(64)    NOT NULL,
    uploaded_at TIMESTAMP   NOT NULL,
    -- R-PH-02: set while an application is under review
    locked      BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_photo PRIMARY KEY (student_no, kind),
    CONSTRAINT fk_photo_student FOREIGN KEY (student_no) REFERENCES student (student_no),
    CONSTRAINT ck_photo_kind CHECK (kind IN ('GRADUATION', 'ADMISSION')),
    CONSTRAINT ck_photo_size CHECK (size_bytes > 0)
);

CREATE TABLE chsi_status (
    student_no        VARCHAR(32) NOT NULL,
    identity_doubtful BOOLEAN     NOT NULL DEFAULT FALSE,
    admission_photo   BOOLEAN     NOT NULL DEFAULT TRUE,
    academic_photo    BOOLEAN     NOT NULL DEFAULT TRUE,
    photo_doubtful    BOOLEAN     NOT NULL DEFAULT FALSE,
    checked_at        TIMESTAMP   NOT NULL,
    CONSTRAINT pk_chsi_status PRIMARY KEY (student_no),
    CONSTRAINT fk_chsi_student FOREIGN KEY (student_no) REFERENCES student (student_no)
);

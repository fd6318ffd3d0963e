-- Issue 15 item 3, R-ID-08 (北京 notice 三(二), 四(五)): students who have not self-checked their CHSI
-- record (学信网学籍自查), listed periodically by a timer, with a reminder (notification) to each unit.

-- The day a student was seen to have self-checked (recorded by the academic affairs office).
CREATE TABLE chsi_self_check (
    student_no  VARCHAR(32) NOT NULL,
    checked_on  DATE        NOT NULL,
    recorded_by VARCHAR(64) NOT NULL,
    recorded_at TIMESTAMP   NOT NULL,
    CONSTRAINT pk_chsi_self_check PRIMARY KEY (student_no),
    CONSTRAINT fk_chsi_self_check_student FOREIGN KEY (student_no) REFERENCES student (student_no)
);

-- One list per school and run; its students as rows.
CREATE TABLE chsi_self_check_list (
    id            BIGINT AUTO_INCREMENT NOT NULL,
    school_code   VARCHAR(32) NOT NULL,
    listed_on     DATE        NOT NULL,
    student_count INT         NOT NULL DEFAULT 0,
    created_at    TIMESTAMP   NOT NULL,
    CONSTRAINT pk_chsi_self_check_list PRIMARY KEY (id),
    CONSTRAINT fk_chsi_self_check_list_unit FOREIGN KEY (school_code) REFERENCES unit (code)
);
CREATE INDEX ix_chsi_self_check_list_school ON chsi_self_check_list (school_code, listed_on);

CREATE TABLE chsi_self_check_list_student (
    list_id    BIGINT      NOT NULL,
    student_no VARCHAR(32) NOT NULL,
    unit_code  VARCHAR(32) NOT NULL,
    CONSTRAINT pk_chsi_self_check_list_student PRIMARY KEY (list_id, student_no),
    CONSTRAINT fk_chsi_self_check_list_student_list FOREIGN KEY (list_id) REFERENCES chsi_self_check_list (id),
    CONSTRAINT fk_chsi_self_check_list_student_student FOREIGN KEY (student_no) REFERENCES student (student_no)
);

-- A reminder about self-checks belongs to no batch.
-- H2's ALTER syntax; MySQL/MariaDB: db/vendor/mysql/V63__chsi_self_check.sql.
ALTER TABLE notification ALTER COLUMN batch_code SET NULL;

-- Issue 10: lists over many students are rows, never a text that grows with the batch.

-- What happened to each case of a list sent to HQ (one job per case): DELIVERED, or NOT_WAITING where
-- the case had left AWAITING_HQ (closed, say) between compiling and sending. NULL: not sent yet.
ALTER TABLE hq_submission_item ADD COLUMN delivery VARCHAR(20);
CREATE INDEX ix_hq_item_student ON hq_submission_item (submission_id, student_no);
-- a case is on at most one open list: compiling asks that of each waiting case
CREATE INDEX ix_hq_item_application ON hq_submission_item (application_id);

-- A notice may name students (the last-chance warning, the terminated): how many, and who, as rows.
ALTER TABLE notification ADD COLUMN student_count INT DEFAULT 0 NOT NULL;
CREATE TABLE notification_student (
    notification_id BIGINT      NOT NULL,
    student_no      VARCHAR(32) NOT NULL,
    CONSTRAINT pk_notification_student PRIMARY KEY (notification_id, student_no),
    CONSTRAINT fk_notification_student_notification FOREIGN KEY (notification_id) REFERENCES notification (id),
    CONSTRAINT fk_notification_student_student FOREIGN KEY (student_no) REFERENCES student (student_no)
);

-- R-BA-04: the cases a batch's close ended, one row each, listed when the close begins and marked as
-- each case's own job closes it (CLOSED, or ALREADY_ENDED where it had ended meanwhile).
CREATE TABLE batch_closure (
    batch_code  CHAR(6)     NOT NULL,
    branch_code VARCHAR(32) NOT NULL,
    student_no  VARCHAR(32) NOT NULL,
    outcome     VARCHAR(20),
    done_at     TIMESTAMP,
    CONSTRAINT pk_batch_closure PRIMARY KEY (batch_code, branch_code, student_no),
    CONSTRAINT fk_batch_closure_batch FOREIGN KEY (batch_code) REFERENCES batch (code),
    CONSTRAINT fk_batch_closure_student FOREIGN KEY (student_no) REFERENCES student (student_no)
);

-- R-EL-02: the 8-year clean-up of a branch on its date, one row per expired student (the report).
CREATE TABLE status_cleanup (
    batch_code     CHAR(6)     NOT NULL,
    branch_code    VARCHAR(32) NOT NULL,
    student_no     VARCHAR(32) NOT NULL,
    unit_code      VARCHAR(32) NOT NULL,
    enrolment_term CHAR(6)     NOT NULL,
    outcome        VARCHAR(20),
    done_at        TIMESTAMP,
    CONSTRAINT pk_status_cleanup PRIMARY KEY (batch_code, branch_code, student_no),
    CONSTRAINT fk_status_cleanup_batch FOREIGN KEY (batch_code) REFERENCES batch (code),
    CONSTRAINT fk_status_cleanup_student FOREIGN KEY (student_no) REFERENCES student (student_no)
);
CREATE INDEX ix_status_cleanup_unit ON status_cleanup (batch_code, branch_code, unit_code, student_no);

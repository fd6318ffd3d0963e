-- Batches (R-BA-01) and each branch's calendar for a batch (R-BA-02/03/05). Issue 5 adds the
-- phases and timers; the columns here are what the per-student chain needs today.

CREATE TABLE batch (
    code                   CHAR(6)      NOT NULL,
    name                   VARCHAR(100) NOT NULL,
    -- R-BA-02: only exams on or before this date count
    grade_cutoff           DATE         NOT NULL,
    -- R-BA-05: 20 January or 20 July of the batch year
    certificate_issue_date DATE         NOT NULL,
    CONSTRAINT pk_batch PRIMARY KEY (code),
    CONSTRAINT ck_batch_code CHECK (code LIKE '____01' OR code LIKE '____07')
);

CREATE TABLE batch_calendar (
    batch_code         CHAR(6)     NOT NULL,
    branch_code        VARCHAR(32) NOT NULL,
    -- R-BA-02: enrolment terms in scope, YYYYMM inclusive
    scope_from_term    CHAR(6)     NOT NULL,
    scope_to_term      CHAR(6)     NOT NULL,
    -- R-EL-05: exemption applications filed after this day bar the student
    exemption_cutoff   DATE        NOT NULL,
    first_round_open   DATE        NOT NULL,
    first_round_close  DATE        NOT NULL,
    second_round_open  DATE        NOT NULL,
    second_round_close DATE        NOT NULL,
    city_review_due    DATE        NOT NULL,
    branch_review_due  DATE        NOT NULL,
    hq_review_due      DATE        NOT NULL,
    CONSTRAINT pk_batch_calendar PRIMARY KEY (batch_code, branch_code),
    CONSTRAINT fk_calendar_batch FOREIGN KEY (batch_code) REFERENCES batch (code),
    CONSTRAINT fk_calendar_branch FOREIGN KEY (branch_code) REFERENCES unit (code),
    CONSTRAINT ck_calendar_scope CHECK (scope_from_term <= scope_to_term),
    CONSTRAINT ck_calendar_rounds CHECK (first_round_open <= first_round_close
        AND first_round_close <= second_round_open AND second_round_open <= second_round_close)
);

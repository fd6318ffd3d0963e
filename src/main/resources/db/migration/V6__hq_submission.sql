-- Issue 5: the branch's proposed list for HQ final review (拟上报总部终审名单), confirmed by each
-- city and re-issued until every city agrees (DOMAIN.md §7 step 5).

CREATE TABLE hq_submission (
    id                  BIGINT AUTO_INCREMENT NOT NULL,
    batch_code          CHAR(6)     NOT NULL,
    branch_code         VARCHAR(32) NOT NULL,
    process_instance_id VARCHAR(64),
    issue_no            INT         NOT NULL,
    state               VARCHAR(20) NOT NULL,
    created_at          TIMESTAMP   NOT NULL,
    submitted_at        TIMESTAMP,
    turnaround_due      TIMESTAMP,
    CONSTRAINT pk_hq_submission PRIMARY KEY (id),
    CONSTRAINT fk_hq_submission_batch FOREIGN KEY (batch_code) REFERENCES batch (code),
    CONSTRAINT fk_hq_submission_branch FOREIGN KEY (branch_code) REFERENCES unit (code),
    CONSTRAINT ck_hq_submission_state CHECK (state IN ('CONFIRMING', 'SUBMITTED', 'EMPTY'))
);

-- The cases on a list; a case is on at most one list at a time while it waits for HQ.
CREATE TABLE hq_submission_item (
    submission_id  BIGINT      NOT NULL,
    application_id BIGINT      NOT NULL,
    student_no     VARCHAR(32) NOT NULL,
    city_code      VARCHAR(32),
    excluded       BOOLEAN     DEFAULT FALSE NOT NULL,
    CONSTRAINT pk_hq_submission_item PRIMARY KEY (submission_id, application_id),
    CONSTRAINT fk_hq_item_submission FOREIGN KEY (submission_id) REFERENCES hq_submission (id),
    CONSTRAINT fk_hq_item_application FOREIGN KEY (application_id) REFERENCES application (id)
);

-- Each city's answer to each issue of the list: append-only.
CREATE TABLE hq_submission_confirmation (
    id            BIGINT AUTO_INCREMENT NOT NULL,
    submission_id BIGINT        NOT NULL,
    issue_no      INT           NOT NULL,
    city_code     VARCHAR(32)   NOT NULL,
    decision      VARCHAR(10)   NOT NULL,
    corrections   VARCHAR(2000),
    user_id       VARCHAR(64)   NOT NULL,
    decided_at    TIMESTAMP     NOT NULL,
    CONSTRAINT pk_hq_submission_confirmation PRIMARY KEY (id),
    CONSTRAINT fk_hq_confirmation_submission FOREIGN KEY (submission_id) REFERENCES hq_submission (id),
    CONSTRAINT ck_hq_confirmation_decision CHECK (decision IN ('CONFIRM', 'RETURN'))
);

-- Issue 12: long work (imports, photo ZIPs, bulk decisions) runs as a job in the background. The job, its
-- upload, its per-row results and its counters are rows, so progress and reports survive a restart and
-- any node sharing the database can resume a job whose node died (stale heartbeat).
CREATE TABLE bulk_job (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    kind         VARCHAR(40)   NOT NULL,
    state        VARCHAR(12)   NOT NULL,
    owner_id     VARCHAR(64)   NOT NULL,
    params       VARCHAR(4000) NOT NULL,
    input_size   BIGINT        NOT NULL DEFAULT 0,
    total        BIGINT        NOT NULL DEFAULT 0,
    processed    BIGINT        NOT NULL DEFAULT 0,
    applied      BIGINT        NOT NULL DEFAULT 0,
    message      VARCHAR(1000),
    node         VARCHAR(100),
    attempts     INT           NOT NULL DEFAULT 0,
    created_at   TIMESTAMP     NOT NULL,
    started_at   TIMESTAMP     NULL,
    heartbeat_at TIMESTAMP     NULL,
    finished_at  TIMESTAMP     NULL,
    CONSTRAINT ck_bulk_job_state CHECK (state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'ROLLED_BACK'))
);
CREATE INDEX ix_bulk_job_state ON bulk_job (state, heartbeat_at);
CREATE INDEX ix_bulk_job_owner ON bulk_job (owner_id, created_at);

-- The upload in chunks of at most 1 MB (MySQL's max_allowed_packet stays far away); deleted when the job ends.
CREATE TABLE bulk_job_input (
    job_id  VARCHAR(36) NOT NULL,
    seq     INT         NOT NULL,
    content BLOB        NOT NULL,
    PRIMARY KEY (job_id, seq),
    CONSTRAINT fk_bulk_job_input_job FOREIGN KEY (job_id) REFERENCES bulk_job (id) ON DELETE CASCADE
);

-- One row per reported row, ZIP entry or student: the job's errors, entries and results.
CREATE TABLE bulk_job_item (
    job_id      VARCHAR(36)   NOT NULL,
    seq         BIGINT        NOT NULL,
    row_no      INT           NULL,
    column_name VARCHAR(100)  NULL,
    item_key    VARCHAR(255)  NULL,
    result      VARCHAR(30)   NULL,
    code        VARCHAR(60)   NULL,
    message     VARCHAR(1000) NULL,
    is_error    BOOLEAN       NOT NULL,
    PRIMARY KEY (job_id, seq),
    CONSTRAINT fk_bulk_job_item_job FOREIGN KEY (job_id) REFERENCES bulk_job (id) ON DELETE CASCADE
);
CREATE INDEX ix_bulk_job_item_error ON bulk_job_item (job_id, is_error, seq);

CREATE TABLE bulk_job_count (
    job_id VARCHAR(36) NOT NULL,
    name   VARCHAR(60) NOT NULL,
    amount BIGINT      NOT NULL,
    PRIMARY KEY (job_id, name),
    CONSTRAINT fk_bulk_job_count_job FOREIGN KEY (job_id) REFERENCES bulk_job (id) ON DELETE CASCADE
);

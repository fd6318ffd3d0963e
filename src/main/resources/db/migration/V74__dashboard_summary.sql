-- Issue 14: the dashboard's state counts and trend from a summary instead of every student and application of the
-- unit. Written in the same transaction as each change by triggers (V75: SQL on MySQL/MariaDB, a Java class on H2),
-- so every writer keeps it exact, the imports, the sweeps and rows written straight into the tables alike.
-- A writer only ever INSERTs a delta row (+1/-1): concurrent approvals of one centre take no lock on a shared row.
-- DashboardSummary folds the deltas into the totals now and then and reconciles the summary with the tables at start;
-- a reader adds totals and deltas up in one statement.

-- Students per batch, centre and application state. NOT_APPLIED is kept as the centre's ENROLLED students
-- (batch_code '*', every batch) minus, per batch, those of them with an application of the batch.
CREATE TABLE dashboard_count (
    batch_code VARCHAR(6)  NOT NULL,
    centre     VARCHAR(32) NOT NULL,
    state      VARCHAR(20) NOT NULL,
    n          BIGINT      NOT NULL,
    CONSTRAINT pk_dashboard_count PRIMARY KEY (batch_code, centre, state)
);
CREATE TABLE dashboard_count_delta (
    id         BIGINT AUTO_INCREMENT NOT NULL,
    batch_code VARCHAR(6)  NOT NULL,
    centre     VARCHAR(32) NOT NULL,
    state      VARCHAR(20) NOT NULL,
    n          BIGINT      NOT NULL,
    CONSTRAINT pk_dashboard_count_delta PRIMARY KEY (id)
);
CREATE INDEX ix_dashboard_count_delta ON dashboard_count_delta (batch_code, centre, state, n);

-- The trail's APPLY, APPROVE, REJECT and AUTO_REJECT entries per batch, centre (the student's, now) and day.
CREATE TABLE dashboard_day (
    batch_code VARCHAR(6)  NOT NULL,
    centre     VARCHAR(32) NOT NULL,
    decided_on DATE        NOT NULL,
    decision   VARCHAR(30) NOT NULL,
    n          BIGINT      NOT NULL,
    CONSTRAINT pk_dashboard_day PRIMARY KEY (batch_code, centre, decided_on, decision)
);
CREATE TABLE dashboard_day_delta (
    id         BIGINT AUTO_INCREMENT NOT NULL,
    batch_code VARCHAR(6)  NOT NULL,
    centre     VARCHAR(32) NOT NULL,
    decided_on DATE        NOT NULL,
    decision   VARCHAR(30) NOT NULL,
    n          BIGINT      NOT NULL,
    CONSTRAINT pk_dashboard_day_delta PRIMARY KEY (id)
);
CREATE INDEX ix_dashboard_day_delta ON dashboard_day_delta (batch_code, centre, decided_on, decision, n);

-- One row, locked by whoever folds or reconciles (two nodes must not add the same deltas twice).
CREATE TABLE dashboard_fold (
    id INT NOT NULL,
    CONSTRAINT pk_dashboard_fold PRIMARY KEY (id)
);
INSERT INTO dashboard_fold (id) VALUES (1);

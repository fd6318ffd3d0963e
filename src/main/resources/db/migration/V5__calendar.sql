-- Issue 5: the full batch calendar of a branch (R-BA-03, R-BA-07) and narrower city windows.
-- Second-round phases are optional: a branch without them opens the whole second round to all.

ALTER TABLE batch_calendar ADD COLUMN upgrade_phase_open DATE;
ALTER TABLE batch_calendar ADD COLUMN upgrade_phase_close DATE;
ALTER TABLE batch_calendar ADD COLUMN regular_phase_open DATE;
ALTER TABLE batch_calendar ADD COLUMN regular_phase_close DATE;
ALTER TABLE batch_calendar ADD COLUMN makeup_phase_open DATE;
ALTER TABLE batch_calendar ADD COLUMN makeup_phase_close DATE;
ALTER TABLE batch_calendar ADD COLUMN grade_recheck_deadline DATE;
ALTER TABLE batch_calendar ADD COLUMN coop_material_deadline DATE;
ALTER TABLE batch_calendar ADD COLUMN statistics_due DATE;
ALTER TABLE batch_calendar ADD COLUMN expiry_cleanup_date DATE;
ALTER TABLE batch_calendar ADD COLUMN reminder_days INT DEFAULT 3 NOT NULL;

-- A city branch may set a narrower window per round for its centres inside the branch's (R-BA-03).
CREATE TABLE city_window (
    batch_code        CHAR(6)     NOT NULL,
    city_code         VARCHAR(32) NOT NULL,
    application_round VARCHAR(10) NOT NULL,
    window_open       DATE        NOT NULL,
    window_close      DATE        NOT NULL,
    CONSTRAINT pk_city_window PRIMARY KEY (batch_code, city_code, application_round),
    CONSTRAINT ck_city_window_round CHECK (application_round IN ('FIRST', 'SECOND')),
    CONSTRAINT fk_city_window_batch FOREIGN KEY (batch_code) REFERENCES batch (code),
    CONSTRAINT fk_city_window_city FOREIGN KEY (city_code) REFERENCES unit (code),
    CONSTRAINT ck_city_window CHECK (window_open <= window_close)
);

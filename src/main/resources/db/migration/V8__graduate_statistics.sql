-- Issue 5: each city's graduate statistics report (毕业生人数统计表, R-BA-07), one per unit and batch.
CREATE TABLE graduate_statistics (
    batch_code        CHAR(6)       NOT NULL,
    unit_code         VARCHAR(32)   NOT NULL,
    graduates         INT           NOT NULL,
    degree_applicants INT           NOT NULL,
    note              VARCHAR(1000),
    reported_by       VARCHAR(64)   NOT NULL,
    reported_at       TIMESTAMP     NOT NULL,
    CONSTRAINT pk_graduate_statistics PRIMARY KEY (batch_code, unit_code),
    CONSTRAINT fk_statistics_batch FOREIGN KEY (batch_code) REFERENCES batch (code),
    CONSTRAINT fk_statistics_unit FOREIGN KEY (unit_code) REFERENCES unit (code),
    CONSTRAINT ck_statistics_counts CHECK (graduates >= 0 AND degree_applicants >= 0 AND degree_applicants <= graduates)
);

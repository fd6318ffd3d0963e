-- Issue 5: reminders and notices to units (window opening, closing soon, closed), kept for the
-- unit to read and for the record.
CREATE TABLE notification (
    id         BIGINT AUTO_INCREMENT NOT NULL,
    unit_code  VARCHAR(32)   NOT NULL,
    batch_code CHAR(6)       NOT NULL,
    kind       VARCHAR(30)   NOT NULL,
    message    VARCHAR(1000) NOT NULL,
    created_at TIMESTAMP     NOT NULL,
    CONSTRAINT pk_notification PRIMARY KEY (id),
    CONSTRAINT fk_notification_unit FOREIGN KEY (unit_code) REFERENCES unit (code),
    CONSTRAINT fk_notification_batch FOREIGN KEY (batch_code) REFERENCES batch (code)
);
CREATE INDEX ix_notification_unit ON notification (unit_code, created_at);

-- Issue 11: the calendars the notices give. 山东 202601 and 生命健康 202307 name no exemption cut-off
-- (R-EL-05) and a scope open on one side (R-BA-02: 2018春及以后; 2021春及以前), so these columns may
-- be NULL: NULL scope side = no bound there, NULL cut-off = no exemption bars the student.
-- ck_calendar_scope (from <= to) stays: with a NULL side it is unknown, which a CHECK lets pass.
-- MySQL/MariaDB's ALTER syntax (MODIFY restates the type); H2: db/vendor/h2/V41__calendar_optional.sql.
ALTER TABLE batch_calendar
    MODIFY scope_from_term  CHAR(6) NULL,
    MODIFY scope_to_term    CHAR(6) NULL,
    MODIFY exemption_cutoff DATE    NULL;

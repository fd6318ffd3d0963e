-- Issue 12: the case list's filters over a unit's students (GET /api/batches/{b}/cases).
-- 入学学期 within a centre, 姓名 prefix search, and the blocking findings by case (是否满足毕业条件) and by rule.
-- (unit_code, status, enrolment_term) with the key: a unit's list is counted and sorted from the index alone.
CREATE INDEX ix_student_unit_status_term ON student (unit_code, status, enrolment_term);
CREATE INDEX ix_student_name ON student (name);
CREATE INDEX ix_finding_blocking ON finding (application_id, severity, rule_id);
CREATE INDEX ix_finding_rule ON finding (rule_id, severity, application_id);

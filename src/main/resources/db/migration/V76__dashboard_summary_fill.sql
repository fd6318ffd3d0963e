-- Issue 14: V74's summary filled from the tables as they are (V75's triggers keep it from here on);
-- the same rows as DashboardSummary.COUNT_DRIFT and DAY_DRIFT over an empty summary.
INSERT INTO dashboard_count (batch_code, centre, state, n)
SELECT '*', unit_code, 'NOT_APPLIED', COUNT(*) FROM student WHERE status = 'ENROLLED' GROUP BY unit_code;
INSERT INTO dashboard_count (batch_code, centre, state, n)
SELECT a.batch_code, s.unit_code, a.state, COUNT(*) FROM application a JOIN student s ON s.student_no = a.student_no
GROUP BY a.batch_code, s.unit_code, a.state;
INSERT INTO dashboard_count (batch_code, centre, state, n)
SELECT a.batch_code, s.unit_code, 'NOT_APPLIED', -COUNT(*) FROM application a JOIN student s ON s.student_no = a.student_no
WHERE s.status = 'ENROLLED' GROUP BY a.batch_code, s.unit_code;
INSERT INTO dashboard_day (batch_code, centre, decided_on, decision, n)
SELECT a.batch_code, s.unit_code, CAST(d.decided_at AS DATE), d.decision, COUNT(*)
FROM decision_log d JOIN application a ON a.id = d.application_id JOIN student s ON s.student_no = a.student_no
WHERE d.decision IN ('APPLY', 'APPROVE', 'REJECT', 'AUTO_REJECT')
GROUP BY a.batch_code, s.unit_code, CAST(d.decided_at AS DATE), d.decision;

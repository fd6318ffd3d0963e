-- Issue 14: V74's summary kept by triggers, in the writer's transaction. Each trigger INSERTs deltas only: what the
-- changed row added to the summary before (negated) and adds now, summed per key, zeros left out. The trail's kinds
-- are the dashboard's trend (BatchDashboard.TREND). H2 runs the same rules in cn.gradflow.cases.DashboardSummaryTrigger.
-- With binary logging on, creating triggers needs SUPER or log_bin_trust_function_creators=1 (README).

CREATE TRIGGER tr_dashboard_student_insert AFTER INSERT ON student FOR EACH ROW
INSERT INTO dashboard_count_delta (batch_code, centre, state, n)
SELECT '*', NEW.unit_code, 'NOT_APPLIED', 1 FROM DUAL WHERE NEW.status = 'ENROLLED';

CREATE TRIGGER tr_dashboard_student_delete AFTER DELETE ON student FOR EACH ROW
INSERT INTO dashboard_count_delta (batch_code, centre, state, n)
SELECT '*', OLD.unit_code, 'NOT_APPLIED', -1 FROM DUAL WHERE OLD.status = 'ENROLLED';

-- a status or centre change: the student's own count and each of their applications' (its state under the centre,
-- and not NOT_APPLIED of its batch while enrolled)
CREATE TRIGGER tr_dashboard_student_update AFTER UPDATE ON student FOR EACH ROW
INSERT INTO dashboard_count_delta (batch_code, centre, state, n)
SELECT x.batch_code, x.centre, x.state, SUM(x.n) FROM (
    SELECT '*' AS batch_code, OLD.unit_code AS centre, 'NOT_APPLIED' AS state, -1 AS n FROM DUAL WHERE OLD.status = 'ENROLLED'
    UNION ALL SELECT '*', NEW.unit_code, 'NOT_APPLIED', 1 FROM DUAL WHERE NEW.status = 'ENROLLED'
    UNION ALL SELECT a.batch_code, OLD.unit_code, a.state, -1 FROM application a WHERE a.student_no = OLD.student_no
    UNION ALL SELECT a.batch_code, OLD.unit_code, 'NOT_APPLIED', 1 FROM application a WHERE a.student_no = OLD.student_no AND OLD.status = 'ENROLLED'
    UNION ALL SELECT a.batch_code, NEW.unit_code, a.state, 1 FROM application a WHERE a.student_no = NEW.student_no
    UNION ALL SELECT a.batch_code, NEW.unit_code, 'NOT_APPLIED', -1 FROM application a WHERE a.student_no = NEW.student_no AND NEW.status = 'ENROLLED'
) x WHERE NOT (OLD.status <=> NEW.status AND OLD.unit_code <=> NEW.unit_code AND OLD.student_no <=> NEW.student_no)
GROUP BY x.batch_code, x.centre, x.state HAVING SUM(x.n) <> 0;

-- a centre change moves the student's trail too (the trend counts by the student's centre now)
CREATE TRIGGER tr_dashboard_student_update_days AFTER UPDATE ON student FOR EACH ROW
INSERT INTO dashboard_day_delta (batch_code, centre, decided_on, decision, n)
SELECT x.batch_code, x.centre, x.decided_on, x.decision, SUM(x.n) FROM (
    SELECT a.batch_code AS batch_code, OLD.unit_code AS centre, DATE(d.decided_at) AS decided_on, d.decision AS decision, -1 AS n
        FROM application a JOIN decision_log d ON d.application_id = a.id
        WHERE a.student_no = OLD.student_no AND d.decision IN ('APPLY', 'APPROVE', 'REJECT', 'AUTO_REJECT')
        AND NOT (OLD.unit_code <=> NEW.unit_code AND OLD.student_no <=> NEW.student_no)
    UNION ALL SELECT a.batch_code, NEW.unit_code, DATE(d.decided_at), d.decision, 1
        FROM application a JOIN decision_log d ON d.application_id = a.id
        WHERE a.student_no = NEW.student_no AND d.decision IN ('APPLY', 'APPROVE', 'REJECT', 'AUTO_REJECT')
        AND NOT (OLD.unit_code <=> NEW.unit_code AND OLD.student_no <=> NEW.student_no)
) x GROUP BY x.batch_code, x.centre, x.decided_on, x.decision HAVING SUM(x.n) <> 0;

CREATE TRIGGER tr_dashboard_application_insert AFTER INSERT ON application FOR EACH ROW
INSERT INTO dashboard_count_delta (batch_code, centre, state, n)
SELECT NEW.batch_code, s.unit_code, NEW.state, 1 FROM student s WHERE s.student_no = NEW.student_no
UNION ALL SELECT NEW.batch_code, s.unit_code, 'NOT_APPLIED', -1 FROM student s WHERE s.student_no = NEW.student_no AND s.status = 'ENROLLED';

CREATE TRIGGER tr_dashboard_application_delete AFTER DELETE ON application FOR EACH ROW
INSERT INTO dashboard_count_delta (batch_code, centre, state, n)
SELECT OLD.batch_code, s.unit_code, OLD.state, -1 FROM student s WHERE s.student_no = OLD.student_no
UNION ALL SELECT OLD.batch_code, s.unit_code, 'NOT_APPLIED', 1 FROM student s WHERE s.student_no = OLD.student_no AND s.status = 'ENROLLED';

-- a state change (an approval: one -1 and one +1); a changed batch or student moves NOT_APPLIED too
CREATE TRIGGER tr_dashboard_application_update AFTER UPDATE ON application FOR EACH ROW
INSERT INTO dashboard_count_delta (batch_code, centre, state, n)
SELECT x.batch_code, x.centre, x.state, SUM(x.n) FROM (
    SELECT OLD.batch_code AS batch_code, s.unit_code AS centre, OLD.state AS state, -1 AS n FROM student s WHERE s.student_no = OLD.student_no
    UNION ALL SELECT OLD.batch_code, s.unit_code, 'NOT_APPLIED', 1 FROM student s WHERE s.student_no = OLD.student_no AND s.status = 'ENROLLED'
    UNION ALL SELECT NEW.batch_code, s.unit_code, NEW.state, 1 FROM student s WHERE s.student_no = NEW.student_no
    UNION ALL SELECT NEW.batch_code, s.unit_code, 'NOT_APPLIED', -1 FROM student s WHERE s.student_no = NEW.student_no AND s.status = 'ENROLLED'
) x WHERE NOT (OLD.state <=> NEW.state AND OLD.batch_code <=> NEW.batch_code AND OLD.student_no <=> NEW.student_no)
GROUP BY x.batch_code, x.centre, x.state HAVING SUM(x.n) <> 0;

-- a changed batch or student of an application moves its trail
CREATE TRIGGER tr_dashboard_application_update_days AFTER UPDATE ON application FOR EACH ROW
INSERT INTO dashboard_day_delta (batch_code, centre, decided_on, decision, n)
SELECT x.batch_code, x.centre, x.decided_on, x.decision, SUM(x.n) FROM (
    SELECT OLD.batch_code AS batch_code, s.unit_code AS centre, DATE(d.decided_at) AS decided_on, d.decision AS decision, -1 AS n
        FROM decision_log d JOIN student s ON s.student_no = OLD.student_no
        WHERE d.application_id = OLD.id AND d.decision IN ('APPLY', 'APPROVE', 'REJECT', 'AUTO_REJECT')
        AND NOT (OLD.batch_code <=> NEW.batch_code AND OLD.student_no <=> NEW.student_no AND OLD.id <=> NEW.id)
    UNION ALL SELECT NEW.batch_code, s.unit_code, DATE(d.decided_at), d.decision, 1
        FROM decision_log d JOIN student s ON s.student_no = NEW.student_no
        WHERE d.application_id = NEW.id AND d.decision IN ('APPLY', 'APPROVE', 'REJECT', 'AUTO_REJECT')
        AND NOT (OLD.batch_code <=> NEW.batch_code AND OLD.student_no <=> NEW.student_no AND OLD.id <=> NEW.id)
) x GROUP BY x.batch_code, x.centre, x.decided_on, x.decision HAVING SUM(x.n) <> 0;

CREATE TRIGGER tr_dashboard_decision_insert AFTER INSERT ON decision_log FOR EACH ROW
INSERT INTO dashboard_day_delta (batch_code, centre, decided_on, decision, n)
SELECT a.batch_code, s.unit_code, DATE(NEW.decided_at), NEW.decision, 1 FROM application a JOIN student s ON s.student_no = a.student_no
WHERE a.id = NEW.application_id AND NEW.decision IN ('APPLY', 'APPROVE', 'REJECT', 'AUTO_REJECT');

CREATE TRIGGER tr_dashboard_decision_delete AFTER DELETE ON decision_log FOR EACH ROW
INSERT INTO dashboard_day_delta (batch_code, centre, decided_on, decision, n)
SELECT a.batch_code, s.unit_code, DATE(OLD.decided_at), OLD.decision, -1 FROM application a JOIN student s ON s.student_no = a.student_no
WHERE a.id = OLD.application_id AND OLD.decision IN ('APPLY', 'APPROVE', 'REJECT', 'AUTO_REJECT');

CREATE TRIGGER tr_dashboard_decision_update AFTER UPDATE ON decision_log FOR EACH ROW
INSERT INTO dashboard_day_delta (batch_code, centre, decided_on, decision, n)
SELECT x.batch_code, x.centre, x.decided_on, x.decision, SUM(x.n) FROM (
    SELECT a.batch_code AS batch_code, s.unit_code AS centre, DATE(OLD.decided_at) AS decided_on, OLD.decision AS decision, -1 AS n
        FROM application a JOIN student s ON s.student_no = a.student_no
        WHERE a.id = OLD.application_id AND OLD.decision IN ('APPLY', 'APPROVE', 'REJECT', 'AUTO_REJECT')
    UNION ALL SELECT a.batch_code, s.unit_code, DATE(NEW.decided_at), NEW.decision, 1
        FROM application a JOIN student s ON s.student_no = a.student_no
        WHERE a.id = NEW.application_id AND NEW.decision IN ('APPLY', 'APPROVE', 'REJECT', 'AUTO_REJECT')
) x WHERE NOT (OLD.application_id <=> NEW.application_id AND OLD.decided_at <=> NEW.decided_at AND OLD.decision <=> NEW.decision)
GROUP BY x.batch_code, x.centre, x.decided_on, x.decision HAVING SUM(x.n) <> 0;

-- Issue 13: a writer of many new students (the roster import, through RosterWriter.students) adds them to the
-- dashboard summary itself, one delta per centre for the batch (cases.StudentsCounted), and sets
-- @gradflow_students_counted on its connection while it inserts; this trigger then leaves that connection's new
-- students to it. Every other insert, and every update and delete, is counted as in V75. An IF instead of V75's
-- INSERT ... SELECT ... WHERE: a skipped row runs no statement, a counted one a plain INSERT ... VALUES.
-- H2's rule is in cn.gradflow.cases.DashboardSummaryTrigger (no migration there).
DROP TRIGGER tr_dashboard_student_insert;

DELIMITER //
CREATE TRIGGER tr_dashboard_student_insert AFTER INSERT ON student FOR EACH ROW
IF NEW.status = 'ENROLLED' AND @gradflow_students_counted IS NULL THEN
    INSERT INTO dashboard_count_delta (batch_code, centre, state, n) VALUES ('*', NEW.unit_code, 'NOT_APPLIED', 1);
END IF//
DELIMITER ;

-- Issue 14: V74's summary kept by triggers in the writer's transaction: the same rules as MySQL's V75, in Java
-- (cn.gradflow.cases.DashboardSummaryTrigger; H2 runs triggers as classes). Renaming that class breaks opening
-- an existing database: keep the name, or drop and recreate these triggers in a migration.
CREATE TRIGGER tr_dashboard_student AFTER INSERT, UPDATE, DELETE ON student FOR EACH ROW
    CALL 'cn.gradflow.cases.DashboardSummaryTrigger';
CREATE TRIGGER tr_dashboard_application AFTER INSERT, UPDATE, DELETE ON application FOR EACH ROW
    CALL 'cn.gradflow.cases.DashboardSummaryTrigger';
CREATE TRIGGER tr_dashboard_decision AFTER INSERT, UPDATE, DELETE ON decision_log FOR EACH ROW
    CALL 'cn.gradflow.cases.DashboardSummaryTrigger';

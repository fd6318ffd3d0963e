-- Issue 13: a case's due dates on its row (the same columns as MySQL's V77, which says why). H2 rebuilds the table for
-- ADD COLUMN and re-creates its triggers on the rebuilt copy under the copy's temporary name, which the Java trigger
-- (V75, cn.gradflow.cases.DashboardSummaryTrigger, keyed by table name) does not know until the database is reopened:
-- the trigger is dropped first and created again on the finished table.
DROP TRIGGER tr_dashboard_application;
ALTER TABLE application ADD COLUMN lc_due DATE;
ALTER TABLE application ADD COLUMN city_due DATE;
ALTER TABLE application ADD COLUMN branch_due DATE;
ALTER TABLE application ADD COLUMN hq_due DATE;
CREATE TRIGGER tr_dashboard_application AFTER INSERT, UPDATE, DELETE ON application FOR EACH ROW
    CALL 'cn.gradflow.cases.DashboardSummaryTrigger';

-- Issue 14: the dashboard's rejection reasons, trend and blocking rules can start from the few rows they count
-- (a REJECT among the trail, the last 30 days of some decisions, the blocking findings) instead of from every student
-- of the unit; the optimizer picks that side when the unit is large (a branch, HQ) and the students' side for a
-- small centre. The application's id rides along, so the join back to the case reads no other row first.
CREATE INDEX ix_decision_kind_day ON decision_log (decision, decided_at, application_id);
CREATE INDEX ix_finding_severity_rule ON finding (severity, rule_id, application_id);

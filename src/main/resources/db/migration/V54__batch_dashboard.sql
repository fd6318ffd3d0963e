-- Issue 14: the batch dashboard's GROUP BYs over a province's 100,000 students.
-- The trail by application, decision and day (rejection reasons, trends per day) read from the index alone;
-- an application's state next to its key, so the state counts need not read the rows.
CREATE INDEX ix_decision_application_kind ON decision_log (application_id, decision, decided_at);
CREATE INDEX ix_application_batch_student_state ON application (batch_code, student_no, state);

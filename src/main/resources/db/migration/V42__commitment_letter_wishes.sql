-- Issue 11, R-EL-09: the commitment letter (承诺书) records the student's wishes, not only that it
-- exists (广东 202401: 严禁学习中心代学生做主). What the letter says is kept beside what was applied
-- for: GRADUATION (仅申请毕业) or GRADUATION_DEGREE (申请毕业并申请学位) and, with a degree, OUC or COOP.
-- Null without a letter (and for applications made before this migration). H2 and MySQL alike.
ALTER TABLE application ADD COLUMN letter_kind VARCHAR(20);
ALTER TABLE application ADD COLUMN letter_degree_type VARCHAR(10);
ALTER TABLE application ADD CONSTRAINT ck_application_letter_kind
    CHECK (letter_kind IS NULL OR letter_kind IN ('GRADUATION', 'GRADUATION_DEGREE'));
ALTER TABLE application ADD CONSTRAINT ck_application_letter_degree
    CHECK (letter_degree_type IS NULL OR letter_degree_type IN ('OUC', 'COOP'));

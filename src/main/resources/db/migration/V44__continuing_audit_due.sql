-- Issue 11, R-BA-08: continuing students (专科续读本科) are audited early, by their own deadline
-- (生命健康 202307: "秋季招生截止日期前一周的周一"). Optional: NULL where the branch's notice names none,
-- then continuing students keep the ordinary due dates. Plain SQL for H2 and MySQL alike.
ALTER TABLE batch_calendar ADD COLUMN continuing_audit_due DATE NULL;

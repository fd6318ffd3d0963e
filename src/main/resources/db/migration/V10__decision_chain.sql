-- Issue 6: the decision trail is hash-chained per application, so a changed or removed entry shows.
ALTER TABLE decision_log ADD COLUMN prev_hash CHAR(64);
ALTER TABLE decision_log ADD COLUMN entry_hash CHAR(64);

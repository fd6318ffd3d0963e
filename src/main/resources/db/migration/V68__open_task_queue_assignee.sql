-- Issue 13: the officer's page filtered by assignee (assignee=none, assignee=me) read one range of this index in due
-- order, page and count alike. With ix_open_task_queue alone the filter was checked row by row, and MariaDB read a
-- queue of 100,000 unclaimed tasks by a full scan for the count. ix_open_task_assignee (assignee first) served only
-- assignee=me and is replaced, so a task's write keeps three indexes.
CREATE INDEX ix_open_task_queue_assignee ON open_task (batch_code, candidate_group, assignee, due_at, task_id);
DROP INDEX ix_open_task_assignee ON open_task;

-- Issue 13, item 2: the open tasks of the engine as list pages read them, one row per task, written by
-- opentasks.OpenTaskProjection in the transaction of the engine's change (create, assignment, update,
-- complete, delete) and checked against ACT_RU_TASK at every start (opentasks.OpenTasks#reconcile).
-- A page of a unit's queue in a batch, by due date, is read from ix_open_task_queue alone: Tasklist's own
-- query joins ACT_RU_VARIABLE for the batch and ACT_RU_AUTHORIZATION for the user and reads every open task.
CREATE TABLE open_task (
    task_id             VARCHAR(64)  NOT NULL,
    process_instance_id VARCHAR(64)  NOT NULL,
    process_key         VARCHAR(255) NOT NULL,
    task_key            VARCHAR(255),
    -- the BPMN element's plain name (分校审批), not the task's title with the student in it
    step                VARCHAR(255),
    -- the unit whose queue holds the task (the first candidate group by code; GradFlow's tasks have one) and its tier
    candidate_group     VARCHAR(64),
    tier                VARCHAR(20),
    assignee            VARCHAR(255),
    created_at          TIMESTAMP    NOT NULL,
    due_at              TIMESTAMP    NULL,
    -- from the business key that only GradFlow sets (<batch>-<studentNo> or <batch>-<branch>) and the roster
    batch_code          VARCHAR(32),
    unit_code           VARCHAR(32),
    student_no          VARCHAR(32),
    student_name        VARCHAR(100),
    major_name          VARCHAR(100),
    CONSTRAINT pk_open_task PRIMARY KEY (task_id)
);
CREATE INDEX ix_open_task_queue ON open_task (batch_code, candidate_group, due_at, task_id);
CREATE INDEX ix_open_task_assignee ON open_task (assignee, batch_code, due_at, task_id);
CREATE INDEX ix_open_task_instance ON open_task (process_instance_id);

-- Issue 13: student_chain's branch column was COALESCE(city.parent_code, lc.parent_code), which no index serves:
-- every branch-level query (closures, status expiry, statistics) read all students. A unit's branch is stored with
-- it (units keep their tier and parent: RosterWriter never moves one), so `branch_code = ?` starts from the index
-- on unit and reaches the students through ix_student_unit_status_term.
ALTER TABLE unit ADD COLUMN branch_code VARCHAR(32);
UPDATE unit SET branch_code = code WHERE tier = 'BRANCH';
UPDATE unit SET branch_code = (SELECT p.code FROM (SELECT code, tier FROM unit) p WHERE p.code = unit.parent_code AND p.tier = 'BRANCH')
    WHERE tier IN ('CITY', 'LEARNING_CENTER');
UPDATE unit SET branch_code = (SELECT p.branch_code FROM (SELECT code, tier, branch_code FROM unit) p
                               WHERE p.code = unit.parent_code AND p.tier = 'CITY')
    WHERE tier = 'LEARNING_CENTER' AND branch_code IS NULL;
CREATE INDEX ix_unit_branch ON unit (branch_code, tier, code);

DROP VIEW student_chain;
CREATE VIEW student_chain AS
SELECT s.student_no, lc.code AS learning_center, city.code AS city_code, lc.branch_code
FROM student s
JOIN unit lc ON lc.code = s.unit_code
LEFT JOIN unit city ON city.code = lc.parent_code AND city.tier = 'CITY';

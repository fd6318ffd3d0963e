-- Issue 13: a case's due dates (the centre's, the city's, the branch's and HQ's, each until the end of that day in the
-- schools' zone) kept on its row, written by the INSERT that creates it, instead of four process variables (eight engine
-- rows a start). The tasks' due-date expressions read them through bean caseDue. Null on the rows of cases started
-- before this version: those instances hold the dates as variables, and caseDue falls back to them. H2's V77 adds the
-- same columns around its Java trigger.
ALTER TABLE application ADD COLUMN lc_due DATE;
ALTER TABLE application ADD COLUMN city_due DATE;
ALTER TABLE application ADD COLUMN branch_due DATE;
ALTER TABLE application ADD COLUMN hq_due DATE;

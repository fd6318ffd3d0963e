-- R-EL-08 moved to the decision table processes/coop-degree.dmn: one source of truth.
ALTER TABLE major DROP CONSTRAINT ck_major_coop;
ALTER TABLE major DROP COLUMN coop_degree;

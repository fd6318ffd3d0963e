-- A student's learning centre, city (null without a city tier) and branch, in one place for every
-- query that selects a branch's students (sweeps, reminders, lists for HQ).
CREATE VIEW student_chain AS
SELECT s.student_no, lc.code AS learning_center, city.code AS city_code,
       COALESCE(city.parent_code, lc.parent_code) AS branch_code
FROM student s
JOIN unit lc ON lc.code = s.unit_code
LEFT JOIN unit city ON city.code = lc.parent_code AND city.tier = 'CITY';

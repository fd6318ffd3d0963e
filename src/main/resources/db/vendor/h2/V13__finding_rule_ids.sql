-- Issue 11: one rule may carry two DOMAIN.md ids (R-EL-06/R-PH-01, the graduation photo), joined by '/'.
-- VARCHAR(12) held one id; 40 holds three. (MySQL/MariaDB: db/vendor/mysql/V13__finding_rule_ids.sql.)
ALTER TABLE finding ALTER COLUMN rule_id SET DATA TYPE VARCHAR(40);

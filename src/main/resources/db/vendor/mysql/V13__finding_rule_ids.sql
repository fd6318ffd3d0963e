-- Issue 11: one rule may carry two DOMAIN.md ids (R-EL-06/R-PH-01, the graduation photo), joined by '/'.
-- VARCHAR(12) held one id; 40 holds three. (H2: db/vendor/h2/V13__finding_rule_ids.sql.)
ALTER TABLE finding MODIFY rule_id VARCHAR(40) NOT NULL;

-- Issue 11, R-ID-02 per branch: CHSI (学信网) missing an admission or academic photo always blocks HQ
-- final review; a branch whose own notice blocks such students already at its own review (生命健康学院:
-- "学信网缺少录取照片或学历照片的学生不能通过总部、学院毕业审核") has this flag set, and its initial audit
-- then makes R-ID-02 a blocking finding (整改) instead of a warning. Only a branch can set it.
-- Maintained through the roster (RosterWriter.unit / RosterWriter.chsiPhotoRule); plain SQL for H2 and MySQL.
ALTER TABLE unit ADD COLUMN chsi_photo_blocks_initial_audit BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE unit ADD CONSTRAINT ck_unit_chsi_photo_rule CHECK (tier = 'BRANCH' OR chsi_photo_blocks_initial_audit = FALSE);

-- A database already holding the demo roster: the demo's 生命健康学院 (DemoDataLoader seeds new ones).
UPDATE unit SET chsi_photo_blocks_initial_audit = TRUE WHERE code = 'SMJK' AND tier = 'BRANCH';

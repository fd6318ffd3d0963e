-- Issue 11, R-PH-03: the CHSI academic photo (学信网学历照片, from CHSI's feedback) is stored beside the
-- platform's graduation photo so the branch can compare the two by eye; the admission photo (录取照片,
-- R-ID-04) already had its kind. DROP CONSTRAINT is understood by H2 and MariaDB/MySQL alike.
ALTER TABLE photo DROP CONSTRAINT ck_photo_kind;
ALTER TABLE photo ADD CONSTRAINT ck_photo_kind CHECK (kind IN ('GRADUATION', 'ADMISSION', 'CHSI_ACADEMIC'));

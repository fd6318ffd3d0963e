-- MySQL's BLOB stops at 64 KB; ID attachments may reach 1 MB and scanned forms more.
-- (H2's BLOB has no such limit, so this migration exists for MySQL/MariaDB only.)
ALTER TABLE photo MODIFY content MEDIUMBLOB NOT NULL;
ALTER TABLE identity_review_document MODIFY content MEDIUMBLOB NOT NULL;

-- MySQL's BLOB stops at 64 KB; an ID image may reach 1 MB (ID_ATTACHMENT). H2's BLOB has no such limit.
ALTER TABLE ss_document MODIFY content MEDIUMBLOB NOT NULL;

-- MySQL's BLOB stops at 64 KB; an upload chunk is up to 1 MB (H2's BLOB has no such limit).
ALTER TABLE bulk_job_input MODIFY content MEDIUMBLOB NOT NULL;

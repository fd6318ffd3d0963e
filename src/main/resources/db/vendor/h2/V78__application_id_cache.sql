-- Issue 13: H2 keeps an identity column's next value on disk once per CACHE values (default 32): every 32 applications
-- a write of its own, more than one per transaction of ApplicationStarter.startAll (50 starts, one commit). Measured
-- in H2 2.3.232 (WRITE_DELAY=0), 3,200 inserts: 3,301 write calls at 32 and 3,204 at 1,000 committed one by one; 165
-- and 68 committed 50 at a time, as startAll does (2.6 and 1.06 writes per commit). A kill skips at most the unused
-- rest of the cached range; nothing relies on application ids without gaps (registration numbers have their own
-- gap-free counter, registration_sequence). MySQL/MariaDB has no such cache: no V78 there.
ALTER TABLE application ALTER COLUMN id SET CACHE 1000;

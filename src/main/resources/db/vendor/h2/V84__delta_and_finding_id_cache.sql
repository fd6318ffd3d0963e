-- Issue 13, as V78 for application.id: H2 writes an identity column's next value to the file once per CACHE values
-- (default 32), and with WRITE_DELAY=0 that write is a store of every page changed so far, in the middle of the
-- writer's INSERT. The dashboard's delta rows (one per start, two per state change, V75's triggers) and the audit's
-- findings are the most inserted rows of a start and its initial audit: JFR (H2 file, -Dbenchmark.paths=starts)
-- found that flush in 13 % of the starts' CPU samples. A kill skips at most the unused rest of the cached range;
-- nothing relies on these ids without gaps (DashboardSummary folds and deletes the ids it read, the findings are
-- read by application). MySQL/MariaDB has no such cache: no V84 there.
ALTER TABLE dashboard_count_delta ALTER COLUMN id SET CACHE 1000;
ALTER TABLE dashboard_day_delta ALTER COLUMN id SET CACHE 1000;
ALTER TABLE finding ALTER COLUMN id SET CACHE 1000;

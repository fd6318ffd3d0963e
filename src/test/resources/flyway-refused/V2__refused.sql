-- FlywayFailureAnalyzerTest: a migration the database refuses (no such table), as V75 is refused with binary logging
INSERT INTO no_such_table (id) VALUES (1);

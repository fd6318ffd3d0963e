-- FlywayFailureAnalyzerTest: a migration that goes through
CREATE TABLE refused_start_ok (id INT NOT NULL);

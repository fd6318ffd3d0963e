-- Issue 13: nodes starting at once on one database take turns. A starting node locks this row
-- (SELECT ... FOR UPDATE, engine.StartupTurn) from before the engine creates its tables until the node
-- is ready: the engine's schema, its deployment, the first admin and the demo data are each made by
-- one node; the next finds them made.
CREATE TABLE node_startup_turn (
    name VARCHAR(20) NOT NULL PRIMARY KEY
);
INSERT INTO node_startup_turn (name) VALUES ('startup');

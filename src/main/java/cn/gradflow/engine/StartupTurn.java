package cn.gradflow.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Issue 13, two nodes on one database: a node holds the row of {@code node_startup_turn} (V58) from
 * before its engine starts until it is ready, so nodes started at once on an empty database take turns.
 * Camunda creates its tables when it finds none ({@code schema-update}) and GradFlow's starter creates
 * the first admin and the demo loader its rows after looking whether they exist: two nodes doing that
 * at once both find nothing and one of them fails on a table or key that already exists. The second node
 * waits here, then finds everything made. Flyway, before this, takes its own lock (a named lock on
 * MySQL/MariaDB). The row lock lives in a transaction on a connection of its own, never the pool's, and
 * ends with the node's start (ready or failed) or its close; a node that dies mid-start releases it with
 * its connection.
 */
public class StartupTurn implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StartupTurn.class);
    /** MariaDB/MySQL: lock wait timeout (1205) or deadlock (1213); H2: lock timeout (50200). */
    private static final java.util.Set<Integer> WAIT_AGAIN = java.util.Set.of(1205, 1213, 50200);

    private Connection held;

    StartupTurn(DataSource dataSource, Duration maxWait) throws SQLException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long started = System.nanoTime();
        while (true) {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                try (PreparedStatement lock = c.prepareStatement("SELECT name FROM node_startup_turn WHERE name = 'startup' FOR UPDATE")) {
                    lock.executeQuery().close();
                }
                held = c;
                long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
                if (waited > 1_000) {
                    log.info("Startup turn taken after waiting {} ms for another node's start", waited);
                }
                return;
            } catch (SQLException e) {
                closeQuietly(c);
                if (!WAIT_AGAIN.contains(e.getErrorCode()) || System.nanoTime() > deadline) {
                    throw e;
                }
                log.info("Another node is starting on this database; waiting for its start to finish ({})", e.getMessage());
            }
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        release();
    }

    @EventListener(ApplicationFailedEvent.class)
    void failed() {
        release();
    }

    @Override
    public void close() {
        release();
    }

    private synchronized void release() {
        if (held == null) {
            return;
        }
        try {
            held.commit();
        } catch (SQLException e) {
            log.warn("Releasing the startup turn failed; closing its connection ends it", e);
        } finally {
            closeQuietly(held);
            held = null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is gone: so is its lock
        }
    }
}

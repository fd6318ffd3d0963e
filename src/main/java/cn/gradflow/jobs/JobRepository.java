package cn.gradflow.jobs;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables of {@code V50__bulk_jobs.sql}. */
@Repository
class JobRepository {

    record JobRow(String id, String kind, JobState state, String ownerId, String params, long inputSize, long total,
                  long processed, long applied, String message, String node, int attempts, Timestamp createdAt,
                  Timestamp startedAt, Timestamp heartbeatAt, Timestamp finishedAt) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    JobRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insert(String id, String kind, String ownerId, String params, Timestamp now) {
        jdbc.sql("INSERT INTO bulk_job (id, kind, state, owner_id, params, created_at) VALUES (:id, :kind, 'QUEUED', :owner, :params, :now)")
                .param("id", id).param("kind", kind).param("owner", ownerId).param("params", params).param("now", now).update();
    }

    void insertChunk(String id, int seq, byte[] content) {
        jdbc.sql("INSERT INTO bulk_job_input (job_id, seq, content) VALUES (:id, :seq, :content)")
                .param("id", id).param("seq", seq).param("content", content).update();
    }

    void inputSize(String id, long size) {
        jdbc.sql("UPDATE bulk_job SET input_size = :size WHERE id = :id").param("size", size).param("id", id).update();
    }

    Optional<JobRow> find(String id) {
        return jdbc.sql("SELECT id, kind, state, owner_id, params, input_size, total, processed, applied, message, node, attempts,"
                        + " created_at, started_at, heartbeat_at, finished_at FROM bulk_job WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new JobRow(rs.getString(1), rs.getString(2), JobState.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10),
                        rs.getString(11), rs.getInt(12), rs.getTimestamp(13), rs.getTimestamp(14), rs.getTimestamp(15),
                        rs.getTimestamp(16)))
                .optional();
    }

    /** Jobs waiting, and running ones whose node stopped beating before {@code staleBefore}: oldest first. */
    List<String> claimable(Timestamp staleBefore, int limit) {
        return jdbc.sql("SELECT id FROM bulk_job WHERE state = 'QUEUED' OR (state = 'RUNNING' AND heartbeat_at < :stale)"
                        + " ORDER BY created_at LIMIT :limit")
                .param("stale", staleBefore).param("limit", limit).query(String.class).list();
    }

    /** Takes the job for this node; false when another node was quicker. */
    boolean claim(String id, String node, Timestamp now, Timestamp staleBefore) {
        return jdbc.sql("UPDATE bulk_job SET state = 'RUNNING', node = :node, heartbeat_at = :now,"
                        + " started_at = COALESCE(started_at, :now), attempts = attempts + 1"
                        + " WHERE id = :id AND (state = 'QUEUED' OR (state = 'RUNNING' AND heartbeat_at < :stale))")
                .param("node", node).param("now", now).param("id", id).param("stale", staleBefore).update() == 1;
    }

    void heartbeat(String id, String node, Timestamp now) {
        jdbc.sql("UPDATE bulk_job SET heartbeat_at = :now WHERE id = :id AND state = 'RUNNING' AND node = :node")
                .param("now", now).param("id", id).param("node", node).update();
    }

    /** False when the job is no longer this node's (another node took it over after this one stopped beating). */
    boolean progress(String id, String node, long total, long processed, long applied, Timestamp now) {
        return jdbc.sql("UPDATE bulk_job SET total = :total, processed = :processed, applied = :applied, heartbeat_at = :now"
                        + " WHERE id = :id AND state = 'RUNNING' AND node = :node")
                .param("total", total).param("processed", processed).param("applied", applied).param("now", now).param("id", id)
                .param("node", node).update() == 1;
    }

    /** Ends the job if it is still this node's; false (nothing changed) when another node has taken it over. */
    boolean finish(String id, String node, JobState state, String message, Timestamp now) {
        if (jdbc.sql("UPDATE bulk_job SET state = :state, message = :message, finished_at = :now"
                        + " WHERE id = :id AND state = 'RUNNING' AND node = :node")
                .param("state", state.name()).param("message", message).param("now", now).param("id", id).param("node", node)
                .update() != 1) {
            return false;
        }
        jdbc.sql("DELETE FROM bulk_job_input WHERE job_id = :id").param("id", id).update();
        return true;
    }

    void clearResults(String id) {
        jdbc.sql("DELETE FROM bulk_job_item WHERE job_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM bulk_job_count WHERE job_id = :id").param("id", id).update();
    }

    long nextSeq(String id) {
        Long max = jdbc.sql("SELECT COALESCE(MAX(seq) + 1, 0) FROM bulk_job_item WHERE job_id = :id").param("id", id)
                .query(Long.class).single();
        return max;
    }

    void insertItems(String id, long firstSeq, List<JobItem> items) {
        template.batchUpdate("INSERT INTO bulk_job_item (job_id, seq, row_no, column_name, item_key, result, code, message, is_error)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        JobItem item = items.get(i);
                        ps.setString(1, id);
                        ps.setLong(2, firstSeq + i);
                        ps.setObject(3, item.row());
                        ps.setString(4, cut(item.column(), 100));
                        ps.setString(5, cut(item.key(), 255));
                        ps.setString(6, cut(item.result(), 30));
                        ps.setString(7, cut(item.code(), 60));
                        ps.setString(8, cut(item.message(), 1000));
                        ps.setBoolean(9, item.error());
                    }

                    @Override
                    public int getBatchSize() {
                        return items.size();
                    }
                });
    }

    void putCount(String id, String name, long value) {
        if (jdbc.sql("UPDATE bulk_job_count SET amount = :value WHERE job_id = :id AND name = :name")
                .param("value", value).param("id", id).param("name", name).update() == 0) {
            jdbc.sql("INSERT INTO bulk_job_count (job_id, name, amount) VALUES (:id, :name, :value)")
                    .param("id", id).param("name", name).param("value", value).update();
        }
    }

    Map<String, Long> counts(String id) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT name, amount FROM bulk_job_count WHERE job_id = :id ORDER BY name").param("id", id)
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    List<String> keys(String id) {
        return jdbc.sql("SELECT item_key FROM bulk_job_item WHERE job_id = :id AND item_key IS NOT NULL").param("id", id)
                .query(String.class).list();
    }

    long countItems(String id, boolean errorsOnly) {
        return jdbc.sql("SELECT COUNT(*) FROM bulk_job_item WHERE job_id = :id" + (errorsOnly ? " AND is_error = TRUE" : ""))
                .param("id", id).query(Long.class).single();
    }

    List<JobItem> items(String id, boolean errorsOnly, int limit, long offset) {
        return jdbc.sql("SELECT row_no, column_name, item_key, result, code, message, is_error FROM bulk_job_item WHERE job_id = :id"
                        + (errorsOnly ? " AND is_error = TRUE" : "") + " ORDER BY seq LIMIT :limit OFFSET :offset")
                .param("id", id).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new JobItem((Integer) rs.getObject(1, Integer.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7)))
                .list();
    }

    /** Every item in order, one at a time (a report of 100,000 rows never sits in memory). */
    void eachItem(String id, Consumer<JobItem> sink) {
        template.query(con -> {
            var ps = con.prepareStatement("SELECT row_no, column_name, item_key, result, code, message, is_error FROM bulk_job_item"
                    + " WHERE job_id = ? ORDER BY seq");
            ps.setString(1, id);
            ps.setFetchSize(500);
            return ps;
        }, rs -> {
            sink.accept(new JobItem((Integer) rs.getObject(1, Integer.class), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getBoolean(7)));
        });
    }

    /** The upload, read chunk by chunk as the stream is consumed. */
    InputStream input(String id) {
        List<Integer> seqs = jdbc.sql("SELECT seq FROM bulk_job_input WHERE job_id = :id ORDER BY seq").param("id", id)
                .query(Integer.class).list();
        if (seqs.isEmpty()) {
            return null;
        }
        var it = seqs.iterator();
        Enumeration<InputStream> chunks = new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] bytes = jdbc.sql("SELECT content FROM bulk_job_input WHERE job_id = :id AND seq = :seq")
                        .param("id", id).param("seq", it.next()).query(byte[].class).single();
                return new ByteArrayInputStream(bytes);
            }
        };
        return new SequenceInputStream(chunks);
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}

package cn.gradflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.opentasks.OpenTasks;

/**
 * Issue 13: the start-up reconcile of open_task ({@link OpenTasks#reconcile}) at {@code benchmark.reconcileTasks}
 * (100,000) open tasks. The tasks are written by SQL (execution, task, candidate group: what reconcile reads) as
 * cases of graduation-application waiting at 分校审批; reconcile then writes their rows (an upgrade with every row
 * missing), runs three times in step (every other start: what must be cheap), and once after a crash-like loss
 * (1,000 rows gone, 1,000 of gone tasks). The statements it ran before are timed beside it where a database lets
 * them finish ({@link #before()}). A table in target/benchmark/reconcile-*.md. Wall times: say the load average.
 */
abstract class ReconcileScale {

    static final int TASKS = Integer.getInteger("benchmark.reconcileTasks", 100_000);

    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired OpenTasks openTasks;
    @Autowired cn.gradflow.testing.TestRoster roster;

    abstract String database();

    abstract String fileName();

    /** Seconds of the reconcile before issue 13's change in step, or a text why not measured. */
    abstract String before();

    /** Executes a statement the old reconcile ran (neither changes anything in step); its seconds. */
    double seconds(String sql) {
        long t0 = System.nanoTime();
        jdbc.sql(sql).update();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The two statements reconcile ran in step before issue 13's change (OpenTasks at e8514f5). */
    static final String OLD_DELETE = "DELETE FROM open_task WHERE NOT EXISTS (SELECT 1 FROM ACT_RU_TASK t WHERE t.ID_ = open_task.task_id)";
    static final String OLD_INSERT = "INSERT INTO open_task (task_id, process_instance_id, process_key, task_key, step, candidate_group, tier,"
            + " assignee, created_at, due_at, batch_code, unit_code, student_no, student_name, major_name)"
            + " SELECT t.ID_, t.PROC_INST_ID_, d.KEY_, t.TASK_DEF_KEY_, NULL,"
            + " (SELECT MIN(l.GROUP_ID_) FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate'),"
            + " g.tier, t.ASSIGNEE_, t.CREATE_TIME_, t.DUE_DATE_,"
            + " CASE WHEN LOCATE('-', e.BUSINESS_KEY_) > 1 THEN SUBSTRING(e.BUSINESS_KEY_, 1, LOCATE('-', e.BUSINESS_KEY_) - 1) END,"
            + " s.unit_code, s.student_no, s.name, m.name"
            + " FROM ACT_RU_TASK t JOIN ACT_RE_PROCDEF d ON d.ID_ = t.PROC_DEF_ID_ JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_"
            + " LEFT JOIN unit g ON g.code = (SELECT MIN(l.GROUP_ID_) FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate')"
            + " LEFT JOIN student s ON d.KEY_ IN ('graduation-application', 'identity-review') AND LOCATE('-', e.BUSINESS_KEY_) > 1"
            + " AND s.student_no = SUBSTRING(e.BUSINESS_KEY_, LOCATE('-', e.BUSINESS_KEY_) + 1)"
            + " LEFT JOIN major m ON m.code = s.major_code"
            + " WHERE NOT EXISTS (SELECT 1 FROM open_task o WHERE o.task_id = t.ID_)";

    @Test
    void reconcileAtScale() throws Exception {
        String definition = jdbc.sql("SELECT ID_ FROM ACT_RE_PROCDEF WHERE KEY_ = 'graduation-application' ORDER BY VERSION_ DESC")
                .query(String.class).list().get(0);
        roster.ensureBase();
        long t0 = System.nanoTime();
        fill(definition);
        double fill = (System.nanoTime() - t0) / 1e9;
        long open = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_TASK").query(Long.class).single();

        t0 = System.nanoTime();
        int[] upgrade = openTasks.reconcile();
        double upgradeSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(upgrade[1]).isGreaterThanOrEqualTo(TASKS);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM open_task WHERE task_id LIKE 'rs%' AND step = '分校审批' AND batch_code = '202601'")
                .query(Long.class).single()).isEqualTo(TASKS);

        double[] inStep = new double[3];
        for (int i = 0; i < inStep.length; i++) {
            t0 = System.nanoTime();
            assertThat(openTasks.reconcile()).containsExactly(0, 0);
            inStep[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(inStep);
        String before = before();

        // a crash-like loss: 1,000 rows gone, 1,000 rows of tasks that are gone
        jdbc.sql("DELETE FROM open_task WHERE task_id LIKE 'rs%' AND task_id < 'rs000000001000'").update();
        jdbc.sql("INSERT INTO open_task (task_id, process_instance_id, process_key, created_at) SELECT CONCAT('gone', task_id),"
                + " process_instance_id, process_key, created_at FROM open_task WHERE task_id LIKE 'rs%' AND task_id < 'rs000000002000'").update();
        t0 = System.nanoTime();
        assertThat(openTasks.reconcile()).containsExactly(1_000, 1_000);
        double crash = (System.nanoTime() - t0) / 1e9;

        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String table = String.format(Locale.ROOT, """
                        ## Start-up reconcile of open_task, %s

                        %,d open tasks (%,d written by SQL in %.0f s), load average %.1f. Wall seconds.

                        | case | reconcile (issue 13) | before |
                        |---|---|---|
                        | in step (every start), median of 3 | %.2f (min %.2f, max %.2f) | %s |
                        | every row missing (upgrade to V56 with tasks open) | %.1f | — |
                        | 1,000 rows missing and 1,000 stale (a crash, SQL by hand) | %.2f | — |
                        """, database(), open, TASKS, fill, load, inStep[1], inStep[0], inStep[2], before, upgradeSeconds, crash);
        System.out.println(table);
        Path out = Path.of("target", "benchmark", "reconcile-" + fileName() + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        List<List<OpenTasks.Row>> both = openTasks.compareWithEngine();
        assertThat(both.get(1)).isEqualTo(both.get(0));
    }

    /**
     * TASKS students of 天河 and their cases waiting at 分校审批 of the city GDGZ or GDSG, business key
     * 202601-&lt;student&gt;, 100 rows a statement, a commit every 5,000.
     */
    private void fill(String definition) throws SQLException, IOException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.of(2026, 5, 1, 9, 0));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Object[]> executions = new ArrayList<>();
            List<Object[]> tasks = new ArrayList<>();
            List<Object[]> links = new ArrayList<>();
            List<Object[]> students = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                students.add(new Object[] {String.format("8%011d", i), "规模" + i, String.format("Q%017d", i), cn.gradflow.testing.TestRoster.LC_A,
                        "XZGL", "202103"});
                String execution = String.format("re%012d", i);
                executions.add(new Object[] {execution, 1, execution, execution, String.format("202601-8%011d", i), definition, "CityApproval",
                        true, false, true, false, 1, 0, 1L, "graduation-application"});
                tasks.add(new Object[] {String.format("rs%012d", i), 1, execution, execution, definition, "分校审批", "CityApproval", 50, now, now,
                        Timestamp.valueOf(now.toLocalDateTime().plusDays(i % 30)), 1, "Created"});
                links.add(new Object[] {String.format("rl%012d", i), 1, i % 2 == 0 ? "GDGZ" : "GDSG", "candidate", String.format("rs%012d", i)});
                if (executions.size() == 100) {
                    insert(c, "student (student_no, name, id_number, unit_code, major_code, enrolment_term)", students);
                    flush(c, executions, tasks, links);
                }
                if ((i + 1) % 5_000 == 0) {
                    c.commit();
                }
            }
            insert(c, "student (student_no, name, id_number, unit_code, major_code, enrolment_term)", students);
            flush(c, executions, tasks, links);
            c.commit();
        }
    }

    private static void flush(Connection c, List<Object[]> executions, List<Object[]> tasks, List<Object[]> links) throws SQLException {
        insert(c, "ACT_RU_EXECUTION (ID_, REV_, ROOT_PROC_INST_ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_ID_, ACT_ID_, IS_ACTIVE_,"
                + " IS_CONCURRENT_, IS_SCOPE_, IS_EVENT_SCOPE_, SUSPENSION_STATE_, CACHED_ENT_STATE_, SEQUENCE_COUNTER_, PROC_DEF_KEY_)", executions);
        insert(c, "ACT_RU_TASK (ID_, REV_, EXECUTION_ID_, PROC_INST_ID_, PROC_DEF_ID_, NAME_, TASK_DEF_KEY_, PRIORITY_, CREATE_TIME_,"
                + " LAST_UPDATED_, DUE_DATE_, SUSPENSION_STATE_, TASK_STATE_)", tasks);
        insert(c, "ACT_RU_IDENTITYLINK (ID_, REV_, GROUP_ID_, TYPE_, TASK_ID_)", links);
    }

    /** One multi-row INSERT of the rows (then cleared). */
    private static void insert(Connection c, String tableAndColumns, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int width = rows.get(0).length;
        String tuple = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + tableAndColumns + " VALUES "
                + String.join(", ", Collections.nCopies(rows.size(), tuple)))) {
            int p = 1;
            for (Object[] row : rows) {
                for (Object v : row) {
                    insert.setObject(p++, v);
                }
            }
            insert.executeUpdate();
        }
        rows.clear();
    }
}

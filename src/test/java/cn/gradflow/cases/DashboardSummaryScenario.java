package cn.gradflow.cases;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.imports.ImportRuns;
import cn.gradflow.jobs.JobState;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.RosterWriter;
import cn.gradflow.roster.Student;
import cn.gradflow.roster.Term;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static cn.gradflow.testing.TestRoster.LC_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: the dashboard's summary (V74–V76) equals the SQL over the tables after every kind of writer: cases started,
 * applied, approved and rejected through the process (application insert and state change, the trail), new students
 * and centre changes by the roster import (which counts its new students itself, issue 13), the 8-year sweep's termination, a registration's graduation, rows changed
 * by hand, folds; and two approvals in one centre do not wait for each other. Run on H2 ({@link DashboardSummaryTest})
 * and MySQL/MariaDB ({@code mysql.MySqlDashboardSummaryTest}): the triggers are written once per database.
 */
public abstract class DashboardSummaryScenario {

    @Autowired protected TestRoster roster;
    @Autowired protected ApplicationDriver driver;
    @Autowired protected ProcessEngine engine;
    @Autowired protected JdbcClient jdbc;
    @Autowired protected DashboardSummary summary;
    @Autowired protected DashboardViews views;
    @Autowired protected RosterWriter rosterWriter;
    @Autowired protected RosterRepository rosterRepository;
    @Autowired protected DataSource dataSource;
    @Autowired protected ImportRuns imports;
    @Autowired protected PlatformTransactionManager transactions;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
        roster.ensureScaleBranch(); // its later batch: an application moved there by hand
    }

    @Test
    public void theSummaryIsTheTablesAfterEveryWriter() {
        exact("at start");

        String waiting = roster.eligibleStudent(LC_A, "XZGL");
        String moving = roster.eligibleStudent(LC_A, "XZGL");
        String swept = roster.eligibleStudent(LC_B, "XZGL");
        exact("new students");

        ProcessInstance corrected = driver.start(roster.studentWithoutPhoto(LC_A));
        ProcessInstance applied = driver.start(moving);
        driver.apply(applied, "th1", "GRADUATION");
        ProcessInstance rejected = driver.start(roster.eligibleStudent(LC_B, "XZGL"));
        driver.apply(rejected, "py1", "GRADUATION");
        driver.reject(rejected, "gz1", "毕业照片背景不符");
        ProcessInstance approved = driver.start(roster.eligibleStudent(LC_B, "XZGL"));
        driver.apply(approved, "py1", "GRADUATION");
        driver.approve(approved, "gz1");
        assertThat(corrected).isNotNull();
        exact("cases started, applied, rejected, approved");
        assertThat(views.summaryWithTables(BATCH, "GD").get(2)).as("the branch's trend").isNotEmpty();

        summary.fold();
        exact("folded");

        // the roster import (issue 13): its new students go into the summary as one delta per centre, not one per student
        long deltas = deltaRows();
        Object[] first = sheetRow(ImportRuns.unique("DS"), ImportRuns.idNumber(), LC_A);
        Object[] second = sheetRow(ImportRuns.unique("DS"), ImportRuns.idNumber(), LC_A);
        ImportRuns.Result added = imports.students("hq1", List.of(first, second, sheetRow(ImportRuns.unique("DS"), ImportRuns.idNumber(), LC_B)));
        assertThat(added.state()).as(added.message()).isEqualTo(JobState.DONE);
        assertThat(added.count("created")).isEqualTo(3);
        assertThat(deltaRows() - deltas).as("delta rows written for 3 new students in 2 centres").isEqualTo(2);
        exact("new students by the import");

        // the import moves students to the other centre (a new one, and one with a case and a trail, its fixture ID
        // number replaced by a well-formed one) and adds one
        Student before = rosterRepository.findStudent(moving).orElseThrow();
        first[3] = LC_B;
        ImportRuns.Result moved = imports.students("hq1", List.of(first,
                new Object[] {moving, before.name(), ImportRuns.idNumber(), LC_B, before.majorCode(), "专科", before.enrolmentTerm().label(),
                        before.upgradeFromJunior() ? "是" : "否"},
                sheetRow(ImportRuns.unique("DS"), ImportRuns.idNumber(), LC_A)));
        assertThat(moved.state()).as(moved.message()).isEqualTo(JobState.DONE);
        assertThat(List.of(moved.count("created"), moved.count("updated"))).isEqualTo(List.of(1L, 2L));
        assertThat(rosterRepository.findStudent(moving).orElseThrow().unitCode()).isEqualTo(LC_B);
        exact("centres changed by the import");

        // the import's marker does not outlive it: a student inserted by hand afterwards is counted by the trigger
        roster.eligibleStudent(LC_A, "XZGL");
        exact("a student written by hand after the import");

        rosterRepository.terminate(swept); // the 8-year sweep
        rosterRepository.markGraduated(moving); // a registration: a case's student leaves ENROLLED
        rosterRepository.terminate(waiting);
        exact("terminated and graduated");

        // rows changed by hand: an application moved to another batch and back, a trail entry a day earlier and back
        long id = jdbc.sql("SELECT id FROM application WHERE batch_code = ? AND student_no = ?").params(BATCH, moving).query(Long.class).single();
        jdbc.sql("UPDATE application SET batch_code = ? WHERE id = ?").params(TestRoster.SCALE_LATER_BATCH, id).update();
        exact("an application in another batch");
        jdbc.sql("UPDATE application SET batch_code = ? WHERE id = ?").params(BATCH, id).update();
        long entry = jdbc.sql("SELECT MIN(id) FROM decision_log WHERE application_id = ? AND decision = 'APPLY'").param(id).query(Long.class).single();
        String dayEarlier = h2() ? "DATEADD(DAY, -1, decided_at)" : "decided_at - INTERVAL 1 DAY";
        String dayLater = h2() ? "DATEADD(DAY, 1, decided_at)" : "decided_at + INTERVAL 1 DAY";
        jdbc.sql("UPDATE decision_log SET decided_at = " + dayEarlier + " WHERE id = ?").param(entry).update();
        exact("a trail entry a day earlier");
        jdbc.sql("UPDATE decision_log SET decided_at = " + dayLater + " WHERE id = ?").param(entry).update();
        summary.fold();
        exact("back and folded");
    }

    @Test
    public void twoApprovalsInOneCentreDoNotWaitForEachOther() throws Exception {
        ProcessInstance one = driver.start(roster.eligibleStudent(LC_A, "XZGL"));
        ProcessInstance two = driver.start(roster.eligibleStudent(LC_A, "XZGL"));
        long first = applicationOf(one);
        long second = applicationOf(two);
        exact("two cases");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection a = dataSource.getConnection()) {
            a.setAutoCommit(false);
            try {
                move(a, first);
                // the first approval's transaction is open; the second, same centre, same states, must not wait for it
                Future<Integer> b = other.submit(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        c.setAutoCommit(false);
                        try {
                            return move(c, second);
                        } finally {
                            c.rollback();
                        }
                    }
                });
                assertThat(b.get(5, TimeUnit.SECONDS)).as("the second approval, while the first is open").isEqualTo(1);
            } finally {
                a.rollback();
            }
        } finally {
            other.shutdownNow();
        }
        exact("both rolled back");
    }

    @Test
    public void aWriterCountsItsStudentsOnlyInsideItsTransaction() {
        long deltas = deltaRows();
        // outside a transaction the marker could land on another pooled connection than the insert: the trigger counts
        rosterWriter.students(List.of(newStudent(LC_A), newStudent(LC_B)));
        assertThat(deltaRows() - deltas).as("one trigger row per student").isEqualTo(2);
        exact("new students outside a transaction");
        // an insert that fails rolls back with its deltas, and the marker is reset on the connection it was set on
        TransactionTemplate tx = new TransactionTemplate(transactions);
        Student twice = newStudent(LC_A);
        Object marker = tx.execute(status -> {
            try {
                rosterWriter.students(List.of(twice, twice));
                throw new AssertionError("a duplicate student number was inserted");
            } catch (DataAccessException expected) {
                status.setRollbackOnly();
            }
            return jdbc.sql("SELECT @" + StudentsCounted.VARIABLE).query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1))).single();
        });
        assertThat(marker).as("@" + StudentsCounted.VARIABLE + " after the failed insert").isEqualTo(java.util.Optional.empty());
        assertThat(rosterRepository.findStudent(twice.studentNo())).isEmpty();
        exact("a failed insert rolled back");
    }

    private static Object[] sheetRow(String studentNo, String idNumber, String centre) {
        return new Object[] {studentNo, "导入" + studentNo.substring(studentNo.length() - 3), idNumber, centre, "XZGL", "专科", "2023春", "否"};
    }

    private static Student newStudent(String centre) {
        return new Student(ImportRuns.unique("DW"), "直写", ImportRuns.idNumber(), centre, "XZGL", Term.parse("202303"),
                Student.Status.ENROLLED, false, false, false, false);
    }

    private long deltaRows() {
        return jdbc.sql("SELECT COUNT(*) FROM dashboard_count_delta").query(Long.class).single();
    }

    private static int move(Connection c, long applicationId) throws java.sql.SQLException {
        try (var ps = c.prepareStatement("UPDATE application SET state = 'CITY_REVIEW' WHERE id = ?")) {
            ps.setLong(1, applicationId);
            return ps.executeUpdate();
        }
    }

    private long applicationOf(ProcessInstance pi) {
        return jdbc.sql("SELECT id FROM application WHERE process_instance_id = ?").param(pi.getId()).query(Long.class).single();
    }

    /** The summary equals the tables: no row to correct, and each unit's views read as the SQL over the tables reads them. */
    private void exact(String after) {
        for (String unit : List.of(LC_A, LC_B, "GDGZ", "GD", "HQ")) {
            List<List<String>> same = views.summaryWithTables(BATCH, unit);
            assertThat(same.get(0)).as("state counts of " + unit + " after " + after).isEqualTo(same.get(1));
            assertThat(same.get(2)).as("trend of " + unit + " after " + after).isEqualTo(same.get(3));
        }
        assertThat(summary.reconcile()).as("summary rows differing from the tables after " + after).isZero();
    }

    private boolean h2() {
        return jdbc.sql("SELECT 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData().getDatabaseProductName())
                .single().contains("H2");
    }
}

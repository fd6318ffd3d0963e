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
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.RosterWriter;
import cn.gradflow.roster.Student;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static cn.gradflow.testing.TestRoster.LC_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: the dashboard's summary (V74–V76) equals the SQL over the tables after every kind of writer: cases started,
 * applied, approved and rejected through the process (application insert and state change, the trail), new students
 * and a centre change by the roster import, the 8-year sweep's termination, a registration's graduation, rows changed
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

        // the roster import moves a student with a case and a trail to the other centre
        Student before = rosterRepository.findStudent(moving).orElseThrow();
        rosterWriter.updateStudentRecords(List.of(new Student(before.studentNo(), before.name(), before.idNumber(), LC_B, before.majorCode(),
                before.enrolmentTerm(), before.status(), before.upgradeFromJunior(), before.continuing(), before.supplementaryRequired(),
                before.degreeEligible())));
        assertThat(rosterRepository.findStudent(moving).orElseThrow().unitCode()).isEqualTo(LC_B);
        exact("a centre change by the import");

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

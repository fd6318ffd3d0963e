package cn.gradflow.roster;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: units are read once per transaction, and no longer than that. */
@GradFlowSpringTest
class UnitsOfTransactionTest {

    @Autowired RosterRepository units;
    @Autowired RosterWriter writer;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired TestRoster roster;

    @Test
    void aTransactionReadsAUnitOnceAndAgainAfterItsOwnWriteAndTheNextTransactionReadsAfresh() {
        roster.ensureBase();
        String before = units.findUnit("SMJK").orElseThrow().name();
        tx.executeWithoutResult(status -> {
            assertThat(units.findUnit("SMJK").orElseThrow().name()).isEqualTo(before);
            // a change the repository does not see: within this transaction the unit read first stays
            jdbc.sql("UPDATE unit SET name = '改名学院' WHERE code = 'SMJK'").update();
            assertThat(units.findUnit("SMJK").orElseThrow().name()).isEqualTo(before);
            assertThat(units.findUnit("NOPE")).isEmpty();
            // RosterWriter's own writes make the transaction read units afresh
            writer.chsiPhotoRule("SMJK", true);
            assertThat(units.findUnit("SMJK").orElseThrow().name()).isEqualTo("改名学院");
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE unit SET name = '又一名' WHERE code = 'SMJK'").update();
            assertThat(units.findUnit("SMJK").orElseThrow().name()).as("a new transaction reads the table").isEqualTo("又一名");
            status.setRollbackOnly();
        });
        assertThat(units.findUnit("SMJK").orElseThrow().name()).as("outside a transaction nothing is kept").isEqualTo(before);
    }

    /** Issue 13: the checks' one-query reads give what the separate reads give. */
    @Test
    void aMajorWithItsRulesAndAStudentReadWithAnotherRowAreWhatTheSeparateReadsGive() {
        roster.ensureBase();
        for (String major : java.util.List.of("XZGL", "GSGL")) {
            RosterRepository.MajorWithRules read = units.findMajorWithRules(major).orElseThrow();
            assertThat(read.major()).isEqualTo(units.findMajor(major).orElseThrow());
            assertThat(read.rules()).isNotEmpty().isEqualTo(units.courseRules(major));
        }
        assertThat(units.findMajorWithRules("NOPE")).isEmpty();

        String no = roster.eligibleStudent(TestRoster.LC_A, "XZGL");
        Student student = units.findStudent(no).orElseThrow();
        Student read = jdbc.sql("SELECT " + RosterRepository.STUDENT_COLUMNS_OF_S + " FROM student s WHERE s.student_no = ?").param(no)
                .query((rs, n) -> RosterRepository.studentAt(rs, 0)).single();
        assertThat(read).isEqualTo(student);
        tx.executeWithoutResult(status -> {
            units.remember(read);
            jdbc.sql("UPDATE student SET name = '改名' WHERE student_no = ?").param(no).update();
            assertThat(units.findStudent(no).orElseThrow().name()).as("remembered for the transaction").isEqualTo(student.name());
            status.setRollbackOnly();
        });
    }
}

package cn.gradflow.imports;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.admission.CandidateNumbers;
import cn.gradflow.jobs.JobState;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** R-ID-05: the student import's optional last column 考生号 (V62): loaded, checked, unique; a sheet without it still imports. */
@GradFlowSpringTest
class CandidateNumberImportTest {

    static final List<String> HEADERS = new ArrayList<>(ImportRowsTest.STUDENT_HEADERS);

    static {
        HEADERS.add("考生号");
    }

    @Autowired TestRoster roster;
    @Autowired ImportRuns imports;
    @Autowired CandidateNumbers candidateNumbers;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    @Test
    void candidateNumbersAreLoadedCheckedAndUnique() {
        String a = ImportRuns.unique("C"), b = ImportRuns.unique("C"), c = ImportRuns.unique("C");
        String candidateA = "2611" + a.replaceAll("[^0-9A-Za-z]", "");
        List<Object[]> rows = new ArrayList<>(List.<Object[]>of(
                new Object[] {a, "林考生", ImportRuns.idNumber(), TestRoster.LC_A, "XZGL", "专科", "2022春", "否", candidateA},
                new Object[] {b, "陈考生", ImportRuns.idNumber(), TestRoster.LC_A, "XZGL", "专科", "2022春", "否", null}));
        ImportRuns.Result first = imports.run("students", "th1", null, Workbooks.xlsx(HEADERS, rows));
        assertThat(first.state()).as(first.message()).isEqualTo(JobState.DONE);
        assertThat(candidateNumbers.of(a)).contains(candidateA);
        assertThat(candidateNumbers.of(b)).isEmpty();

        // the only change is a candidate number: counted as updated
        rows.set(1, new Object[] {rows.get(1)[0], rows.get(1)[1], rows.get(1)[2], TestRoster.LC_A, "XZGL", "专科", "2022春", "否", "B" + candidateA});
        ImportRuns.Result second = imports.run("students", "th1", null, Workbooks.xlsx(HEADERS, rows));
        assertThat(second.count("updated")).as(second.message()).isEqualTo(1);
        assertThat(candidateNumbers.of(b)).contains("B" + candidateA);

        // taken by another student, or malformed: refused with its cell
        ImportRuns.Result bad = imports.run("students", "th1", null, Workbooks.xlsx(HEADERS, List.<Object[]>of(
                new Object[] {c, "吴考生", ImportRuns.idNumber(), TestRoster.LC_A, "XZGL", "专科", "2022春", "否", candidateA},
                new Object[] {ImportRuns.unique("C"), "郑考生", ImportRuns.idNumber(), TestRoster.LC_A, "XZGL", "专科", "2022春", "否", "12-34"})));
        assertThat(bad.errors()).extracting(e -> e.row() + "/" + e.column() + "/" + e.code())
                .containsExactlyInAnyOrder("2/考生号/CANDIDATE_NO_TAKEN", "3/考生号/WRONG_TYPE");
        assertThat(candidateNumbers.of(c)).isEmpty();
    }
}

package cn.gradflow.imports;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.jobs.JobState;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The student import reads its sheet once (issue 13), writing chunk by chunk (1,000 rows) inside one transaction:
 * a problem after a written chunk still leaves nothing in all-or-nothing, and a row of a later chunk is judged
 * against the students as they were before the import, as the former check-everything-first pass judged it.
 */
@GradFlowSpringTest
class StudentImportOnePassTest {

    /** More than one chunk. */
    private static final int ROWS = 1_200;

    @Autowired TestRoster roster;
    @Autowired ImportRuns imports;
    @Autowired RosterRepository students;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    @Test
    void aProblemAfterAWrittenChunkLeavesNothingInAllOrNothing() {
        String prefix = ImportRuns.unique("P");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            rows.add(new Object[] {prefix + "-" + i, "分块" + i, ImportRuns.idNumber(), TestRoster.LC_A, i == 1_150 ? "NOPE" : "XZGL",
                    "专科", "2023春", "否"});
        }
        byte[] file = Workbooks.xlsx(ImportRowsTest.STUDENT_HEADERS, rows);

        ImportRuns.Result all = imports.run("students", "th1", null, file);
        assertThat(all.state()).isEqualTo(JobState.ROLLED_BACK);
        assertThat(all.cells()).containsExactly("1151/专业代码/UNKNOWN_MAJOR");
        assertThat(all.count("rows")).isEqualTo(ROWS);
        assertThat(all.count("invalid")).isEqualTo(1);
        assertThat(count(prefix)).as("the first chunk was written, then rolled back").isZero();

        ImportRuns.Result valid = imports.run("students", "th1", ImportRunner.VALID_ROWS, file);
        assertThat(valid.state()).as(valid.message()).isEqualTo(JobState.DONE);
        assertThat(valid.cells()).isEqualTo(all.cells());
        assertThat(valid.count("created")).isEqualTo(ROWS - 1);
        assertThat(valid.job().processed).isEqualTo(ROWS);
        assertThat(valid.job().applied).isEqualTo(ROWS - 1);
        assertThat(valid.job().total).isEqualTo(ROWS);
        assertThat(count(prefix)).isEqualTo(ROWS - 1);
    }

    @Test
    void laterChunksAreJudgedAgainstTheStudentsBeforeTheImport() {
        String prefix = ImportRuns.unique("Q");
        String moved = prefix + "-moved", idA = ImportRuns.idNumber(), idB = ImportRuns.idNumber();
        ImportRuns.Result before = imports.run("students", "th1", null, Workbooks.xlsx(ImportRowsTest.STUDENT_HEADERS, List.<Object[]>of(
                new Object[] {moved, "换号", idA, TestRoster.LC_A, "XZGL", "专科", "2023春", "否"})));
        assertThat(before.state()).as(before.message()).isEqualTo(JobState.DONE);

        String idC = ImportRuns.idNumber();
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {moved, "换号", idB, TestRoster.LC_A, "XZGL", "专科", "2023春", "否"}); // row 2: A → B
        rows.add(new Object[] {prefix + "-c", "新号", idC, TestRoster.LC_A, "XZGL", "专科", "2023春", "否"}); // row 3: C, new
        for (int i = 4; i <= ROWS; i++) {
            rows.add(new Object[] {prefix + "-" + i, "填充" + i, ImportRuns.idNumber(), TestRoster.LC_A, "XZGL", "专科", "2023春", "否"});
        }
        // in the second chunk: A still belongs to the student it belonged to; C is the sheet's duplicate, not a taken number
        rows.add(new Object[] {prefix + "-a", "旧号", idA, TestRoster.LC_A, "XZGL", "专科", "2023春", "否"}); // row ROWS + 1
        rows.add(new Object[] {prefix + "-c2", "重号", idC, TestRoster.LC_A, "XZGL", "专科", "2023春", "否"}); // row ROWS + 2

        ImportRuns.Result result = imports.run("students", "th1", ImportRunner.VALID_ROWS, Workbooks.xlsx(ImportRowsTest.STUDENT_HEADERS, rows));
        assertThat(result.state()).as(result.message()).isEqualTo(JobState.DONE);
        assertThat(result.cells()).containsExactlyInAnyOrder((ROWS + 1) + "/身份证号/ID_NUMBER_TAKEN", (ROWS + 2) + "/身份证号/DUPLICATE_ID_NUMBER");
        assertThat(result.errors()).filteredOn(e -> e.code().equals("ID_NUMBER_TAKEN")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains(moved));
        assertThat(result.count("updated")).isEqualTo(1);
        assertThat(result.count("created")).isEqualTo(ROWS - 2);
        assertThat(students.findStudent(moved).orElseThrow().idNumber()).isEqualTo(idB);
        assertThat(students.findStudent(prefix + "-a")).isEmpty();
    }

    private long count(String prefix) {
        return jdbc.sql("SELECT COUNT(*) FROM student WHERE student_no LIKE ?").param(prefix + "-%").query(Long.class).single();
    }
}

package cn.gradflow.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.jobs.JobState;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind's round trip on generated workbooks (create, re-import unchanged, change one row), every bad-row
 * kind with its exact row and column, and all-or-nothing against valid-rows. The work runs as the user would
 * through a job; {@code ImportApiTest} sends the same files over HTTP.
 */
@GradFlowSpringTest
class ImportRowsTest {

    static final List<String> STUDENT_HEADERS = List.of("学号", "姓名", "身份证号", "学习中心代码", "专业代码", "层次", "入学学期", "专升本");
    static final List<String> GRADE_HEADERS = List.of("学号", "课程代码", "成绩", "考试日期");

    @Autowired TestRoster roster;
    @Autowired ImportRuns imports;
    @Autowired RosterRepository students;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    @Test
    void studentsRoundTripAndReimportChangesNothing() {
        String a = ImportRuns.unique("S"), b = ImportRuns.unique("S");
        String idA = ImportRuns.idNumber(), idB = ImportRuns.idNumber();
        List<Object[]> rows = new ArrayList<>(List.of(
                new Object[] {a, "林晓明", idA, TestRoster.LC_A, "GSGL", "本科", "2022春", "是"},
                new Object[] {b, "陈雨桐", idB.toLowerCase(), TestRoster.LC_A, "XZGL", "专科", "2021秋", "否"}));
        ImportRuns.Result first = imports.run("students", "th1", null, Workbooks.xlsx(STUDENT_HEADERS, rows));
        assertThat(first.state()).as(first.message()).isEqualTo(JobState.DONE);
        assertThat(first.errors()).isEmpty();
        assertThat(first.count("created")).isEqualTo(2);
        Student saved = students.findStudent(a).orElseThrow();
        assertThat(saved.name()).isEqualTo("林晓明");
        assertThat(saved.enrolmentTerm().code()).isEqualTo("202203");
        assertThat(saved.upgradeFromJunior()).isTrue();
        assertThat(students.findStudent(b).orElseThrow().idNumber()).isEqualTo(idB); // x written as X

        ImportRuns.Result again = imports.run("students", "th1", null, Workbooks.xlsx(STUDENT_HEADERS, rows));
        assertThat(again.state()).isEqualTo(JobState.DONE);
        assertThat(again.count("unchanged")).isEqualTo(2);
        assertThat(again.count("created") + again.count("updated")).isZero();

        rows.set(1, new Object[] {b, "陈雨桐", idB, TestRoster.LC_B, "XZGL", "专科", "2022秋", "否"});
        ImportRuns.Result changed = imports.run("students", "gz1", null, Workbooks.xlsx(STUDENT_HEADERS, rows));
        assertThat(changed.count("updated")).as(changed.message()).isEqualTo(1);
        assertThat(changed.count("unchanged")).isEqualTo(1);
        assertThat(students.findStudent(b).orElseThrow().unitCode()).isEqualTo(TestRoster.LC_B);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM student WHERE student_no IN (?, ?)").params(a, b).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void everyBadStudentRowIsReportedWithItsCell() {
        String good = ImportRuns.unique("S"), dup = ImportRuns.unique("S");
        String other = roster.eligibleStudent(TestRoster.LC_B, "XZGL"); // 番禺's: not 天河's to change
        List<Object[]> rows = List.of(
                new Object[] {good, "好学生", ImportRuns.idNumber(), TestRoster.LC_A, "GSGL", "本科", "2022春", "否"}, // 2
                new Object[] {ImportRuns.unique("S"), "甲", ImportRuns.idNumber(), "NOPE01", "GSGL", "本科", "2022春", "否"}, // 3
                new Object[] {ImportRuns.unique("S"), "乙", ImportRuns.idNumber(), TestRoster.LC_A, "NOPE", "本科", "2022春", "否"}, // 4
                new Object[] {ImportRuns.unique("S"), "丙", ImportRuns.idNumber(), TestRoster.LC_A, "GSGL", "本科", "2022夏", "否"}, // 5
                new Object[] {ImportRuns.unique("S"), "丁", ImportRuns.idNumber(), TestRoster.LC_A, "GSGL", "硕士", "2022春", "否"}, // 6
                new Object[] {ImportRuns.unique("S"), new Workbooks.Formula("\"戊\"&\"己\""), ImportRuns.idNumber(), TestRoster.LC_A,
                        "GSGL", "本科", "2022春", "否"}, // 7
                new Object[] {ImportRuns.unique("S"), null, ImportRuns.idNumber(), TestRoster.LC_A, "GSGL", "本科", "2022春", "否"}, // 8
                new Object[] {good, "重复", ImportRuns.idNumber(), TestRoster.LC_A, "GSGL", "本科", "2022春", "否"}, // 9
                new Object[] {ImportRuns.unique("S"), "庚", ImportRuns.idNumber(), TestRoster.LC_B, "GSGL", "本科", "2022春", "否"}, // 10
                new Object[] {ImportRuns.unique("S"), "辛", "12345", TestRoster.LC_A, "GSGL", "本科", "2022春", "否"}, // 11
                new Object[] {ImportRuns.unique("S"), "壬", ImportRuns.idNumber(), TestRoster.LC_A, "GSGL", "本科", "2022春", "可能"}, // 12
                new Object[] {ImportRuns.unique("S"), "癸", ImportRuns.idNumber(), TestRoster.LC_A, "XZGL", "本科", "2022春", "否"}, // 13
                new Object[] {other, "抢来的", ImportRuns.idNumber(), TestRoster.LC_A, "XZGL", "专科", "2022春", "否"}, // 14
                new Object[] {dup, "子", ImportRuns.idNumber(), "GDGZ", "GSGL", "本科", "2022春", "否"}, // 15
                new Object[] {ImportRuns.unique("S"), "丑", ImportRuns.idNumber(), TestRoster.LC_A, "GSGL", "本科", 2022, "否"}); // 16
        byte[] file = Workbooks.xlsx(STUDENT_HEADERS, rows);

        ImportRuns.Result all = imports.run("students", "th1", null, file);
        assertThat(all.state()).isEqualTo(JobState.ROLLED_BACK);
        assertThat(all.cells()).containsExactlyInAnyOrder(
                "3/学习中心代码/UNKNOWN_UNIT", "4/专业代码/UNKNOWN_MAJOR", "5/入学学期/WRONG_TYPE", "6/层次/WRONG_TYPE",
                "7/姓名/FORMULA", "8/姓名/EMPTY_REQUIRED", "9/学号/DUPLICATE_ROW", "10/学习中心代码/NOT_YOUR_UNIT",
                "11/身份证号/WRONG_TYPE", "12/专升本/WRONG_TYPE", "13/层次/LEVEL_MISMATCH", "14/学号/NOT_YOUR_UNIT",
                "15/学习中心代码/NOT_A_LEARNING_CENTER", "16/入学学期/WRONG_TYPE");
        assertThat(all.errors()).allSatisfy(e -> assertThat(e.message()).matches(".*\\p{IsHan}.*"));
        assertThat(all.count("invalid")).isEqualTo(14);
        assertThat(students.findStudent(good)).as("all-or-nothing wrote nothing").isEmpty();

        ImportRuns.Result valid = imports.run("students", "th1", ImportRunner.VALID_ROWS, file);
        assertThat(valid.state()).isEqualTo(JobState.DONE);
        assertThat(valid.cells()).isEqualTo(all.cells());
        assertThat(valid.count("created")).isEqualTo(1);
        assertThat(students.findStudent(good).orElseThrow().name()).isEqualTo("好学生"); // the first of the duplicates
        assertThat(students.findStudent(other).orElseThrow().unitCode()).isEqualTo(TestRoster.LC_B);
    }

    @Test
    void gradesWithRealAndTextDatesAndEveryBadGrade() {
        String no = roster.eligibleStudent(TestRoster.LC_A, "XZGL");
        String foreign = roster.eligibleStudent(TestRoster.LC_COLLEGE, "XZGL");
        List<Object[]> rows = List.of(
                new Object[] {no, "XZGL-R1", 88.5, LocalDate.of(2025, 7, 5)}, // 2: a real date cell
                new Object[] {no, "XZGL-P", "59", "2025-12-20"}, // 3: text number, text date
                new Object[] {no, "XZGL-R1", 70, "2026-02-30"}, // 4
                new Object[] {no, "XZGL-R1", "八十五", "2025-01-05"}, // 5
                new Object[] {no, "XZGL-R1", 101, "2025-01-06"}, // 6
                new Object[] {"NOSUCH" + no, "XZGL-R1", 80, "2025-01-07"}, // 7
                new Object[] {no, "NOPE-R1", 80, "2025-01-08"}, // 8
                new Object[] {no, "XZGL-R1", 90, LocalDate.of(2025, 7, 5)}, // 9: same key as row 2
                new Object[] {foreign, "XZGL-R1", 80, "2025-01-09"}, // 10
                new Object[] {no, "XZGL-R1", new Workbooks.Formula("50+10"), "2025-01-10"}, // 11
                new Object[] {no, "XZGL-R1", 80, 45000}); // 12: a number where a date belongs
        byte[] file = Workbooks.xlsx(GRADE_HEADERS, rows);
        ImportRuns.Result result = imports.run("grades", "th1", ImportRunner.VALID_ROWS, file);
        assertThat(result.state()).isEqualTo(JobState.DONE);
        assertThat(result.cells()).containsExactlyInAnyOrder("4/考试日期/BAD_DATE", "5/成绩/WRONG_TYPE", "6/成绩/OUT_OF_RANGE",
                "7/学号/UNKNOWN_STUDENT", "8/课程代码/UNKNOWN_COURSE", "9/学号/DUPLICATE_ROW", "10/学号/NOT_YOUR_UNIT",
                "11/成绩/FORMULA", "12/考试日期/BAD_DATE");
        assertThat(result.count("created")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT score FROM grade WHERE student_no = ? AND course_code = 'XZGL-R1' AND exam_date = ?")
                .params(no, LocalDate.of(2025, 7, 5)).query(BigDecimal.class).single()).isEqualByComparingTo("88.5");
        assertThat(jdbc.sql("SELECT passed FROM grade WHERE student_no = ? AND course_code = 'XZGL-P' AND exam_date = ?")
                .params(no, LocalDate.of(2025, 12, 20)).query(Boolean.class).single()).isFalse();

        ImportRuns.Result again = imports.run("grades", "th1", ImportRunner.VALID_ROWS, file);
        assertThat(again.count("unchanged")).isEqualTo(2);
        assertThat(again.count("created") + again.count("updated")).isZero();
    }

    @Test
    void exemptionsAndChsiFeedbackRoundTrip() {
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        List<String> exemptionHeaders = List.of("学号", "课程代码", "申请日期");
        byte[] exemptions = Workbooks.xlsx(exemptionHeaders, List.<Object[]>of(new Object[] {no, "GSGL-R1", LocalDate.of(2023, 12, 1)}));
        ImportRuns.Result filed = imports.run("exemptions", "gd1", null, exemptions);
        assertThat(filed.count("created")).as(filed.message()).isEqualTo(1);
        assertThat(students.exemptions(no)).anySatisfy(e -> assertThat(e.filedOn()).isEqualTo(LocalDate.of(2023, 12, 1)));
        assertThat(imports.run("exemptions", "gd1", null, exemptions).count("unchanged")).isEqualTo(1);
        assertThat(imports.run("exemptions", "smjk1", null, exemptions).cells()).containsExactly("2/学号/NOT_YOUR_UNIT");

        List<String> chsiHeaders = List.of("学号", "身份存疑", "有录取照片", "有学历照片", "照片存疑");
        byte[] chsi = Workbooks.xlsx(chsiHeaders, List.<Object[]>of(new Object[] {no, "是", "是", "否", "否"},
                new Object[] {no + "X", "是", "是", "否", "否"}, new Object[] {no, "否", "是", "是", "对"}));
        ImportRuns.Result refused = imports.run("chsi-status", "gd1", null, chsi);
        assertThat(refused.state()).isEqualTo(JobState.FAILED);
        assertThat(refused.message()).contains("只有总部");
        ImportRuns.Result checked = imports.run("chsi-status", "hq1", ImportRunner.VALID_ROWS, chsi);
        assertThat(checked.cells()).containsExactlyInAnyOrder("3/学号/UNKNOWN_STUDENT", "4/照片存疑/WRONG_TYPE", "4/学号/DUPLICATE_ROW");
        assertThat(students.chsiStatus(no)).contains(new ChsiStatus(true, true, false, false));
        assertThat(imports.run("chsi-status", "hq1", ImportRunner.VALID_ROWS, chsi).count("unchanged")).isEqualTo(1);
    }

    @Test
    void wrongHeadersRefuseTheWholeFileWithOneError() {
        byte[] file = Workbooks.xlsx(List.of("学号", "姓名", "身份证", "学习中心代码", "专业代码", "层次", "入学学期", "专升本"),
                List.<Object[]>of(new Object[] {"X1", "某", ImportRuns.idNumber(), TestRoster.LC_A, "GSGL", "本科", "2022春", "否"}));
        ImportRuns.Result result = imports.run("students", "th1", ImportRunner.VALID_ROWS, file);
        assertThat(result.state()).isEqualTo(JobState.ROLLED_BACK);
        assertThat(result.cells()).containsExactly("1/身份证号/WRONG_HEADERS");
        assertThat(result.errors().get(0).message()).contains("学号 姓名 身份证号 学习中心代码 专业代码 层次 入学学期 专升本");

        byte[] extra = Workbooks.xlsx(List.of("学号", "课程代码", "成绩", "考试日期", "备注"), List.of());
        assertThat(imports.run("grades", "th1", null, extra).cells()).containsExactly("1/null/WRONG_HEADERS");
    }
}

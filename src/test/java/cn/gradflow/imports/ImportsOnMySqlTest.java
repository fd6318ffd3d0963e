package cn.gradflow.imports;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.gradflow.jobs.JobState;
import cn.gradflow.mysql.MySqlDatabase;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind's SQL (IN lists, batched inserts and updates, dates, booleans) on MySQL/MariaDB, and a re-import unchanged. */
@SpringBootTest
@ActiveProfiles({"test", "mysql"})
@EnabledIf("cn.gradflow.mysql.MySqlDatabase#recreate")
@DirtiesContext
class ImportsOnMySqlTest {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> MySqlDatabase.URL);
        registry.add("spring.datasource.username", () -> MySqlDatabase.USER);
        registry.add("spring.datasource.password", () -> MySqlDatabase.PASSWORD);
        // a name of its own (letters only: Camunda ignores a name with a hyphen and calls it "default", whose close
        // would unregister the engine the H2 tests' REST API looks up)
        registry.add("camunda.bpm.process-engine-name", () -> "mysqlimports");
    }

    @Autowired TestRoster roster;
    @Autowired ImportRuns imports;

    @Test
    void everyKindOnMySql() {
        roster.ensureBase();
        String branch = ImportRuns.unique("MB");
        String major = ImportRuns.unique("MM");
        String no = ImportRuns.unique("MS");
        String login = ImportRuns.unique("my").toLowerCase();
        twice("units", List.of("单位代码", "单位名称", "上级单位代码", "层级", "链路"),
                new Object[] {branch, "库测试学院", "HQ", "分部", "无分校"}, new Object[] {branch + "01", "库测试中心", branch, "学习中心", null});
        twice("majors", List.of("专业代码", "专业名称", "层次", "最低学分", "可授学位", "课程代码", "课程名称", "学分", "课程类型"),
                new Object[] {major, "库测试专业", "专科", 76, "否", major + "-R1", "库测试课程", 4, "必修课"});
        twice("staff", List.of("登录名", "姓名", "单位代码", "初始密码"), new Object[] {login, "库老师", branch + "01", "Chushi2026"});
        twice("students", ImportRowsTest.STUDENT_HEADERS,
                new Object[] {no, "库学生", ImportRuns.idNumber(), branch + "01", major, "专科", "2023春", "否"});
        twice("grades", ImportRowsTest.GRADE_HEADERS, new Object[] {no, major + "-R1", 77.5, LocalDate.of(2025, 7, 5)});
        twice("exemptions", List.of("学号", "课程代码", "申请日期"), new Object[] {no, major + "-R1", "2023-12-01"});
        twice("chsi-status", List.of("学号", "身份存疑", "有录取照片", "有学历照片", "照片存疑"), new Object[] {no, "否", "是", "是", "否"});
    }

    private void twice(String kind, List<String> headers, Object[]... rows) {
        byte[] file = Workbooks.xlsx(headers, List.of(rows));
        ImportRuns.Result first = imports.run(kind, "hq1", null, file);
        assertThat(first.state()).as(kind + ": " + first.message() + first.errors()).isEqualTo(JobState.DONE);
        assertThat(first.count("created")).as(kind).isEqualTo(rows.length);
        ImportRuns.Result again = imports.run(kind, "hq1", null, file);
        assertThat(again.count("unchanged")).as(kind + ": " + again.message()).isEqualTo(rows.length);
    }
}

package cn.gradflow.imports;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import cn.gradflow.roster.CourseRule;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The imports over {@code POST /api/imports/{kind}} and {@code GET /api/jobs/{id}} as the demo users send them:
 * a real installation loaded from units to staff who then log in, majors with their rules, hostile files refused
 * (at once where the first bytes tell, else the job FAILED) with the app still importing afterwards, and the
 * report workbook naming each bad cell.
 */
@GradFlowSpringTest
class ImportApiTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired RosterRepository units;
    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    @Test
    void unitsThenStaffWhoLogInAndSeeOnlyTheirUnit() {
        String branch = ImportRuns.unique("IB");
        String college = ImportRuns.unique("IC");
        List<String> unitHeaders = List.of("单位代码", "单位名称", "上级单位代码", "层级", "链路");
        byte[] unitFile = Workbooks.xlsx(unitHeaders, List.of(
                new Object[] {branch, "导入测试分部", "HQ", "分部", "有分校"}, // 2
                new Object[] {branch + "C", "导入测试分校", branch, "分校", null}, // 3
                new Object[] {branch + "C01", "导入测试学习中心", branch + "C", "学习中心", null}, // 4
                new Object[] {college, "导入测试学院", "HQ", "分部", "无分校"}, // 5
                new Object[] {college + "01", "导入测试学院学习中心", college, "学习中心", null}, // 6
                new Object[] {college + "X1", "先子后父", college + "Y", "学习中心", null}, // 7
                new Object[] {college + "Y", "后来的父", college, "分校", null}, // 8: no city under a 无分校 college
                new Object[] {branch + "Z", "缺链路", "HQ", "分部", null}, // 9
                new Object[] {TestRoster.LC_A, "天河学习中心", "GDSG", "学习中心", null})); // 10: moving an existing centre
        assertThat(post("gd1", "units", null, unitFile).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        Map<String, Object> all = job(submit("hq1", "units", null, unitFile));
        assertThat(all).containsEntry("state", "ROLLED_BACK");
        assertThat(cells(all)).containsExactlyInAnyOrder("7/上级单位代码/UNKNOWN_UNIT", "8/上级单位代码/BAD_PARENT",
                "9/链路/EMPTY_REQUIRED", "10/上级单位代码/UNIT_MOVED");
        assertThat(units.findUnit(branch)).isEmpty();

        Map<String, Object> loaded = job(submit("hq1", "units", "valid-rows", unitFile));
        assertThat(loaded).containsEntry("state", "DONE");
        assertThat((Map<String, Object>) loaded.get("counts")).containsEntry("created", 5).containsEntry("invalid", 4);
        assertThat(units.findUnit(branch).orElseThrow().hasCityTier()).isTrue();
        assertThat(units.findUnit(college).orElseThrow().hasCityTier()).isFalse();
        assertThat(units.chainOf(college + "01").hasCityTier()).isFalse();
        assertThat(units.findUnit(TestRoster.LC_A).orElseThrow().parentCode()).isEqualTo("GDGZ");
        // the new units' Camunda groups and standing grants, as every unit gets them
        assertThat(identity.createGroupQuery().groupId(branch + "C01").singleResult().getType()).isEqualTo(Tier.LEARNING_CENTER.name());
        assertThat(authorizations.createAuthorizationQuery().groupIdIn(branch + "C01").resourceType(Resources.APPLICATION)
                .resourceId("tasklist").hasPermission(Permissions.ACCESS).count()).isEqualTo(1);
        Map<String, Object> unitsAgain = job(submit("hq1", "units", "valid-rows", unitFile));
        assertThat((Map<String, Object>) unitsAgain.get("counts")).containsEntry("unchanged", 5).containsEntry("created", 0);

        String login = ImportRuns.unique("imp").toLowerCase();
        List<String> staffHeaders = List.of("登录名", "姓名", "单位代码", "初始密码");
        byte[] staffFile = Workbooks.xlsx(staffHeaders, List.of(
                new Object[] {login, "张老师", branch + "C01", "Chushi2026"}, // 2
                new Object[] {login + "b", "李老师", branch + "C01", "short1"}, // 3
                new Object[] {"th1", "天河", branch + "C01", "Chushi2026"}, // 4: a login of another unit
                new Object[] {login + "c", "王老师", "NOPE", "Chushi2026"}, // 5
                new Object[] {"bad name", "赵老师", branch + "C01", "Chushi2026"})); // 6
        Map<String, Object> staff = job(submit("hq1", "staff", "valid-rows", staffFile));
        assertThat(staff).containsEntry("state", "DONE");
        assertThat(cells(staff)).containsExactlyInAnyOrder("3/初始密码/WEAK_PASSWORD", "4/登录名/USER_OTHER_UNIT",
                "5/单位代码/UNKNOWN_UNIT", "6/登录名/WRONG_TYPE");
        assertThat(staff.toString()).doesNotContain("Chushi2026", "short1");

        TestRestTemplate newcomer = http.withBasicAuth(login, "Chushi2026");
        assertThat(newcomer.getForEntity("/api/batches/" + TestRoster.BATCH + "/units/" + branch + "C01/cases", Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(newcomer.getForEntity("/api/batches/" + TestRoster.BATCH + "/units/" + TestRoster.LC_A + "/cases", Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(newcomer.getForEntity("/api/batches/" + TestRoster.BATCH + "/units/" + branch + "/cases", Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // a re-import with another password changes nothing: the initial password was used once
        byte[] staffAgain = Workbooks.xlsx(staffHeaders, List.<Object[]>of(new Object[] {login, "张老师", branch + "C01", "Anders2026"}));
        assertThat((Map<String, Object>) job(submit("hq1", "staff", null, staffAgain)).get("counts")).containsEntry("unchanged", 1);
        assertThat(identity.checkPassword(login, "Chushi2026")).isTrue();
    }

    @Test
    void majorsWithTheirCourseRules() {
        String major = ImportRuns.unique("IM");
        List<String> headers = List.of("专业代码", "专业名称", "层次", "最低学分", "可授学位", "课程代码", "课程名称", "学分", "课程类型");
        byte[] file = Workbooks.xlsx(headers, List.of(
                new Object[] {major, "导入测试专业", "本科", 71, "是", major + "-R1", "导入必修一", 4, "必修课"}, // 2
                new Object[] {major, "导入测试专业", "本科", 71, "是", major + "-P", "导入毕业论文", 6, "毕业论文"}, // 3
                new Object[] {major, "导入测试专业", "本科", 71, "是", "BXX-" + major, "导入补修", 3, "补修课"}, // 4
                new Object[] {major, "导入测试专业", "专科", 71, "是", major + "-R2", "导入必修二", 4, "必修课"}, // 5: disagrees
                new Object[] {major, "导入测试专业", "本科", 71, "是", major + "-R1", "导入必修一", 4, "必修课"}, // 6: duplicate
                new Object[] {major, "导入测试专业", "本科", "七十", "是", major + "-R3", "导入必修三", 4, "选修课"})); // 7
        assertThat(post("th1", "majors", null, file).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        Map<String, Object> result = job(submit("hq1", "majors", "valid-rows", file));
        assertThat(result).containsEntry("state", "DONE");
        assertThat(cells(result)).containsExactlyInAnyOrder("5/专业代码/MAJOR_CONFLICT", "6/课程代码/DUPLICATE_ROW",
                "7/最低学分/WRONG_TYPE", "7/课程类型/WRONG_TYPE");
        assertThat(units.findMajor(major).orElseThrow().level()).isEqualTo(Level.BACHELOR);
        assertThat(units.courseRules(major)).extracting(CourseRule::kind)
                .containsExactlyInAnyOrder(CourseRule.Kind.REQUIRED, CourseRule.Kind.PRACTICE, CourseRule.Kind.SUPPLEMENTARY);
        Map<String, Object> again = job(submit("hq1", "majors", "valid-rows", file));
        assertThat((Map<String, Object>) again.get("counts")).containsEntry("unchanged", 3).containsEntry("created", 0).containsEntry("updated", 0);
    }

    @Test
    void hostileFilesAreRefusedWithAReasonAndTheAppGoesOn() throws Exception {
        List<String> headers = ImportRowsTest.GRADE_HEADERS;
        for (byte[] refusedAtOnce : List.of(new byte[0], HostileFiles.oldXls(), HostileFiles.csv())) {
            ResponseEntity<Map> refused = post("th1", "grades", null, refusedAtOnce);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody().get("message").toString()).matches(".*\\p{IsHan}.*");
        }
        assertThat(message(post("th1", "grades", null, HostileFiles.oldXls()))).contains(".xls");

        byte[] good = Workbooks.xlsx(headers, List.<Object[]>of(new Object[] {"X", "Y", 1, LocalDate.of(2025, 1, 1)}));
        Map<String, Object> corrupt = job(submit("th1", "grades", null, HostileFiles.truncated(good)));
        assertThat(corrupt).containsEntry("state", "FAILED");
        assertThat(corrupt.get("message").toString()).contains("损坏");

        long before = System.nanoTime();
        Map<String, Object> bomb = job(submit("th1", "grades", null, HostileFiles.bomb(headers)));
        assertThat(bomb).containsEntry("state", "FAILED");
        assertThat(bomb.get("message").toString()).contains("压缩炸弹");
        System.out.printf("bomb refused in %d ms%n", (System.nanoTime() - before) / 1_000_000);

        Map<String, Object> giant = job(submit("th1", "grades", null, HostileFiles.giantCell(headers)));
        assertThat(giant).containsEntry("state", "FAILED");
        assertThat(giant.get("message").toString()).contains("32767");

        Map<String, Object> noSheet = job(submit("th1", "grades", null, HostileFiles.withoutSheets()));
        assertThat(noSheet).containsEntry("state", "FAILED");
        assertThat(noSheet.get("message").toString()).contains("没有工作表");

        assertThat(post("th1", "grades", "everything", good).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post("th1", "pets", null, good).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // still up: a good file right after
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        byte[] fine = Workbooks.xlsx(headers, List.<Object[]>of(new Object[] {no, "GSGL-R1", 66, LocalDate.of(2025, 7, 1)}));
        assertThat(job(submit("th1", "grades", null, fine))).containsEntry("state", "DONE");
    }

    @Test
    void theReportWorkbookNamesEachBadCell() throws Exception {
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        byte[] file = Workbooks.xlsx(ImportRowsTest.GRADE_HEADERS, List.of(
                new Object[] {no, "GSGL-R1", 75, "2025-07-01"}, new Object[] {no, "GSGL-R1", 75, "2025-13-01"}));
        String jobId = submit("th1", "grades", null, file);
        Map<String, Object> result = job(jobId);
        assertThat(result).containsEntry("state", "ROLLED_BACK");
        assertThat((List<Map<String, Object>>) result.get("errors")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("row", 3).containsEntry("column", "考试日期").containsEntry("code", "BAD_DATE"));

        ResponseEntity<byte[]> report = http.withBasicAuth("th1", TestRoster.PASSWORD).getForEntity("/api/jobs/" + jobId + "/report.xlsx", byte[].class);
        assertThat(report.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report.getBody()))) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter text = new DataFormatter();
            StringBuilder all = new StringBuilder();
            for (Row row : sheet) {
                row.forEach(cell -> all.append(text.formatCellValue(cell)).append('|'));
                all.append('\n');
            }
            assertThat(all.toString()).contains("3|考试日期|").contains("BAD_DATE");
        }
    }

    private String submit(String user, String kind, String mode, byte[] file) {
        ResponseEntity<Map> accepted = post(user, kind, mode, file);
        assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        String jobId = accepted.getBody().get("jobId").toString();
        owners.put(jobId, user);
        return jobId;
    }

    private ResponseEntity<Map> post(String user, String kind, String mode, byte[] file) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return kind + ".xlsx";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth(user, TestRoster.PASSWORD).postForEntity("/api/imports/" + kind + (mode == null ? "" : "?mode=" + mode),
                new HttpEntity<>(parts, headers), Map.class);
    }

    private Map<String, Object> job(String jobId) {
        ResponseEntity<Map> job = http.withBasicAuth(owner(jobId), TestRoster.PASSWORD).getForEntity("/api/jobs/" + jobId, Map.class);
        assertThat(job.getStatusCode()).isEqualTo(HttpStatus.OK);
        return job.getBody();
    }

    /** Jobs are visible to their owner only: who submitted each. */
    private final Map<String, String> owners = new java.util.HashMap<>();

    private String owner(String jobId) {
        return owners.get(jobId);
    }

    private static String message(ResponseEntity<Map> response) {
        return String.valueOf(response.getBody().get("message"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> cells(Map<String, Object> job) {
        return ((List<Map<String, Object>>) job.get("errors")).stream()
                .map(e -> e.get("row") + "/" + e.get("column") + "/" + e.get("code")).toList();
    }
}

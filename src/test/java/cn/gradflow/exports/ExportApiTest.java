package cn.gradflow.exports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.gradflow.roster.RosterRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.EXPORT_BATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The five exports over HTTP, read back with POI: headers, a row's content, the frozen header row, ID numbers
 * masked for staff and whole for HQ, hostile names escaped, unit scope refused; 2,000 cases streamed; temp
 * files gone after a client hangs up.
 */
@GradFlowSpringTest
class ExportApiTest {

    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?x\",\"点我\")";

    @Autowired TestRoster roster;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestRestTemplate http;
    @Autowired DataSource dataSource;
    @Autowired RosterRepository units;

    private static boolean seeded;

    @BeforeEach
    void setUp() {
        roster.ensureExportBranch();
        seed();
    }

    /**
     * Eight cases of batch 202501: E1–E3 in centre EXA01, E4–E5 registered there, E6–E8 in EXB01. Hostile names
     * on E1 (=HYPERLINK), E2 (@SUM), E3 (-1+1), E4 (tab).
     */
    private synchronized void seed() {
        if (seeded) {
            return;
        }
        Timestamp now = Timestamp.valueOf(LocalDateTime.of(2025, 1, 10, 14, 30));
        student("4100000000001", HYPERLINK, "EXA01", "GSGL", "APPLYING", "LEARNING_CENTER", null, null, now);
        long e2 = student("4100000000002", "@SUM(1)", "EXA01", "XZGL", "CITY_REVIEW", "CITY", "GRADUATION", null, now);
        long e3 = student("4100000000003", "-1+1", "EXA01", "XZGL", "AWAITING_HQ", "BRANCH", "GRADUATION", null, now);
        long e4 = student("4100000000004", "\tx", "EXA01", "GSGL", "GRADUATED", "LEARNING_CENTER", "GRADUATION_DEGREE", "OUC", now);
        long e5 = student("4100000000005", "王小明", "EXA01", "XZGL", "CERTIFICATE", "LEARNING_CENTER", "GRADUATION", null, now);
        student("4100000000006", "李四", "EXB01", "XZGL", "AWAITING_HQ", "BRANCH", "GRADUATION", null, now);
        long e7 = student("4100000000007", "张三", "EXB01", "XZGL", "CORRECTION", "LEARNING_CENTER", "GRADUATION", null, now);
        long e8 = student("4100000000008", "赵五", "EXB01", "XZGL", "GRADUATED", "LEARNING_CENTER", "GRADUATION", null, now);
        finding(e2, "R-EL-03", "BLOCKING", now);
        finding(e2, "R-EL-03", "BLOCKING", now);
        finding(e2, "R-EL-06/R-PH-01", "BLOCKING", now);
        finding(e2, "R-ID-01", "WARNING", now);
        decision(e7, "exb1", "EXB", "CITY", "REJECT", "+照片背景不符合要求", now);
        decision(e7, "exb01", "EXB01", "LEARNING_CENTER", "APPLY", null, Timestamp.valueOf(LocalDateTime.of(2025, 1, 9, 8, 0)));
        decision(e2, "system", "HQ", "HQ", "AUTO_REJECT", "学信网无学历照片", Timestamp.valueOf(LocalDateTime.of(2025, 1, 11, 9, 5)));
        registration("51161820255000002", e4);
        registration("51161820256000001", e5);
        registration("51161820256000003", e8);
        jdbc.update("INSERT INTO graduate_statistics (batch_code, unit_code, graduates, degree_applicants, reported_by, reported_at)"
                + " VALUES (?, 'EXA', 3, 1, 'exa1', ?)", EXPORT_BATCH, now);
        jdbc.update("INSERT INTO hq_submission (batch_code, branch_code, issue_no, state, created_at) VALUES (?, 'EX', 2, 'CONFIRMING', ?)",
                EXPORT_BATCH, now);
        Long list = jdbc.queryForObject("SELECT MAX(id) FROM hq_submission WHERE branch_code = 'EX'", Long.class);
        jdbc.update("INSERT INTO hq_submission_item (submission_id, application_id, student_no, city_code) VALUES (?, ?, ?, 'EXA')",
                list, e3, "4100000000003");
        ExportSeed.seed(jdbc, "EXA02", SCALE);
        seeded = true;
    }

    static final int SCALE = 2_000;

    @Test
    void thePendingListHasTheContractsHeadersAndTheBlockingRulesForTheRoundTrip() throws IOException {
        try (Workbook wb = download("exa1", "pending", null)) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(1);
            Sheet sheet = wb.getSheet("待处理名单");
            assertThat(texts(sheet.getRow(0))).containsExactlyElementsOf(WorkbookExports.PENDING_HEADERS);
            assertFrozenHeaderAndWidths(sheet);
            // the city's cases waiting for a decision (E1 applying, E2 at the city), not the ones at HQ's list or registered
            assertThat(column(sheet, 0)).containsExactly("4100000000001", "4100000000002");
            List<String> e2 = texts(sheet.getRow(2));
            assertThat(e2.subList(0, 10)).containsExactly("4100000000002", "'@SUM(1)", "4401**********0002",
                    "导出测试甲一学习中心", "行政管理", "专科", "2021秋", "待分校审批", "分校", "R-EL-03、R-EL-06/R-PH-01");
            assertThat(e2.subList(10, 14)).as("决定, 学位类型, 承诺书, 原因 left for the clerk").containsOnly("");
            assertThat(texts(sheet.getRow(1)).get(9)).as("no blocking rule").isEmpty();
        }
    }

    @Test
    void hqSeesWholeIdNumbersAndACityMaskedOnes() throws IOException {
        String whole = jdbc.queryForObject("SELECT id_number FROM student WHERE student_no = '4100000000002'", String.class);
        try (Workbook wb = download("hq1", "pending", "EX")) {
            assertThat(rowOf(wb.getSheetAt(0), "4100000000002").get(2)).isEqualTo(whole);
        }
        try (Workbook wb = download("ex1", "pending", "EXA01")) {
            assertThat(rowOf(wb.getSheetAt(0), "4100000000002").get(2)).isNotEqualTo(whole).contains("**********");
        }
    }

    @Test
    void theHqListShowsTheBranchsWaitingCasesAndWhetherTheyAreOnTheOpenList() throws IOException {
        try (Workbook wb = download("ex1", "hq-list", "EX")) {
            Sheet sheet = wb.getSheet("拟上报总部终审名单");
            assertThat(texts(sheet.getRow(0))).containsExactly("学号", "姓名", "身份证号", "分校", "学习中心", "专业", "层次",
                    "入学学期", "申请类型", "学位类型", "专科续读本科", "名单状态");
            assertFrozenHeaderAndWidths(sheet);
            assertThat(column(sheet, 0)).containsExactly("4100000000003", "4100000000006");
            assertThat(texts(sheet.getRow(1))).containsExactly("4100000000003", "'-1+1", texts(sheet.getRow(1)).get(2),
                    "导出测试甲分校", "导出测试甲一学习中心", "行政管理", "专科", "2021秋", "申请毕业", "", "否", "已编入第 2 版名单，待分校确认");
            assertThat(texts(sheet.getRow(2)).get(11)).isEqualTo("待编入名单");
        }
        try (Workbook wb = download("exb1", "hq-list", null)) {
            assertThat(column(wb.getSheetAt(0), 0)).as("a city: its own part").containsExactly("4100000000006");
        }
    }

    @Test
    void theStatisticsCountRegisteredGraduatesPerCityByLevelWithAChart() throws IOException {
        try (Workbook wb = download("ex1", "statistics", null)) {
            Sheet sheet = wb.getSheet("毕业生人数统计表");
            assertThat(texts(sheet.getRow(0))).containsExactly("单位代码", "分校（学院）", "本科毕业生", "其中申请学位", "专科毕业生",
                    "毕业生合计", "分校上报毕业生人数", "分校上报学位申请人数");
            assertFrozenHeaderAndWidths(sheet);
            assertThat(texts(sheet.getRow(1))).containsExactly("EXA", "导出测试甲分校", "1", "1", "1", "2", "3", "1");
            assertThat(texts(sheet.getRow(2))).containsExactly("EXB", "导出测试乙分校", "0", "0", "1", "1", "", "");
            assertThat(texts(sheet.getRow(3))).containsExactly("", "合计", "1", "1", "2", "3", "", "");
            XSSFSheet chart = (XSSFSheet) wb.getSheet("统计图");
            assertThat(chart.getDrawingPatriarch().getCharts()).hasSize(1);
            assertThat(chart.getDrawingPatriarch().getCharts().get(0).getChartSeries().get(0).getSeriesCount()).isEqualTo(3);
        }
    }

    @Test
    void theRejectionListHasWhoTierWhenAndWhyOfEveryReturn() throws IOException {
        try (Workbook wb = download("ex1", "rejections", "EX")) {
            Sheet sheet = wb.getSheet("退回名单");
            assertThat(texts(sheet.getRow(0))).containsExactly("学号", "姓名", "学习中心", "专业", "层次", "退回环节", "退回单位",
                    "退回人", "退回时间", "决定", "退回原因", "当前状态");
            assertFrozenHeaderAndWidths(sheet);
            assertThat(sheet.getLastRowNum()).as("the APPLY entry is no return").isEqualTo(2);
            assertThat(texts(sheet.getRow(1))).containsExactly("4100000000007", "张三", "导出测试乙一学习中心", "行政管理", "专科", "分校",
                    "导出测试乙分校", "exb1", "2025-01-10 14:30", "退回", "'+照片背景不符合要求", "待学习中心整改");
            assertThat(texts(sheet.getRow(2))).containsExactly("4100000000002", "'@SUM(1)", "导出测试甲一学习中心", "行政管理", "专科",
                    "总部", "总部", "system", "2025-01-11 09:05", "系统核验退回", "学信网无学历照片", "待分校审批");
        }
    }

    @Test
    void theRosterListsRegistrationNumbersInOrder() throws IOException {
        try (Workbook wb = download("ex1", "roster", "EX")) {
            Sheet sheet = wb.getSheet("毕业生花名册");
            assertThat(texts(sheet.getRow(0))).containsExactly("电子注册号", "学号", "姓名", "身份证号", "专业", "层次", "入学学期",
                    "学习中心", "分校", "证书日期", "学位类型", "状态");
            assertFrozenHeaderAndWidths(sheet);
            assertThat(column(sheet, 0)).containsExactly("51161820255000002", "51161820256000001", "51161820256000003");
            assertThat(texts(sheet.getRow(1))).containsExactly("51161820255000002", "4100000000004", "'\tx", texts(sheet.getRow(1)).get(3),
                    "工商管理", "本科", "2021秋", "导出测试甲一学习中心", "导出测试甲分校", "2025-01-20", "国开学位", "已毕业");
        }
    }

    @Test
    void noCellOfAnyExportIsAFormulaAndEveryHostileNameIsEscaped() throws IOException {
        for (String kind : List.of("hq-list", "statistics", "rejections", "roster", "pending")) {
            try (Workbook wb = download("hq1", kind, "EX")) {
                for (Sheet sheet : wb) {
                    for (Row row : sheet) {
                        for (Cell cell : row) {
                            assertThat(cell.getCellType()).as(kind + " " + cell.getAddress()).isNotEqualTo(CellType.FORMULA);
                            if (cell.getCellType() == CellType.STRING) {
                                assertThat(cell.getStringCellValue()).as(kind + " " + cell.getAddress()).doesNotStartWith("=")
                                        .doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t")
                                        .doesNotStartWith("\r");
                            }
                        }
                    }
                }
            }
        }
        try (Workbook wb = download("exa1", "pending", null)) {
            assertThat(texts(wb.getSheetAt(0).getRow(1)).get(1)).isEqualTo("'" + HYPERLINK);
        }
    }

    @Test
    void unitsOutsideTheUsersScopeAndUnknownThingsAreRefusedInChinese() {
        // a centre asking for another branch's list, or its own branch's
        assertRefused("th1", "hq-list", "EX", HttpStatus.FORBIDDEN, "只能导出本单位及下属单位");
        assertRefused("exa01", "hq-list", "EX", HttpStatus.FORBIDDEN, "只能导出本单位及下属单位");
        assertRefused("gd1", "pending", "EXA", HttpStatus.FORBIDDEN, "只能导出本单位及下属单位");
        assertRefused("exa1", "roster", "EXB", HttpStatus.FORBIDDEN, "只能导出本单位及下属单位");
        // the HQ list and the statistics are by city or branch
        assertRefused("exa01", "hq-list", null, HttpStatus.BAD_REQUEST, "按分校、分部或总部导出");
        assertRefused("exa1", "nonsense", null, HttpStatus.NOT_FOUND, "没有这种导出");
        assertRefused("exa1", "pending", "NOPE", HttpStatus.NOT_FOUND, "单位不存在");
        ResponseEntity<String> batch = http.withBasicAuth("exa1", TestRoster.PASSWORD)
                .getForEntity("/api/batches/209901/exports/pending.xlsx", String.class);
        assertThat(batch.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(batch.getBody()).contains("批次不存在");
        assertThat(http.getForEntity("/api/batches/" + EXPORT_BATCH + "/exports/pending.xlsx", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // a centre's own list is fine
        ResponseEntity<byte[]> own = http.withBasicAuth("exa01", TestRoster.PASSWORD)
                .exchange("/api/batches/" + EXPORT_BATCH + "/exports/pending.xlsx", HttpMethod.GET, null, byte[].class);
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(own.getHeaders().getContentDisposition().getFilename()).isEqualTo("待处理名单-" + EXPORT_BATCH + "-EXA01.xlsx");
        assertThat(own.getHeaders().getFirst("Content-Disposition")).as("an ASCII name for curl -OJ")
                .startsWith("attachment; filename=\"pending-" + EXPORT_BATCH + "-EXA01.xlsx\"; filename*=UTF-8''");
    }

    @Test
    void twoThousandCasesStreamThroughEveryListKind() throws IOException {
        record Expect(String kind, String batch, int rows, int nameColumn) {
        }
        for (Expect e : List.of(new Expect("pending", ExportSeed.PENDING_BATCH, SCALE, 1),
                new Expect("rejections", ExportSeed.PENDING_BATCH, SCALE, 1), new Expect("roster", ExportSeed.ROSTER_BATCH, SCALE, 2),
                new Expect("hq-list", ExportSeed.HQ_BATCH, SCALE, 1))) {
            try (Workbook wb = download("ex1", e.batch(), e.kind(), "EXA")) {
                Sheet sheet = wb.getSheetAt(0);
                assertThat(sheet.getLastRowNum()).as(e.kind()).isEqualTo(e.rows());
                assertThat(texts(sheet.getRow(1)).get(e.nameColumn())).as(e.kind() + " hostile name at scale").startsWith("'=HYPERLINK");
            }
        }
        try (Workbook wb = download("ex1", ExportSeed.ROSTER_BATCH, "roster", "EXA")) {
            assertThat(texts(wb.getSheetAt(0).getRow(SCALE)).get(0)).isEqualTo(String.format("51161820236%06d", SCALE - 1));
        }
    }

    @Test
    void aClientThatHangsUpLeavesNoTempFiles() throws IOException {
        Path poiTemp = Path.of(System.getProperty("java.io.tmpdir"), "poifiles");
        long before = sxssfFiles(poiTemp);
        OutputStream hangsUp = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 10_000) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        var unit = units.findUnit("EXA").orElseThrow();
        assertThatThrownBy(() -> new WorkbookExports(dataSource).write(ExportKind.PENDING, ExportSeed.PENDING_BATCH, unit, id -> id, hangsUp))
                .isInstanceOf(IOException.class);
        assertThat(sxssfFiles(poiTemp)).isEqualTo(before);
    }

    private static long sxssfFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("poi-sxssf")).count();
        }
    }

    private void assertRefused(String user, String kind, String unit, HttpStatus status, String message) {
        ResponseEntity<String> r = http.withBasicAuth(user, TestRoster.PASSWORD).getForEntity("/api/batches/" + EXPORT_BATCH + "/exports/"
                + kind + ".xlsx" + (unit == null ? "" : "?unit=" + unit), String.class);
        assertThat(r.getStatusCode()).as(user + " " + kind + " " + unit).isEqualTo(status);
        assertThat(r.getBody()).contains(message);
    }

    private Workbook download(String user, String kind, String unit) throws IOException {
        return download(user, EXPORT_BATCH, kind, unit);
    }

    private Workbook download(String user, String batch, String kind, String unit) throws IOException {
        ResponseEntity<byte[]> r = http.withBasicAuth(user, TestRoster.PASSWORD).exchange("/api/batches/" + batch + "/exports/" + kind
                + ".xlsx" + (unit == null ? "" : "?unit=" + unit), HttpMethod.GET, null, byte[].class);
        assertThat(r.getStatusCode()).as(user + " " + kind + " " + new String(r.getBody() == null ? new byte[0] : r.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(r.getHeaders().getContentType().isCompatibleWith(org.springframework.http.MediaType.parseMediaType(ExportController.XLSX))).isTrue();
        return new XSSFWorkbook(new ByteArrayInputStream(r.getBody()));
    }

    private static void assertFrozenHeaderAndWidths(Sheet sheet) {
        PaneInformation pane = sheet.getPaneInformation();
        assertThat(pane).isNotNull();
        assertThat(pane.isFreezePane()).isTrue();
        assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
        assertThat(pane.getVerticalSplitPosition()).isZero();
        for (int i = 0; i < sheet.getRow(0).getLastCellNum(); i++) {
            assertThat(sheet.getColumnWidth(i)).as("column " + i).isGreaterThanOrEqualTo(6 * 256);
        }
    }

    private static final DataFormatter FORMAT = new DataFormatter();

    private static List<String> texts(Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.getSheet().getRow(0).getLastCellNum(); i++) {
            Cell cell = row.getCell(i);
            values.add(cell == null ? "" : FORMAT.formatCellValue(cell));
        }
        return values;
    }

    private static List<String> column(Sheet sheet, int column) {
        List<String> values = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            values.add(FORMAT.formatCellValue(sheet.getRow(r).getCell(column)));
        }
        return values;
    }

    private static List<String> rowOf(Sheet sheet, String studentNo) {
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            if (studentNo.equals(FORMAT.formatCellValue(sheet.getRow(r).getCell(0)))) {
                return texts(sheet.getRow(r));
            }
        }
        throw new AssertionError("no row for " + studentNo);
    }

    private long student(String no, String name, String centre, String major, String state, String tier, String kind, String degree,
                         Timestamp now) {
        jdbc.update("INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term) VALUES (?, ?, ?, ?, ?, '202109')",
                no, name, "44010119900101" + no.substring(9), centre, major);
        jdbc.update("INSERT INTO application (batch_code, student_no, kind, degree_type, application_round, state, tier, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 'FIRST', ?, ?, ?, ?)", EXPORT_BATCH, no, kind, degree, state, tier, now, now);
        return jdbc.queryForObject("SELECT id FROM application WHERE batch_code = ? AND student_no = ?", Long.class, EXPORT_BATCH, no);
    }

    private void finding(long application, String rule, String severity, Timestamp now) {
        jdbc.update("INSERT INTO finding (application_id, stage, rule_id, severity, message, created_at) VALUES (?, 'INITIAL', ?, ?, '测试', ?)",
                application, rule, severity, now);
    }

    private void decision(long application, String user, String unit, String tier, String decision, String reason, Timestamp at) {
        jdbc.update("INSERT INTO decision_log (application_id, user_id, unit_code, tier, decided_at, decision, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                application, user, unit, tier, at, decision, reason);
    }

    private void registration(String no, long application) {
        jdbc.update("INSERT INTO registration (registration_no, application_id, certificate_issue_date, issued_at) VALUES (?, ?, ?, ?)",
                no, application, java.sql.Date.valueOf(LocalDate.of(2025, 1, 20)), Timestamp.valueOf(LocalDateTime.of(2025, 1, 15, 10, 0)));
    }
}

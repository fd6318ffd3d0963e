package cn.gradflow.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.application.ApplicationState;
import cn.gradflow.application.DecisionLabels;
import cn.gradflow.exports.SheetWriter.Column;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.Term;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;

/**
 * The five workbooks of a batch for one unit (a centre, a city, a branch, or HQ for all), each read with one
 * streaming query and written row by row (see {@link StreamingJdbc}, {@link XlsxStreamWriter}). Plain Java over a
 * DataSource, so the -Xmx256m probe runs exactly this code; who may ask, and whose ID numbers show in full,
 * is the controller's ({@code idNumbers}).
 */
public class WorkbookExports {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The header of the pending list: the contract the bulk-decision import reads by name. */
    public static final List<String> PENDING_HEADERS = List.of("学号", "姓名", "身份证号", "学习中心", "专业", "层次", "入学学期",
            "当前状态", "待办环节", "阻断规则", "决定", "学位类型", "承诺书", "原因");

    /** States in which a case waits for a decision the round trip can bring (apply, resubmit/defer, approve/reject). */
    static final List<String> PENDING_STATES = List.of(ApplicationState.APPLYING.name(), ApplicationState.CORRECTION.name(),
            ApplicationState.CITY_REVIEW.name(), ApplicationState.BRANCH_REVIEW.name(), ApplicationState.HQ_REVIEW.name());

    private final JdbcClient jdbc;

    public WorkbookExports(DataSource dataSource) {
        this.jdbc = StreamingJdbc.client(dataSource);
    }

    /**
     * Writes the workbook of the kind to {@code out}; returns its number of data rows. The list exports stream
     * into {@code out} as their rows arrive ({@link XlsxStreamWriter}), so a failure midway leaves a cut-off file
     * (the client sees a broken download, never a workbook that looks whole).
     */
    public long write(ExportKind kind, String batchCode, Unit unit, UnaryOperator<String> idNumbers, OutputStream out)
            throws IOException {
        if (kind == ExportKind.STATISTICS) {
            try (PoiSheetWriter writer = new PoiSheetWriter(out)) {
                long rows = statistics(writer, batchCode, unit);
                writer.finish();
                return rows;
            }
        }
        try (XlsxStreamWriter writer = new XlsxStreamWriter(out)) {
            long rows = switch (kind) {
                case HQ_LIST -> hqList(writer, batchCode, unit, idNumbers);
                case REJECTIONS -> rejections(writer, batchCode, unit);
                case ROSTER -> roster(writer, batchCode, unit, idNumbers);
                case PENDING -> pending(writer, batchCode, unit, idNumbers);
                case STATISTICS -> throw new IllegalStateException("written above");
            };
            writer.finish();
            return rows;
        } catch (UncheckedIOException e) {
            // a row written from a JDBC callback found the client gone
            throw e.getCause();
        }
    }

    /**
     * The unit's students, for queries that read {@code student s} with its centre {@code lc} and that centre's
     * city {@code city} (left-joined, tier CITY) themselves: a centre its own, a city its centres', a branch all of
     * its (the branch stored with the centre, ix_unit_branch). The same rows as {@code student_chain}, without
     * reading {@code student} a second time through the view.
     */
    private static String unitFilter(Unit unit) {
        return unitFilter(unit, "s.unit_code");
    }

    /** As above, the centre named by {@code centre} (the roster asks {@code unit lc} for the unit's centres alone). */
    private static String unitFilter(Unit unit, String centre) {
        return switch (unit.tier()) {
            case HQ -> "";
            case BRANCH -> " AND lc.branch_code = :unit";
            case CITY -> " AND city.code = :unit";
            case LEARNING_CENTER -> " AND " + centre + " = :unit";
        };
    }

    /** A student's centre and, if it has one, its city: the part of student_chain the exports need. */
    private static final String CHAIN = """
            JOIN unit lc ON lc.code = s.unit_code
            LEFT JOIN unit city ON city.code = lc.parent_code AND city.tier = 'CITY'
            """;

    /**
     * 拟上报总部终审名单: every case of the unit waiting for the branch's list for HQ (待分部上报总部), and whether
     * it is on the list the cities are confirming now (a case is on at most one open list), by city and centre.
     */
    private long hqList(SheetWriter w, String batch, Unit unit, UnaryOperator<String> idNumbers) {
        w.sheet("拟上报总部终审名单", List.of(new Column("学号", 16), new Column("姓名", 12), new Column("身份证号", 21),
                new Column("分校", 20), new Column("学习中心", 24), new Column("专业", 18), new Column("层次", 6),
                new Column("入学学期", 10), new Column("申请类型", 20), new Column("学位类型", 10),
                new Column("专科续读本科", 12), new Column("名单状态", 30)));
        long[] rows = {0};
        jdbc.sql("""
                        SELECT a.student_no, s.name, s.id_number, city.name, lc.name, m.name, m.level, s.enrolment_term,
                               a.kind, a.degree_type, s.continuing, h.issue_no, i.excluded
                        FROM application a
                        JOIN student s ON s.student_no = a.student_no
                        """ + CHAIN + """
                        JOIN major m ON m.code = s.major_code
                        LEFT JOIN hq_submission_item i ON i.application_id = a.id
                             AND i.submission_id IN (SELECT id FROM hq_submission WHERE batch_code = :batch AND state = 'CONFIRMING')
                        LEFT JOIN hq_submission h ON h.id = i.submission_id
                        WHERE a.batch_code = :batch AND a.state = 'AWAITING_HQ'""" + unitFilter(unit) + " ORDER BY city.code, lc.code, a.student_no")
                .param("batch", batch).param("unit", unit.code())
                .query((RowCallbackHandler) rs -> {
                    rows[0]++;
                    int issue = rs.getInt(12);
                    String onList = rs.wasNull() ? "待编入名单" : rs.getBoolean(13)
                            ? "已从第 " + issue + " 版名单撤下" : "已编入第 " + issue + " 版名单，待分校确认";
                    w.row(rs.getString(1), rs.getString(2), idNumbers.apply(rs.getString(3)), rs.getString(4), rs.getString(5),
                            rs.getString(6), levelLabel(rs.getString(7)), termLabel(rs.getString(8)), kindLabel(rs.getString(9)),
                            degreeLabel(rs.getString(10)), rs.getBoolean(11), onList);
                });
        return rows[0];
    }

    private record StatisticsRow(String code, String name, long bachelor, long degree, long junior, Integer reportedGraduates,
                                 Integer reportedDegree) {
    }

    /**
     * 毕业生人数统计表: per city (a college without cities reports itself, R-ORG-01) the students registered in the
     * batch (电子注册号 issued) by level, the degree applicants among them, and what the city reported (R-BA-07);
     * then a bar chart on its own sheet. One row per city, so the workbook is small: XSSF, whose sheets carry charts.
     */
    private long statistics(PoiSheetWriter w, String batch, Unit unit) {
        String units = switch (unit.tier()) {
            case HQ -> "";
            case BRANCH -> " AND (u.parent_code = :unit OR u.code = :unit)";
            case CITY, LEARNING_CENTER -> " AND u.code = :unit";
        };
        List<StatisticsRow> rows = new ArrayList<>();
        jdbc.sql("""
                        SELECT u.code, u.name, COALESCE(g.bachelor, 0), COALESCE(g.degree, 0), COALESCE(g.junior, 0),
                               gs.graduates, gs.degree_applicants
                        FROM unit u
                        LEFT JOIN (SELECT COALESCE(c.city_code, c.branch_code) AS unit_code,
                                          SUM(CASE WHEN m.level = 'BACHELOR' THEN 1 ELSE 0 END) AS bachelor,
                                          SUM(CASE WHEN m.level = 'BACHELOR' AND a.kind = 'GRADUATION_DEGREE' THEN 1 ELSE 0 END) AS degree,
                                          SUM(CASE WHEN m.level = 'JUNIOR' THEN 1 ELSE 0 END) AS junior
                                   FROM application a
                                   JOIN registration r ON r.application_id = a.id
                                   JOIN student s ON s.student_no = a.student_no
                                   JOIN major m ON m.code = s.major_code
                                   JOIN student_chain c ON c.student_no = a.student_no
                                   WHERE a.batch_code = :batch
                                   GROUP BY COALESCE(c.city_code, c.branch_code)) g ON g.unit_code = u.code
                        LEFT JOIN graduate_statistics gs ON gs.batch_code = :batch AND gs.unit_code = u.code
                        WHERE (u.tier = 'CITY' OR (u.tier = 'BRANCH' AND u.has_city_tier = FALSE))""" + units + " ORDER BY u.parent_code, u.code")
                .param("batch", batch).param("unit", unit.code())
                .query((RowCallbackHandler) rs -> rows.add(new StatisticsRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getObject(6, Integer.class), rs.getObject(7, Integer.class))));
        w.sheet("毕业生人数统计表", List.of(new Column("单位代码", 10), new Column("分校（学院）", 28),
                new Column("本科毕业生", 12), new Column("其中申请学位", 14), new Column("专科毕业生", 12),
                new Column("毕业生合计", 12), new Column("分校上报毕业生人数", 20), new Column("分校上报学位申请人数", 22)));
        long bachelor = 0, degree = 0, junior = 0;
        for (StatisticsRow r : rows) {
            w.row(r.code(), r.name(), r.bachelor(), r.degree(), r.junior(), r.bachelor() + r.junior(), r.reportedGraduates(),
                    r.reportedDegree());
            bachelor += r.bachelor();
            degree += r.degree();
            junior += r.junior();
        }
        w.row(null, "合计", bachelor, degree, junior, bachelor + junior);
        Sheet data = w.current();
        w.sheet("统计图", List.of(new Column("各分校（学院）毕业生人数（本批次已获电子注册号）", 60)));
        if (!rows.isEmpty()) {
            chart((XSSFSheet) data, (XSSFSheet) w.current(), rows.size());
        }
        return rows.size();
    }

    /** A clustered bar chart over the data sheet's rows 2..n+1: 本科, 专科 and 学位申请 per city. */
    private static void chart(XSSFSheet data, XSSFSheet target, int n) {
        XSSFDrawing drawing = target.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 0, 2, 12, 30);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText("各分校（学院）毕业生人数");
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryAxis cities = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis counts = chart.createValueAxis(AxisPosition.LEFT);
        counts.setCrosses(AxisCrosses.AUTO_ZERO);
        XDDFDataSource<String> names = XDDFDataSourcesFactory.fromStringCellRange(data, new CellRangeAddress(1, n, 1, 1));
        XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, cities, counts);
        bars.setBarDirection(BarDirection.COL);
        String[] titles = {"本科毕业生", "其中申请学位", "专科毕业生"};
        for (int i = 0; i < titles.length; i++) {
            XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(data,
                    new CellRangeAddress(1, n, 2 + i, 2 + i));
            bars.addSeries(names, values).setTitle(titles[i], null);
        }
        chart.plot(bars);
    }

    /**
     * The rejection list: every entry of the decision trail that sent a case of the unit back to its centre,
     * with who, at which tier and unit, when and why, in the order they happened.
     */
    private long rejections(SheetWriter w, String batch, Unit unit) {
        w.sheet("退回名单", List.of(new Column("学号", 16), new Column("姓名", 12), new Column("学习中心", 24),
                new Column("专业", 18), new Column("层次", 6), new Column("退回环节", 10), new Column("退回单位", 24),
                new Column("退回人", 12), new Column("退回时间", 18), new Column("决定", 30), new Column("退回原因", 60),
                new Column("当前状态", 16)));
        long[] rows = {0};
        jdbc.sql("""
                        SELECT a.student_no, s.name, lc.name, m.name, m.level, d.tier, du.name, d.unit_code, d.user_id,
                               d.decided_at, d.decision, d.reason, a.state
                        FROM decision_log d
                        JOIN application a ON a.id = d.application_id
                        JOIN student s ON s.student_no = a.student_no
                        """ + CHAIN + """
                        JOIN major m ON m.code = s.major_code
                        LEFT JOIN unit du ON du.code = d.unit_code
                        WHERE a.batch_code = :batch AND d.decision IN (:decisions)""" + unitFilter(unit) + " ORDER BY d.decided_at, d.id")
                .param("batch", batch).param("unit", unit.code()).param("decisions", DecisionLabels.RETURNS_TO_CENTRE)
                .query((RowCallbackHandler) rs -> {
                    rows[0]++;
                    String decidedBy = rs.getString(7) == null ? rs.getString(8) : rs.getString(7);
                    w.row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), levelLabel(rs.getString(5)),
                            Tier.valueOf(rs.getString(6)).label(), decidedBy, rs.getString(9), minute(rs.getTimestamp(10)),
                            DecisionLabels.label(rs.getString(11)), rs.getString(12), ApplicationState.valueOf(rs.getString(13)).label());
                });
        return rows[0];
    }

    private record MajorLabel(String name, String level) {
    }

    private record CentreLabel(String centre, String city) {
    }

    /**
     * 毕业生花名册: the unit's students with a registration number in this batch, in registration-number order.
     * The majors and the unit's centres (small tables, foreign-keyed from student) are read first and looked up per
     * row (issue 13): with {@code major} or {@code unit} in the join, MariaDB starts from (or join-buffers) the small
     * table, loses the registration order, and materialises and sorts the whole result before the first row leaves.
     * Over registration, application and student alone the plan walks registration's primary key and streams; with
     * many batches the optimizer may start from the batch's applications and sort only those, as it judges cheaper.
     */
    private long roster(SheetWriter w, String batch, Unit unit, UnaryOperator<String> idNumbers) {
        w.sheet("毕业生花名册", List.of(new Column("电子注册号", 20), new Column("学号", 16), new Column("姓名", 12),
                new Column("身份证号", 21), new Column("专业", 18), new Column("层次", 6), new Column("入学学期", 10),
                new Column("学习中心", 24), new Column("分校", 20), new Column("证书日期", 12), new Column("学位类型", 10),
                new Column("状态", 12)));
        Map<String, MajorLabel> majors = new HashMap<>();
        jdbc.sql("SELECT code, name, level FROM major")
                .query((RowCallbackHandler) rs -> majors.put(rs.getString(1), new MajorLabel(rs.getString(2), levelLabel(rs.getString(3)))));
        // the same units as unitFilter's lc for this unit: every unit for HQ, else the unit's centres
        Map<String, CentreLabel> centres = new HashMap<>();
        jdbc.sql("""
                        SELECT lc.code, lc.name, city.name FROM unit lc
                        LEFT JOIN unit city ON city.code = lc.parent_code AND city.tier = 'CITY'
                        WHERE 1 = 1""" + unitFilter(unit, "lc.code"))
                .param("unit", unit.code())
                .query((RowCallbackHandler) rs -> centres.put(rs.getString(1), new CentreLabel(rs.getString(2), rs.getString(3))));
        if (centres.isEmpty()) {
            return 0;
        }
        Map<String, String> terms = new HashMap<>(); // a handful of distinct terms: parse each once, not per row
        long[] rows = {0};
        jdbc.sql("""
                        SELECT r.registration_no, a.student_no, s.name, s.id_number, s.major_code, s.enrolment_term,
                               s.unit_code, r.certificate_issue_date, a.kind, a.degree_type, a.state
                        FROM registration r
                        JOIN application a ON a.id = r.application_id
                        JOIN student s ON s.student_no = a.student_no
                        WHERE a.batch_code = :batch""" + (unit.tier() == Tier.HQ ? "" : " AND s.unit_code IN (:centres)")
                        + " ORDER BY r.registration_no")
                .param("batch", batch).param("centres", List.copyOf(centres.keySet()))
                .query((RowCallbackHandler) rs -> {
                    rows[0]++;
                    // a major or unit added after the maps were read (foreign-keyed, so it exists): shown by its code
                    String majorCode = rs.getString(5);
                    MajorLabel major = majors.getOrDefault(majorCode, new MajorLabel(majorCode, null));
                    String term = rs.getString(6);
                    String unitCode = rs.getString(7);
                    CentreLabel centre = centres.getOrDefault(unitCode, new CentreLabel(unitCode, null));
                    w.row(rs.getString(1), rs.getString(2), rs.getString(3), idNumbers.apply(rs.getString(4)), major.name(),
                            major.level(), term == null ? null : terms.computeIfAbsent(term, WorkbookExports::termLabel),
                            centre.centre(), centre.city(), rs.getDate(8) == null ? null : rs.getDate(8).toLocalDate().toString(),
                            "GRADUATION_DEGREE".equals(rs.getString(9)) ? degreeLabel(rs.getString(10)) : "不申请学位",
                            ApplicationState.valueOf(rs.getString(11)).label());
                });
        return rows[0];
    }

    /**
     * 待处理名单 for the round trip: every case of the unit waiting for a decision, with its blocking rules; the
     * last four columns are left empty for the clerk. One query over cases joined with their blocking findings,
     * ordered so that one case's findings come together and are folded into its row as they stream past.
     */
    private long pending(SheetWriter w, String batch, Unit unit, UnaryOperator<String> idNumbers) {
        List<Integer> widths = List.of(16, 12, 21, 24, 18, 6, 10, 18, 10, 24, 20, 10, 8, 40);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < PENDING_HEADERS.size(); i++) {
            columns.add(new Column(PENDING_HEADERS.get(i), widths.get(i)));
        }
        w.sheet("待处理名单", columns);
        PendingRows rows = new PendingRows(w, idNumbers);
        jdbc.sql("""
                        SELECT a.id, a.student_no, s.name, s.id_number, lc.name, m.name, m.level, s.enrolment_term, a.state,
                               a.tier, f.rule_id
                        FROM application a
                        JOIN student s ON s.student_no = a.student_no
                        """ + CHAIN + """
                        JOIN major m ON m.code = s.major_code
                        LEFT JOIN finding f ON f.application_id = a.id AND f.severity = 'BLOCKING'
                        WHERE a.batch_code = :batch AND a.state IN (:states)""" + unitFilter(unit) + " ORDER BY lc.code, a.student_no, a.id, f.rule_id")
                .param("batch", batch).param("unit", unit.code()).param("states", PENDING_STATES)
                .query((RowCallbackHandler) rows::next);
        rows.flush();
        return rows.count;
    }

    /** Folds a case's finding rows into one sheet row, written when the next case starts. */
    private static final class PendingRows {
        private final SheetWriter w;
        private final UnaryOperator<String> idNumbers;
        private long current = -1;
        private Object[] row;
        private final Set<String> rules = new LinkedHashSet<>();
        private long count;

        PendingRows(SheetWriter w, UnaryOperator<String> idNumbers) {
            this.w = w;
            this.idNumbers = idNumbers;
        }

        void next(ResultSet rs) throws SQLException {
            long id = rs.getLong(1);
            if (id != current) {
                flush();
                current = id;
                row = new Object[] {rs.getString(2), rs.getString(3), idNumbers.apply(rs.getString(4)), rs.getString(5),
                        rs.getString(6), levelLabel(rs.getString(7)), termLabel(rs.getString(8)),
                        ApplicationState.valueOf(rs.getString(9)).label(), Tier.valueOf(rs.getString(10)).label(), null};
            }
            String rule = rs.getString(11);
            if (rule != null) {
                rules.add(rule);
            }
        }

        void flush() {
            if (row != null) {
                row[9] = rules.isEmpty() ? null : String.join("、", rules);
                w.row(row);
                count++;
                row = null;
                rules.clear();
            }
        }
    }

    static String levelLabel(String level) {
        return level == null ? null : Level.valueOf(level).label();
    }

    static String termLabel(String term) {
        return term == null ? null : Term.parse(term).label();
    }

    static String kindLabel(String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "GRADUATION" -> "申请毕业";
            case "GRADUATION_DEGREE" -> "申请毕业并申请学位";
            case "DEFERRED" -> "暂缓毕业";
            default -> kind;
        };
    }

    static String degreeLabel(String degreeType) {
        if (degreeType == null) {
            return null;
        }
        return switch (degreeType) {
            case "OUC" -> "国开学位";
            case "COOP" -> "合作学位";
            default -> degreeType;
        };
    }

    private static String minute(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().format(MINUTE);
    }
}

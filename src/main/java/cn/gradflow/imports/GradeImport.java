package cn.gradflow.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.RosterWriter;

/**
 * Exam results by (学号, 课程代码, 考试日期), the grade table's own key: a new date is a new attempt, the same
 * date with another score a correction. Passed is 60 or more (R-EL-03 counts passed courses).
 */
@Component
class GradeImport extends ImportKind {

    private static final int NO = 0, COURSE = 1, SCORE = 2, DATE = 3;
    private static final BigDecimal PASS = BigDecimal.valueOf(60);
    private static final BigDecimal MAX = BigDecimal.valueOf(100);

    private final JdbcClient jdbc;
    private final RosterWriter writer;
    private final RosterLookups lookups;

    GradeImport(ImportRunner runner, JdbcClient jdbc, RosterWriter writer, RosterLookups lookups) {
        super(runner);
        this.jdbc = jdbc;
        this.writer = writer;
        this.lookups = lookups;
    }

    @Override
    String path() {
        return "grades";
    }

    @Override
    String label() {
        return "成绩";
    }

    @Override
    List<Column> columns() {
        return List.of(Column.required("学号", 32), Column.required("课程代码", 32), Column.required("成绩", 10),
                Column.required("考试日期", 20));
    }

    @Override
    boolean hqOnly() {
        return false;
    }

    @Override
    Run start(ImportScope scope) {
        Set<String> courses = lookups.courses().keySet();
        Map<String, Integer> seen = new HashMap<>();
        return new Run() {
            @Override
            public void check(List<SheetRow> rows, Problems problems) {
                Map<String, String> students = lookups.studentUnits(rows.stream().map(r -> r.value(NO)).toList());
                for (SheetRow row : rows) {
                    RosterLookups.studentInScope(row, NO, students, scope, problems);
                    if (!courses.contains(row.value(COURSE))) {
                        problems.add(row, COURSE, "UNKNOWN_COURSE", "课程不存在：" + row.value(COURSE));
                    }
                    BigDecimal score = Cells.number(row.value(SCORE));
                    if (score == null) {
                        problems.add(row, SCORE, "WRONG_TYPE", "成绩应为数字：" + row.value(SCORE));
                    } else if (score.signum() < 0 || score.compareTo(MAX) > 0) {
                        problems.add(row, SCORE, "OUT_OF_RANGE", "成绩应在 0–100 之间：" + row.value(SCORE));
                    } else if (score.stripTrailingZeros().scale() > 1) {
                        problems.add(row, SCORE, "WRONG_TYPE", "成绩最多一位小数：" + row.value(SCORE));
                    }
                    LocalDate date = Cells.date(row.value(DATE));
                    if (date == null) {
                        problems.add(row, DATE, "BAD_DATE", "考试日期不是有效日期（应为日期单元格或 yyyy-MM-dd）：" + row.value(DATE));
                    } else {
                        String key = row.value(NO) + "|" + row.value(COURSE) + "|" + date;
                        Integer first = seen.putIfAbsent(key, row.number());
                        if (first != null) {
                            problems.add(row, NO, "DUPLICATE_ROW", "与第 " + first + " 行重复（同一学号、课程和考试日期，只导入第一次出现的行）");
                        }
                    }
                }
            }

            @Override
            public void apply(List<SheetRow> rows, Tally tally) {
                Map<String, BigDecimal> existing = existing(rows);
                List<RosterWriter.GradeEntry> inserts = new ArrayList<>();
                List<RosterWriter.GradeEntry> updates = new ArrayList<>();
                for (SheetRow row : rows) {
                    BigDecimal score = Cells.number(row.value(SCORE)).setScale(1);
                    LocalDate date = Cells.date(row.value(DATE));
                    BigDecimal before = existing.get(key(row.value(NO), row.value(COURSE), date));
                    var grade = new RosterWriter.GradeEntry(row.value(NO), row.value(COURSE), score, score.compareTo(PASS) >= 0, date);
                    if (before == null) {
                        inserts.add(grade);
                        tally.created++;
                    } else if (before.compareTo(score) != 0) {
                        updates.add(grade);
                        tally.updated++;
                    } else {
                        tally.unchanged++;
                    }
                }
                writer.regrade(updates);
                writer.grades(inserts);
            }
        };
    }

    private static String key(String studentNo, String course, LocalDate date) {
        return studentNo + "|" + course + "|" + date;
    }

    private Map<String, BigDecimal> existing(List<SheetRow> rows) {
        Map<String, BigDecimal> scores = new HashMap<>();
        Set<String> nos = new HashSet<>(rows.stream().map(r -> r.value(NO)).toList());
        if (!nos.isEmpty()) {
            jdbc.sql("SELECT student_no, course_code, exam_date, score FROM grade WHERE student_no IN (:nos)").param("nos", nos)
                    .query((rs, n) -> Map.entry(key(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)),
                            rs.getBigDecimal(4)))
                    .list().forEach(e -> scores.put(e.getKey(), e.getValue()));
        }
        return scores;
    }
}

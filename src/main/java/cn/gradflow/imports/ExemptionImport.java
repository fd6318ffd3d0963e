package cn.gradflow.imports;

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

/** Course exemption filings (免修免考) by (学号, 课程代码) with the day filed, which R-EL-05 compares with the cut-off. */
@Component
class ExemptionImport extends ImportKind {

    private static final int NO = 0, COURSE = 1, DATE = 2;

    private final JdbcClient jdbc;
    private final RosterWriter writer;
    private final RosterLookups lookups;

    ExemptionImport(ImportRunner runner, JdbcClient jdbc, RosterWriter writer, RosterLookups lookups) {
        super(runner);
        this.jdbc = jdbc;
        this.writer = writer;
        this.lookups = lookups;
    }

    @Override
    String path() {
        return "exemptions";
    }

    @Override
    String label() {
        return "免修免考申请";
    }

    @Override
    List<Column> columns() {
        return List.of(Column.required("学号", 32), Column.required("课程代码", 32), Column.required("申请日期", 20));
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
                    if (Cells.date(row.value(DATE)) == null) {
                        problems.add(row, DATE, "BAD_DATE", "申请日期不是有效日期（应为日期单元格或 yyyy-MM-dd）：" + row.value(DATE));
                    }
                    Integer first = seen.putIfAbsent(row.value(NO) + "|" + row.value(COURSE), row.number());
                    if (first != null) {
                        problems.add(row, NO, "DUPLICATE_ROW", "与第 " + first + " 行重复（同一学号和课程，只导入第一次出现的行）");
                    }
                }
            }

            @Override
            public void apply(List<SheetRow> rows, Tally tally) {
                Map<String, LocalDate> existing = existing(rows);
                List<RosterWriter.ExemptionEntry> inserts = new ArrayList<>();
                List<RosterWriter.ExemptionEntry> updates = new ArrayList<>();
                for (SheetRow row : rows) {
                    LocalDate filed = Cells.date(row.value(DATE));
                    LocalDate before = existing.get(row.value(NO) + "|" + row.value(COURSE));
                    var exemption = new RosterWriter.ExemptionEntry(row.value(NO), row.value(COURSE), filed);
                    if (before == null) {
                        inserts.add(exemption);
                        tally.created++;
                    } else if (!before.equals(filed)) {
                        updates.add(exemption);
                        tally.updated++;
                    } else {
                        tally.unchanged++;
                    }
                }
                writer.refile(updates);
                writer.exemptions(inserts);
            }
        };
    }

    private Map<String, LocalDate> existing(List<SheetRow> rows) {
        Map<String, LocalDate> filed = new HashMap<>();
        Set<String> nos = new HashSet<>(rows.stream().map(r -> r.value(NO)).toList());
        if (!nos.isEmpty()) {
            jdbc.sql("SELECT student_no, course_code, filed_on FROM exemption_application WHERE student_no IN (:nos)").param("nos", nos)
                    .query((rs, n) -> Map.entry(rs.getString(1) + "|" + rs.getString(2), rs.getObject(3, LocalDate.class)))
                    .list().forEach(e -> filed.put(e.getKey(), e.getValue()));
        }
        return filed;
    }
}

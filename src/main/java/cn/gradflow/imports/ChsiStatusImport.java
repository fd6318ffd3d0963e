package cn.gradflow.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.roster.RosterWriter;

/**
 * CHSI (学信网) feedback per student (DOMAIN §6). HQ only: it sets and lifts the identity shield (R-ID-01)
 * that keeps a student from passing the branch and HQ audits, which no branch or centre may do for its own.
 */
@Component
class ChsiStatusImport extends ImportKind {

    private static final int NO = 0, IDENTITY = 1, ADMISSION = 2, ACADEMIC = 3, PHOTO = 4;

    private final JdbcClient jdbc;
    private final RosterWriter writer;
    private final RosterLookups lookups;

    ChsiStatusImport(ImportRunner runner, JdbcClient jdbc, RosterWriter writer, RosterLookups lookups) {
        super(runner);
        this.jdbc = jdbc;
        this.writer = writer;
        this.lookups = lookups;
    }

    @Override
    String path() {
        return "chsi-status";
    }

    @Override
    String label() {
        return "学信网核查结果";
    }

    @Override
    List<Column> columns() {
        return List.of(Column.required("学号", 32), Column.required("身份存疑", 5), Column.required("有录取照片", 5),
                Column.required("有学历照片", 5), Column.required("照片存疑", 5));
    }

    @Override
    boolean hqOnly() {
        return true;
    }

    @Override
    Run start(ImportScope scope) {
        Map<String, Integer> seen = new HashMap<>();
        return new Run() {
            @Override
            public void check(List<SheetRow> rows, Problems problems) {
                Map<String, String> students = lookups.studentUnits(rows.stream().map(r -> r.value(NO)).toList());
                for (SheetRow row : rows) {
                    RosterLookups.studentInScope(row, NO, students, scope, problems);
                    for (int c = IDENTITY; c <= PHOTO; c++) {
                        if (Cells.yesNo(row.value(c)) == null) {
                            problems.add(row, c, "WRONG_TYPE", "「" + columns().get(c).header() + "」应为「是」或「否」：" + row.value(c));
                        }
                    }
                    Integer first = seen.putIfAbsent(row.value(NO), row.number());
                    if (first != null) {
                        problems.add(row, NO, "DUPLICATE_ROW", "学号与第 " + first + " 行重复（只导入第一次出现的行）");
                    }
                }
            }

            @Override
            public void apply(List<SheetRow> rows, Tally tally) {
                Map<String, ChsiStatus> existing = existing(rows);
                List<RosterWriter.ChsiEntry> inserts = new ArrayList<>();
                List<RosterWriter.ChsiEntry> updates = new ArrayList<>();
                for (SheetRow row : rows) {
                    ChsiStatus status = new ChsiStatus(Cells.yesNo(row.value(IDENTITY)), Cells.yesNo(row.value(ADMISSION)),
                            Cells.yesNo(row.value(ACADEMIC)), Cells.yesNo(row.value(PHOTO)));
                    ChsiStatus before = existing.get(row.value(NO));
                    var entry = new RosterWriter.ChsiEntry(row.value(NO), status);
                    if (before == null) {
                        inserts.add(entry);
                        tally.created++;
                    } else if (!before.equals(status)) {
                        updates.add(entry);
                        tally.updated++;
                    } else {
                        tally.unchanged++;
                    }
                }
                writer.chsiStatuses(updates, true);
                writer.chsiStatuses(inserts, false);
            }
        };
    }

    private Map<String, ChsiStatus> existing(List<SheetRow> rows) {
        Map<String, ChsiStatus> found = new HashMap<>();
        Set<String> nos = new HashSet<>(rows.stream().map(r -> r.value(NO)).toList());
        if (!nos.isEmpty()) {
            jdbc.sql("""
                            SELECT student_no, identity_doubtful, admission_photo, academic_photo, photo_doubtful
                            FROM chsi_status WHERE student_no IN (:nos)""").param("nos", nos)
                    .query((rs, n) -> Map.entry(rs.getString(1),
                            new ChsiStatus(rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5))))
                    .list().forEach(e -> found.put(e.getKey(), e.getValue()));
        }
        return found;
    }
}

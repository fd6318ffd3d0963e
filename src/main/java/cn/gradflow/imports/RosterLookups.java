package cn.gradflow.imports;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.Level;
import cn.gradflow.roster.Major;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Unit;

/**
 * The reference data every row is checked against. Units, majors and courses are few (thousands at most) and
 * read once per pass; students are looked up per chunk of rows, never all at once.
 */
@Component
class RosterLookups {

    record Course(String code, String name, int credits) {
    }

    private final JdbcClient jdbc;
    private final RosterRepository roster;

    RosterLookups(JdbcClient jdbc, RosterRepository roster) {
        this.jdbc = jdbc;
        this.roster = roster;
    }

    Map<String, Unit> units() {
        Map<String, Unit> units = new LinkedHashMap<>();
        roster.allUnits().forEach(u -> units.put(u.code(), u));
        return units;
    }

    Map<String, Major> majors() {
        Map<String, Major> majors = new HashMap<>();
        jdbc.sql("SELECT code, name, level, min_credits, degree_available FROM major")
                .query((rs, n) -> new Major(rs.getString(1), rs.getString(2), Level.valueOf(rs.getString(3)), rs.getInt(4),
                        rs.getBoolean(5)))
                .list().forEach(m -> majors.put(m.code(), m));
        return majors;
    }

    Map<String, Course> courses() {
        Map<String, Course> courses = new HashMap<>();
        jdbc.sql("SELECT code, name, credits FROM course").query(Course.class).list().forEach(c -> courses.put(c.code(), c));
        return courses;
    }

    /** The unit of each of these students that exists. */
    Map<String, String> studentUnits(List<String> studentNos) {
        Map<String, String> units = new HashMap<>();
        Set<String> distinct = new TreeSet<>(studentNos);
        if (!distinct.isEmpty()) {
            jdbc.sql("SELECT student_no, unit_code FROM student WHERE student_no IN (:nos)").param("nos", distinct)
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                    .forEach(e -> units.put(e.getKey(), e.getValue()));
        }
        return units;
    }

    /** Unknown student, or one of a unit the importer does not cover: the row's 学号 cell is reported. */
    static boolean studentInScope(SheetRow row, int column, Map<String, String> studentUnits, ImportScope scope, Problems problems) {
        String no = row.value(column);
        String unit = studentUnits.get(no);
        if (unit == null) {
            problems.add(row, column, "UNKNOWN_STUDENT", "学生不存在：学号 " + no);
            return false;
        }
        if (!scope.covers(unit)) {
            problems.add(row, column, "NOT_YOUR_UNIT", "学号 " + no + " 是其他单位（" + unit + "）的学生");
            return false;
        }
        return true;
    }
}

package cn.gradflow.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.admission.AdmissionRules;
import cn.gradflow.admission.CandidateNumbers;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.Major;
import cn.gradflow.roster.RosterWriter;
import cn.gradflow.roster.Student;
import cn.gradflow.roster.Term;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;

/**
 * Students by 学号: created, or their name, ID number, centre, major, term, 专升本 and 考生号 (optional) updated. Status and
 * the eligibility flags the headers do not carry are left as they are (new students: 在籍, flags off).
 * A branch imports only for its own centres, and cannot take over another unit's student.
 */
@Component
class StudentImport extends ImportKind {

    private static final int NO = 0, NAME = 1, ID = 2, CENTRE = 3, MAJOR = 4, LEVEL = 5, TERM = 6, UPGRADE = 7, CANDIDATE = 8;

    private final JdbcClient jdbc;
    private final RosterWriter writer;
    private final RosterLookups lookups;
    private final CandidateNumbers candidateNumbers;

    StudentImport(ImportRunner runner, JdbcClient jdbc, RosterWriter writer, RosterLookups lookups, CandidateNumbers candidateNumbers) {
        super(runner);
        this.candidateNumbers = candidateNumbers;
        this.jdbc = jdbc;
        this.writer = writer;
        this.lookups = lookups;
    }

    @Override
    String path() {
        return "students";
    }

    @Override
    String label() {
        return "学生";
    }

    @Override
    List<Column> columns() {
        return List.of(Column.required("学号", 32), Column.required("姓名", 50), Column.required("身份证号", 18),
                Column.required("学习中心代码", 32), Column.required("专业代码", 32), Column.required("层次", 10),
                Column.required("入学学期", 10), Column.required("专升本", 5),
                // R-ID-05: 考生号, by which admission photos are named; optional (older rosters have none)
                Column.optional("考生号", 20));
    }

    @Override
    boolean hqOnly() {
        return false;
    }

    /** What a row says, once checked. */
    record Row(String studentNo, String name, String idNumber, String unitCode, String majorCode, String term, boolean upgrade) {
    }

    @Override
    boolean onePass() {
        return true;
    }

    /** A student as the database held it when its chunk was checked, with the 考生号 it had. */
    private record Known(Row row, String candidateNo) {
    }

    @Override
    Run start(ImportScope scope) {
        Map<String, Unit> units = lookups.units();
        Map<String, Major> majors = lookups.majors();
        Map<String, Integer> seenNos = new HashMap<>();
        Map<String, Integer> seenIds = new HashMap<>();
        Map<String, Integer> seenCandidates = new HashMap<>();
        // one pass (onePass): the checks judge ownership as before the import; what earlier chunks gave or took
        // away is remembered here (an ID number or 考生号 moved from one student to another, or newly given)
        Map<String, String> releasedIds = new HashMap<>();
        Set<String> givenIds = new HashSet<>();
        Map<String, String> releasedCandidates = new HashMap<>();
        Set<String> givenCandidates = new HashSet<>();
        return new Run() {
            /** The chunk last checked (its 学号 and the students found): apply gets a part of it next and reuses the look-up. */
            private Set<String> checkedNos = Set.of();
            private Map<String, Known> checked = Map.of();

            @Override
            public void check(List<SheetRow> rows, Problems problems) {
                Map<String, Known> existing = existing(rows);
                checked = existing;
                checkedNos = new HashSet<>(rows.size());
                rows.forEach(r -> checkedNos.add(r.value(NO)));
                Map<String, String> idOwners = idOwners(rows);
                Map<String, String> candidateOwners = candidateOwners(rows);
                for (SheetRow row : rows) {
                    String no = row.value(NO);
                    if (!Cells.code(no)) {
                        problems.add(row, NO, "WRONG_TYPE", "学号只能由字母、数字和 - _ . 组成：" + no);
                    }
                    Integer first = seenNos.putIfAbsent(no, row.number());
                    if (first != null) {
                        problems.add(row, NO, "DUPLICATE_ROW", "学号 " + no + " 与第 " + first + " 行重复（只导入第一次出现的行）");
                    }
                    String id = row.value(ID).toUpperCase(java.util.Locale.ROOT);
                    if (!Cells.idNumber(id)) {
                        problems.add(row, ID, "WRONG_TYPE", "身份证号应为 18 位（17 位数字加数字或 X）");
                    } else {
                        Integer firstId = seenIds.putIfAbsent(id, row.number());
                        if (firstId != null && first == null) {
                            problems.add(row, ID, "DUPLICATE_ID_NUMBER", "身份证号与第 " + firstId + " 行的学生相同");
                        }
                        String owner = givenIds.contains(id) ? null : releasedIds.getOrDefault(id, idOwners.get(id));
                        if (owner != null && !owner.equals(no)) {
                            problems.add(row, ID, "ID_NUMBER_TAKEN", "身份证号已属于学号 " + owner + " 的学生");
                        }
                    }
                    Unit centre = units.get(row.value(CENTRE));
                    if (centre == null) {
                        problems.add(row, CENTRE, "UNKNOWN_UNIT", "学习中心不存在：" + row.value(CENTRE));
                    } else if (centre.tier() != Tier.LEARNING_CENTER) {
                        problems.add(row, CENTRE, "NOT_A_LEARNING_CENTER", row.value(CENTRE) + " 是" + centre.tier().label() + "，学生只能属于学习中心");
                    } else if (!scope.covers(centre.code())) {
                        problems.add(row, CENTRE, "NOT_YOUR_UNIT", "学习中心 " + centre.code() + " 不属于您的单位，不能为其导入学生");
                    }
                    Known before = existing.get(no);
                    if (before != null && !scope.covers(before.row().unitCode())) {
                        problems.add(row, NO, "NOT_YOUR_UNIT", "学号 " + no + " 是其他单位（" + before.row().unitCode() + "）的学生");
                    }
                    Major major = majors.get(row.value(MAJOR));
                    Level level = Cells.level(row.value(LEVEL));
                    if (major == null) {
                        problems.add(row, MAJOR, "UNKNOWN_MAJOR", "专业不存在：" + row.value(MAJOR));
                    }
                    if (level == null) {
                        problems.add(row, LEVEL, "WRONG_TYPE", "层次应为「本科」或「专科」：" + row.value(LEVEL));
                    } else if (major != null && major.level() != level) {
                        problems.add(row, LEVEL, "LEVEL_MISMATCH", "专业 " + major.code() + "（" + major.name() + "）是" + major.level().label() + "专业");
                    }
                    if (Cells.term(row.value(TERM)) == null) {
                        problems.add(row, TERM, "WRONG_TYPE", "入学学期应如「2022春」或「2022秋」：" + row.value(TERM));
                    }
                    if (Cells.yesNo(row.value(UPGRADE)) == null) {
                        problems.add(row, UPGRADE, "WRONG_TYPE", "专升本应为「是」或「否」：" + row.value(UPGRADE));
                    }
                    String candidate = row.value(CANDIDATE);
                    if (candidate != null) {
                        var problem = AdmissionRules.candidateNoProblem(candidate);
                        if (problem.isPresent()) {
                            problems.add(row, CANDIDATE, "WRONG_TYPE", problem.get().message() + "：" + candidate);
                        } else {
                            Integer firstCandidate = seenCandidates.putIfAbsent(candidate, row.number());
                            if (firstCandidate != null && first == null) {
                                problems.add(row, CANDIDATE, "DUPLICATE_CANDIDATE_NO", "考生号与第 " + firstCandidate + " 行的学生相同");
                            }
                            String owner = givenCandidates.contains(candidate) ? null
                                    : releasedCandidates.getOrDefault(candidate, candidateOwners.get(candidate));
                            if (owner != null && !owner.equals(no)) {
                                problems.add(row, CANDIDATE, "CANDIDATE_NO_TAKEN", "考生号已属于学号 " + owner + " 的学生");
                            }
                        }
                    }
                }
            }

            @Override
            public void apply(List<SheetRow> rows, Tally tally) {
                Map<String, Known> existing = rows.stream().allMatch(r -> checkedNos.contains(r.value(NO))) ? checked : existing(rows);
                List<Student> inserts = new ArrayList<>();
                List<Student> updates = new ArrayList<>();
                List<Map.Entry<String, String>> candidates = new ArrayList<>();
                for (SheetRow sheetRow : rows) {
                    Term term = Cells.term(sheetRow.value(TERM));
                    Row row = new Row(sheetRow.value(NO), sheetRow.value(NAME), sheetRow.value(ID).toUpperCase(java.util.Locale.ROOT),
                            sheetRow.value(CENTRE), sheetRow.value(MAJOR), term.code(), Cells.yesNo(sheetRow.value(UPGRADE)));
                    Known before = existing.get(row.studentNo());
                    String candidate = sheetRow.value(CANDIDATE);
                    // the 考生号 is set only when given and different; clearing it is not the roster's business
                    boolean newCandidate = candidate != null && !candidate.equals(before == null ? null : before.candidateNo());
                    // new students are 在籍 with the eligibility flags off; an update leaves status and flags alone
                    Student student = new Student(row.studentNo(), row.name(), row.idNumber(), row.unitCode(), row.majorCode(),
                            term, Student.Status.ENROLLED, row.upgrade(), false, false, false);
                    if (before == null) {
                        inserts.add(student);
                        givenIds.add(row.idNumber());
                        tally.created++;
                    } else if (!Objects.equals(before.row(), row)) {
                        updates.add(student);
                        if (!before.row().idNumber().equals(row.idNumber())) {
                            releasedIds.put(before.row().idNumber(), row.studentNo());
                            givenIds.add(row.idNumber());
                        }
                        tally.updated++;
                    } else if (newCandidate) {
                        tally.updated++;
                    } else {
                        tally.unchanged++;
                    }
                    if (newCandidate) {
                        candidates.add(Map.entry(row.studentNo(), candidate));
                        if (before != null && before.candidateNo() != null) {
                            releasedCandidates.put(before.candidateNo(), row.studentNo());
                        }
                        givenCandidates.add(candidate);
                    }
                }
                writer.updateStudentRecords(updates);
                writer.students(inserts);
                candidateNumbers.set(candidates);
            }
        };
    }

    /** The chunk's students that exist (student_no is the key: one indexed read for the chunk). */
    private Map<String, Known> existing(List<SheetRow> rows) {
        Map<String, Known> found = new HashMap<>();
        Set<String> nos = new HashSet<>();
        rows.forEach(r -> nos.add(r.value(NO)));
        if (!nos.isEmpty()) {
            jdbc.sql("""
                            SELECT student_no, name, id_number, unit_code, major_code, enrolment_term, upgrade_from_junior, candidate_no
                            FROM student WHERE student_no IN (:nos)""")
                    .param("nos", nos)
                    .query((rs, n) -> new Known(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6).trim(), rs.getBoolean(7)), rs.getString(8)))
                    .list().forEach(k -> found.put(k.row().studentNo(), k));
        }
        return found;
    }

    /** Who holds the 考生号 the chunk names (one read for the chunk instead of one per row). */
    private Map<String, String> candidateOwners(List<SheetRow> rows) {
        Set<String> candidates = new HashSet<>();
        rows.forEach(r -> {
            if (r.value(CANDIDATE) != null) {
                candidates.add(r.value(CANDIDATE));
            }
        });
        Map<String, String> owners = new HashMap<>();
        if (!candidates.isEmpty()) {
            jdbc.sql("SELECT candidate_no, student_no FROM student WHERE candidate_no IN (:candidates)").param("candidates", candidates)
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                    .forEach(e -> owners.put(e.getKey(), e.getValue()));
        }
        return owners;
    }

    private Map<String, String> idOwners(List<SheetRow> rows) {
        Map<String, String> owners = new HashMap<>();
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.value(ID).toUpperCase(java.util.Locale.ROOT)));
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id_number, student_no FROM student WHERE id_number IN (:ids)").param("ids", ids)
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                    .forEach(e -> owners.put(e.getKey(), e.getValue()));
        }
        return owners;
    }
}

package cn.gradflow.roster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class RosterRepository {

    private final JdbcClient jdbc;

    RosterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Student> findStudent(String studentNo) {
        return UnitsOfTransaction.findStudent(studentNo, this::readStudent);
    }

    /**
     * The students of a list read in one query and kept for the transaction like {@link #findStudent}'s (a bulk decision's
     * chunk, issue 13); a number with no student is kept as absent. Outside a transaction it reads nothing.
     */
    public void readAhead(java.util.Collection<String> studentNos) {
        if (studentNos.isEmpty() || !org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        java.util.Map<String, Student> read = new java.util.HashMap<>();
        jdbc.sql(STUDENT_COLUMNS + " WHERE student_no IN (:nos)").param("nos", List.copyOf(studentNos))
                .query(RosterRepository::student).list().forEach(s -> read.put(s.studentNo(), s));
        studentNos.forEach(no -> UnitsOfTransaction.findStudent(no, n -> Optional.ofNullable(read.get(n))));
    }

    private static final String STUDENT_COLUMNS = """
            SELECT student_no, name, id_number, unit_code, major_code, enrolment_term, status,
                   upgrade_from_junior, continuing, supplementary_required, degree_eligible
            FROM student""";

    private Optional<Student> readStudent(String studentNo) {
        return jdbc.sql(STUDENT_COLUMNS + " WHERE student_no = ?").param(studentNo).query(RosterRepository::student).optional();
    }

    private static Student student(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return studentAt(rs, 0);
    }

    /** The student columns of {@code student s}, for a query that reads a student with another row ({@link #studentAt}). */
    public static final String STUDENT_COLUMNS_OF_S = """
            s.student_no, s.name, s.id_number, s.unit_code, s.major_code, s.enrolment_term, s.status,
            s.upgrade_from_junior, s.continuing, s.supplementary_required, s.degree_eligible""";

    /** A student from {@link #STUDENT_COLUMNS_OF_S} whose first column is column {@code o + 1}. */
    public static Student studentAt(java.sql.ResultSet rs, int o) throws java.sql.SQLException {
        return new Student(rs.getString(o + 1), rs.getString(o + 2), rs.getString(o + 3), rs.getString(o + 4),
                rs.getString(o + 5), Term.parse(rs.getString(o + 6)), Student.Status.valueOf(rs.getString(o + 7)),
                rs.getBoolean(o + 8), rs.getBoolean(o + 9), rs.getBoolean(o + 10), rs.getBoolean(o + 11));
    }

    /** A student read along with another row: kept for the transaction like {@link #findStudent}'s (nothing outside one). */
    public void remember(Student student) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            UnitsOfTransaction.findStudent(student.studentNo(), no -> Optional.of(student));
        }
    }

    public Optional<Unit> findUnit(String code) {
        return UnitsOfTransaction.find(code, this::readUnit);
    }

    /**
     * The unit and every unit above it, nearest first, up to the first code with no unit (or a unit seen twice). The
     * tree has four tiers, so one query reads a unit with the three above it (issue 13: one round trip instead of four
     * per walk); what it read is kept for the transaction like any unit read.
     */
    private List<Unit> path(String code) {
        List<Unit> path = new ArrayList<>();
        Map<String, Unit> read = new HashMap<>();
        Set<String> walked = new HashSet<>();
        String current = code;
        while (current != null && walked.add(current)) {
            Unit unit = read.get(current);
            if (unit == null) {
                Optional<Unit> found = UnitsOfTransaction.find(current, c -> {
                    List<Unit> above = readWithAncestors(c);
                    above.forEach(u -> read.put(u.code(), u));
                    above.stream().skip(1).forEach(UnitsOfTransaction::remember);
                    return above.stream().findFirst();
                });
                if (found.isEmpty()) {
                    break;
                }
                unit = found.get();
            }
            path.add(unit);
            current = unit.parentCode();
        }
        return path;
    }

    private List<Unit> readWithAncestors(String code) {
        String columns = "u%1$d.code, u%1$d.name, u%1$d.tier, u%1$d.parent_code, u%1$d.has_city_tier, u%1$d.chsi_photo_blocks_initial_audit";
        return jdbc.sql("SELECT " + String.format(columns, 0) + ", " + String.format(columns, 1) + ", " + String.format(columns, 2)
                        + ", " + String.format(columns, 3) + """
                         FROM unit u0
                        LEFT JOIN unit u1 ON u1.code = u0.parent_code
                        LEFT JOIN unit u2 ON u2.code = u1.parent_code
                        LEFT JOIN unit u3 ON u3.code = u2.parent_code
                        WHERE u0.code = ?""")
                .param(code)
                .query((rs, n) -> {
                    List<Unit> units = new ArrayList<>();
                    for (int level = 0; level < 4 && rs.getString(level * 6 + 1) != null; level++) {
                        int c = level * 6;
                        units.add(new Unit(rs.getString(c + 1), rs.getString(c + 2), Tier.valueOf(rs.getString(c + 3)),
                                rs.getString(c + 4), (Boolean) rs.getObject(c + 5, Boolean.class), rs.getBoolean(c + 6)));
                    }
                    return units;
                })
                .optional().orElse(List.of());
    }

    private Optional<Unit> readUnit(String code) {
        return jdbc.sql("SELECT code, name, tier, parent_code, has_city_tier, chsi_photo_blocks_initial_audit FROM unit WHERE code = ?")
                .param(code)
                .query((rs, n) -> new Unit(rs.getString(1), rs.getString(2), Tier.valueOf(rs.getString(3)),
                        rs.getString(4), (Boolean) rs.getObject(5, Boolean.class), rs.getBoolean(6)))
                .optional();
    }

    public List<Unit> allUnits() {
        return jdbc.sql("SELECT code, name, tier, parent_code, has_city_tier, chsi_photo_blocks_initial_audit FROM unit ORDER BY code")
                .query((rs, n) -> new Unit(rs.getString(1), rs.getString(2), Tier.valueOf(rs.getString(3)),
                        rs.getString(4), (Boolean) rs.getObject(5, Boolean.class), rs.getBoolean(6)))
                .list();
    }

    /** The unit's code and those of every unit above it, nearest first. */
    public List<String> unitAndAncestors(String code) {
        return path(code).stream().map(Unit::code).toList();
    }

    /** The chain above a learning centre, walked up the unit tree (R-ORG-01). */
    public ApprovalChain chainOf(String learningCenterCode) {
        List<Unit> path = path(learningCenterCode);
        String missing = path.isEmpty() ? learningCenterCode : path.get(path.size() - 1).parentCode();
        if (missing != null) {
            throw new RosterInconsistencyException("单位不存在：" + missing);
        }
        Unit lc = path.get(0);
        if (lc.tier() != Tier.LEARNING_CENTER) {
            throw new RosterInconsistencyException("学生所属单位不是学习中心：" + lc.code());
        }
        Unit city = path.stream().filter(u -> u.tier() == Tier.CITY).findFirst().orElse(null);
        Unit branch = path.stream().filter(u -> u.tier() == Tier.BRANCH).findFirst()
                .orElseThrow(() -> new RosterInconsistencyException("学习中心 " + lc.code() + " 不属于任何分部"));
        Unit hq = path.get(path.size() - 1);
        if (Boolean.TRUE.equals(branch.hasCityTier()) != (city != null)) {
            throw new RosterInconsistencyException("分部 " + branch.code() + " 的审批链配置与单位树不一致");
        }
        return new ApprovalChain(lc, city, branch, hq);
    }

    public Optional<Major> findMajor(String code) {
        return jdbc.sql("SELECT code, name, level, min_credits, degree_available FROM major WHERE code = ?")
                .param(code)
                .query((rs, n) -> majorAt(rs, 0))
                .optional();
    }

    /** A major from the columns code, name, level, min_credits, degree_available, the first of them column {@code o + 1}. */
    private static Major majorAt(java.sql.ResultSet rs, int o) throws java.sql.SQLException {
        return new Major(rs.getString(o + 1), rs.getString(o + 2), Level.valueOf(rs.getString(o + 3)), rs.getInt(o + 4),
                rs.getBoolean(o + 5));
    }

    /** A course rule from the columns course code, name, credits, kind, the first of them column {@code o + 1}. */
    private static CourseRule courseRuleAt(java.sql.ResultSet rs, int o) throws java.sql.SQLException {
        return new CourseRule(rs.getString(o + 1), rs.getString(o + 2), rs.getInt(o + 3), CourseRule.Kind.valueOf(rs.getString(o + 4)));
    }

    /** A major and its course rules (as {@link #courseRules}) in one query: the checks read both (issue 13). */
    public record MajorWithRules(Major major, List<CourseRule> rules) {
    }

    public Optional<MajorWithRules> findMajorWithRules(String code) {
        record Row(Major major, CourseRule rule) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT m.code, m.name, m.level, m.min_credits, m.degree_available, c.code, c.name, c.credits, mc.kind
                        FROM major m LEFT JOIN major_course mc ON mc.major_code = m.code
                        LEFT JOIN course c ON c.code = mc.course_code
                        WHERE m.code = ? ORDER BY c.code""")
                .param(code)
                .query((rs, n) -> new Row(majorAt(rs, 0), rs.getString(6) == null ? null : courseRuleAt(rs, 5)))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        // a rule whose course is missing is left out, as courseRules' inner join leaves it
        List<CourseRule> rules = rows.stream().map(Row::rule).filter(java.util.Objects::nonNull).toList();
        return Optional.of(new MajorWithRules(rows.get(0).major(), rules));
    }

    public boolean courseExists(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM course WHERE code = ?").param(code).query(Integer.class).single() > 0;
    }

    public List<CourseRule> courseRules(String majorCode) {
        return jdbc.sql("""
                        SELECT c.code, c.name, c.credits, mc.kind FROM major_course mc
                        JOIN course c ON c.code = mc.course_code
                        WHERE mc.major_code = ? ORDER BY c.code""")
                .param(majorCode)
                .query((rs, n) -> courseRuleAt(rs, 0))
                .list();
    }

    public List<Grade> grades(String studentNo) {
        return jdbc.sql("""
                        SELECT g.course_code, c.name, g.score, g.passed, g.exam_date, c.credits FROM grade g
                        JOIN course c ON c.code = g.course_code
                        WHERE g.student_no = ? ORDER BY g.exam_date, g.course_code""")
                .param(studentNo)
                .query((rs, n) -> new Grade(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBoolean(4),
                        rs.getDate(5).toLocalDate(), rs.getInt(6)))
                .list();
    }

    public List<Exemption> exemptions(String studentNo) {
        return jdbc.sql("SELECT course_code, filed_on FROM exemption_application WHERE student_no = ? ORDER BY filed_on")
                .param(studentNo)
                .query((rs, n) -> new Exemption(rs.getString(1), rs.getDate(2).toLocalDate()))
                .list();
    }

    public boolean hasGraduationPhoto(String studentNo) {
        return jdbc.sql("SELECT COUNT(*) FROM photo WHERE student_no = ? AND kind = 'GRADUATION'")
                .param(studentNo).query(Integer.class).single() > 0;
    }

    public Optional<ChsiStatus> chsiStatus(String studentNo) {
        return jdbc.sql("""
                        SELECT identity_doubtful, admission_photo, academic_photo, photo_doubtful
                        FROM chsi_status WHERE student_no = ?""")
                .param(studentNo)
                .query((rs, n) -> new ChsiStatus(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)))
                .optional();
    }

    /** R-EL-07: once registered, the student has graduated in that major for good. */
    public void markGraduated(String studentNo) {
        jdbc.sql("UPDATE student SET status = 'GRADUATED' WHERE student_no = ?").param(studentNo).update();
        UnitsOfTransaction.forgetStudents();
    }

    /** R-EL-02: an enrolled student whose 8 years ran out is terminated (the expiry clean-up). */
    public void terminate(String studentNo) {
        jdbc.sql("UPDATE student SET status = 'TERMINATED' WHERE student_no = ? AND status = 'ENROLLED'").param(studentNo).update();
        UnitsOfTransaction.forgetStudents();
    }
}

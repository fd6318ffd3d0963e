package cn.gradflow.roster;

import cn.gradflow.cases.StudentsCounted;
import cn.gradflow.common.SchoolClock;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes roster master data: the demo, the tests and the imports all go through here. */
@Repository
public class RosterWriter {

    private final JdbcClient jdbc;
    /** Batches: JdbcClient has none, and an import writes its rows a chunk at a time. */
    private final JdbcTemplate batch;
    private final SchoolClock clock;

    RosterWriter(JdbcClient jdbc, JdbcTemplate batch, SchoolClock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A grade row as the grade table keys it (student, course, exam date). */
    public record GradeEntry(String studentNo, String courseCode, BigDecimal score, boolean passed, LocalDate examDate) {
    }

    /** An exemption filing (R-EL-05) as its table keys it (student, course). */
    public record ExemptionEntry(String studentNo, String courseCode, LocalDate filedOn) {
    }

    public record ChsiEntry(String studentNo, ChsiStatus status) {
    }

    /** A unit below its parent (parents first): its branch is stored with it for student_chain's branch column (V56). */
    public void unit(Unit unit) {
        String branch = switch (unit.tier()) {
            case HQ -> null;
            case BRANCH -> unit.code();
            // the import checks the tree before writing; a unit outside any branch keeps none
            default -> jdbc.sql("SELECT branch_code FROM unit WHERE code = ?").param(unit.parentCode()).query(String.class)
                    .list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        };
        jdbc.sql("""
                        INSERT INTO unit (code, name, tier, parent_code, has_city_tier, chsi_photo_blocks_initial_audit, branch_code)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(unit.code(), unit.name(), unit.tier().name(), unit.parentCode(), unit.hasCityTier(),
                        unit.chsiPhotoBlocksAtInitialAudit(), branch).update();
        UnitsOfTransaction.forget();
    }

    /**
     * R-ID-02 per branch: whether the branch's own notice bars a student CHSI lacks an admission or
     * academic photo for already at its review, so the initial audit blocks (true) or only warns (false).
     * Branches only; cases already audited keep their findings until they are audited again.
     */
    public void chsiPhotoRule(String branchCode, boolean blocksAtInitialAudit) {
        int updated = jdbc.sql("UPDATE unit SET chsi_photo_blocks_initial_audit = ? WHERE code = ? AND tier = 'BRANCH'")
                .params(blocksAtInitialAudit, branchCode).update();
        UnitsOfTransaction.forget();
        if (updated != 1) {
            throw new IllegalArgumentException("分部不存在：" + branchCode);
        }
    }

    /** Only the name: a unit's tier, parent and chain shape route its cases and are not changed here. */
    public void renameUnit(String code, String name) {
        jdbc.sql("UPDATE unit SET name = ? WHERE code = ?").params(name, code).update();
        UnitsOfTransaction.forget();
    }

    public void updateMajor(Major major) {
        jdbc.sql("UPDATE major SET name = ?, level = ?, min_credits = ?, degree_available = ? WHERE code = ?")
                .params(major.name(), major.level().name(), major.minCredits(), major.degreeAvailable(), major.code()).update();
    }

    public void updateCourse(String code, String name, int credits) {
        jdbc.sql("UPDATE course SET name = ?, credits = ? WHERE code = ?").params(name, credits, code).update();
    }

    public void updateMajorCourse(String majorCode, String courseCode, CourseRule.Kind kind) {
        jdbc.sql("UPDATE major_course SET kind = ? WHERE major_code = ? AND course_code = ?")
                .params(kind.name(), majorCode, courseCode).update();
    }

    public void major(Major major) {
        jdbc.sql("INSERT INTO major (code, name, level, min_credits, degree_available) VALUES (?, ?, ?, ?, ?)")
                .params(major.code(), major.name(), major.level().name(), major.minCredits(), major.degreeAvailable())
                .update();
    }

    public void course(String code, String name, int credits) {
        jdbc.sql("INSERT INTO course (code, name, credits) VALUES (?, ?, ?)").params(code, name, credits).update();
    }

    public void majorCourse(String majorCode, String courseCode, CourseRule.Kind kind) {
        jdbc.sql("INSERT INTO major_course (major_code, course_code, kind) VALUES (?, ?, ?)")
                .params(majorCode, courseCode, kind.name()).update();
    }

    public void student(Student s) {
        jdbc.sql("""
                        INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term, status,
                            upgrade_from_junior, continuing, supplementary_required, degree_eligible)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.studentNo(), s.name(), s.idNumber(), s.unitCode(), s.majorCode(), s.enrolmentTerm().code(),
                        s.status().name(), s.upgradeFromJunior(), s.continuing(), s.supplementaryRequired(),
                        s.degreeEligible())
                .update();
        UnitsOfTransaction.forgetStudents();
    }

    /** New students in one batch. */
    public void students(List<Student> students) {
        if (students.isEmpty()) {
            return;
        }
        // issue 13: the dashboard summary gets one delta per centre for the batch instead of the trigger's one per student
        Map<String, Long> enrolled = students.stream().filter(s -> s.status() == Student.Status.ENROLLED)
                .collect(Collectors.groupingBy(Student::unitCode, Collectors.counting()));
        StudentsCounted.insert(batch, enrolled, () -> batch.batchUpdate("""
                        INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term, status,
                            upgrade_from_junior, continuing, supplementary_required, degree_eligible)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", students.stream().map(s -> new Object[] {s.studentNo(), s.name(),
                s.idNumber(), s.unitCode(), s.majorCode(), s.enrolmentTerm().code(), s.status().name(), s.upgradeFromJunior(),
                s.continuing(), s.supplementaryRequired(), s.degreeEligible()}).toList()));
        UnitsOfTransaction.forgetStudents();
    }

    /** What a roster import states of existing students; their status and eligibility flags are kept. */
    public void updateStudentRecords(List<Student> students) {
        batch.batchUpdate("UPDATE student SET name = ?, id_number = ?, unit_code = ?, major_code = ?, enrolment_term = ?, "
                + "upgrade_from_junior = ? WHERE student_no = ?", students.stream().map(s -> new Object[] {s.name(), s.idNumber(),
                s.unitCode(), s.majorCode(), s.enrolmentTerm().code(), s.upgradeFromJunior(), s.studentNo()}).toList());
        UnitsOfTransaction.forgetStudents();
    }

    public void grades(List<GradeEntry> grades) {
        batch.batchUpdate("INSERT INTO grade (student_no, course_code, score, passed, exam_date) VALUES (?, ?, ?, ?, ?)",
                grades.stream().map(g -> new Object[] {g.studentNo(), g.courseCode(), g.score(), g.passed(), g.examDate()}).toList());
    }

    /** A corrected score for an exam already recorded (same student, course and date). */
    public void regrade(List<GradeEntry> grades) {
        batch.batchUpdate("UPDATE grade SET score = ?, passed = ? WHERE student_no = ? AND course_code = ? AND exam_date = ?",
                grades.stream().map(g -> new Object[] {g.score(), g.passed(), g.studentNo(), g.courseCode(), g.examDate()}).toList());
    }

    public void exemptions(List<ExemptionEntry> exemptions) {
        batch.batchUpdate("INSERT INTO exemption_application (student_no, course_code, filed_on) VALUES (?, ?, ?)",
                exemptions.stream().map(e -> new Object[] {e.studentNo(), e.courseCode(), e.filedOn()}).toList());
    }

    public void refile(List<ExemptionEntry> exemptions) {
        batch.batchUpdate("UPDATE exemption_application SET filed_on = ? WHERE student_no = ? AND course_code = ?",
                exemptions.stream().map(e -> new Object[] {e.filedOn(), e.studentNo(), e.courseCode()}).toList());
    }

    /** CHSI feedback in one batch, each checked now; {@code known}: the students have a row already. */
    public void chsiStatuses(List<ChsiEntry> entries, boolean known) {
        String sql = known ? """
                UPDATE chsi_status SET identity_doubtful = ?, admission_photo = ?, academic_photo = ?, photo_doubtful = ?,
                    checked_at = ? WHERE student_no = ?""" : """
                INSERT INTO chsi_status (identity_doubtful, admission_photo, academic_photo, photo_doubtful, checked_at,
                    student_no) VALUES (?, ?, ?, ?, ?, ?)""";
        var now = clock.timestamp();
        batch.batchUpdate(sql, entries.stream().map(e -> new Object[] {e.status().identityDoubtful(), e.status().admissionPhoto(),
                e.status().academicPhoto(), e.status().photoDoubtful(), now, e.studentNo()}).toList());
    }

    public void grade(String studentNo, String courseCode, int score, boolean passed, LocalDate examDate) {
        jdbc.sql("INSERT INTO grade (student_no, course_code, score, passed, exam_date) VALUES (?, ?, ?, ?, ?)")
                .params(studentNo, courseCode, BigDecimal.valueOf(score), passed, examDate).update();
    }

    public void exemption(String studentNo, String courseCode, LocalDate filedOn) {
        jdbc.sql("INSERT INTO exemption_application (student_no, course_code, filed_on) VALUES (?, ?, ?)")
                .params(studentNo, courseCode, filedOn).update();
    }

    public void chsiStatus(String studentNo, ChsiStatus chsi) {
        int updated = jdbc.sql("""
                        UPDATE chsi_status SET identity_doubtful = ?, admission_photo = ?, academic_photo = ?,
                            photo_doubtful = ?, checked_at = ? WHERE student_no = ?""")
                .params(chsi.identityDoubtful(), chsi.admissionPhoto(), chsi.academicPhoto(), chsi.photoDoubtful(),
                        clock.timestamp(), studentNo)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO chsi_status (student_no, identity_doubtful, admission_photo, academic_photo,
                                photo_doubtful, checked_at) VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(studentNo, chsi.identityDoubtful(), chsi.admissionPhoto(), chsi.academicPhoto(),
                            chsi.photoDoubtful(), clock.timestamp())
                    .update();
        }
    }
}

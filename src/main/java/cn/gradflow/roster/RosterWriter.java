package cn.gradflow.roster;

import cn.gradflow.common.SchoolClock;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes roster master data: the demo, the tests and the imports all go through here. */
@Repository
public class RosterWriter {

    private final JdbcClient jdbc;
    private final SchoolClock clock;

    RosterWriter(JdbcClient jdbc, SchoolClock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public void unit(Unit unit) {
        jdbc.sql("""
                        INSERT INTO unit (code, name, tier, parent_code, has_city_tier, chsi_photo_blocks_initial_audit)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(unit.code(), unit.name(), unit.tier().name(), unit.parentCode(), unit.hasCityTier(),
                        unit.chsiPhotoBlocksAtInitialAudit()).update();
    }

    /**
     * R-ID-02 per branch: whether the branch's own notice bars a student CHSI lacks an admission or
     * academic photo for already at its review, so the initial audit blocks (true) or only warns (false).
     * Branches only; cases already audited keep their findings until they are audited again.
     */
    public void chsiPhotoRule(String branchCode, boolean blocksAtInitialAudit) {
        int updated = jdbc.sql("UPDATE unit SET chsi_photo_blocks_initial_audit = ? WHERE code = ? AND tier = 'BRANCH'")
                .params(blocksAtInitialAudit, branchCode).update();
        if (updated != 1) {
            throw new IllegalArgumentException("分部不存在：" + branchCode);
        }
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

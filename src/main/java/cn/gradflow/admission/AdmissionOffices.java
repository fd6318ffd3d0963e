package cn.gradflow.admission;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.admission.AdmissionReviewProcess.Office;
import cn.gradflow.roster.ApprovalChain;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.security.UnitAuthorizations;

/**
 * A school's enrolment office (招生办) and academic affairs office (教务处), {@code admission_office} (V62).
 * The school is a branch-tier unit; an office covers the students of the school and every unit below it.
 * The one place that says who may act in an admission review, for the endpoints and the candidate groups.
 */
@Component
public class AdmissionOffices {

    public record OfficeGroup(String groupId, String schoolCode, Office office, String name) {
    }

    private final JdbcClient jdbc;
    private final RosterRepository roster;
    private final CurrentUser currentUser;
    private final UnitAuthorizations authorizations;

    AdmissionOffices(JdbcClient jdbc, RosterRepository roster, CurrentUser currentUser, UnitAuthorizations authorizations) {
        this.jdbc = jdbc;
        this.roster = roster;
        this.currentUser = currentUser;
        this.authorizations = authorizations;
    }

    /** Records the office (if missing) and makes sure its Camunda group and standing grants exist. */
    public void configure(String schoolCode, Office office, String groupId, String name) {
        if (find(schoolCode, office).isEmpty()) {
            jdbc.sql("INSERT INTO admission_office (group_id, unit_code, office, name) VALUES (?, ?, ?, ?)")
                    .params(groupId, schoolCode, office.name(), name).update();
        }
        authorizations.ensureStaffGroup(groupId, name);
    }

    /** Every office's group and grants at each start (an office added by SQL gets its group here). */
    @EventListener(ApplicationReadyEvent.class)
    void ensureGroups() {
        all().forEach(o -> authorizations.ensureStaffGroup(o.groupId(), o.name()));
    }

    public List<OfficeGroup> all() {
        return jdbc.sql("SELECT group_id, unit_code, office, name FROM admission_office ORDER BY unit_code, office")
                .query(AdmissionOffices::map).list();
    }

    public Optional<OfficeGroup> find(String schoolCode, Office office) {
        return jdbc.sql("SELECT group_id, unit_code, office, name FROM admission_office WHERE unit_code = ? AND office = ?")
                .params(schoolCode, office.name()).query(AdmissionOffices::map).optional();
    }

    /** The school of a student: the branch-tier unit of their chain. */
    public String schoolOf(Student student) {
        ApprovalChain chain = roster.chainOf(student.unitCode());
        return chain.branch().code();
    }

    /** Both offices are set up for the student's school. */
    public boolean configuredFor(Student student) {
        String school = schoolOf(student);
        return find(school, Office.ENROLMENT).isPresent() && find(school, Office.ACADEMIC_AFFAIRS).isPresent();
    }

    /** The candidate group of an office for the student's school. */
    public String groupFor(Student student, Office office) {
        return find(schoolOf(student), office).map(OfficeGroup::groupId)
                .orElseThrow(() -> new IllegalStateException("学校 " + schoolOf(student) + " 未设置" + office.label()));
    }

    /** The current user is that office of the student's school, or an admin. */
    public boolean userIs(Office office, Student student) {
        List<String> groups = currentUser.groupIds();
        return CurrentUser.isAdmin(groups) || find(schoolOf(student), office).map(o -> groups.contains(o.groupId())).orElse(false);
    }

    /** The current user is either office of the student's school, or an admin. */
    public boolean userCovers(Student student) {
        return userIs(Office.ENROLMENT, student) || userIs(Office.ACADEMIC_AFFAIRS, student);
    }

    /** The schools whose offices the current user belongs to (every school's for an admin). */
    public List<String> schoolsOfUser() {
        List<String> groups = currentUser.groupIds();
        return all().stream().filter(o -> CurrentUser.isAdmin(groups) || groups.contains(o.groupId()))
                .map(OfficeGroup::schoolCode).distinct().toList();
    }

    private static OfficeGroup map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new OfficeGroup(rs.getString(1), rs.getString(2), Office.valueOf(rs.getString(3)), rs.getString(4));
    }
}

package cn.gradflow.admission;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import cn.gradflow.admission.AdmissionReviewProcess.Office;
import cn.gradflow.batch.NotificationRepository;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Unit;

/**
 * R-ID-08 (北京 notice 三(二), 四(五)): 教务处定期统计还未在学信网完成学籍自查的学生名单，组织学院（学习中心）督促。
 * Each run of {@code chsi-self-check-reminders} lists, per school with admission offices, its enrolled students
 * without a recorded self-check, as rows (one list, its students), and sends each unit a notice naming its own
 * students (notification + notification_student). Set-based SQL: one statement per school and per unit.
 */
@Component
public class ChsiSelfChecks {

    public record ListView(long id, String school, LocalDate listedOn, int studentCount, LocalDateTime createdAt) {
    }

    public record ListedStudent(String studentNo, String name, String unitCode) {
    }

    static final String NOTICE_KIND = "CHSI_SELF_CHECK";

    private final JdbcClient jdbc;
    private final SchoolClock clock;
    private final AdmissionOffices offices;
    private final RosterRepository roster;
    private final NotificationRepository notifications;

    ChsiSelfChecks(JdbcClient jdbc, SchoolClock clock, AdmissionOffices offices, RosterRepository roster,
                   NotificationRepository notifications) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.offices = offices;
        this.roster = roster;
        this.notifications = notifications;
    }

    /** A student self-checked on that day; a later record replaces an earlier one. */
    public void record(String studentNo, LocalDate checkedOn, String recordedBy) {
        int updated = jdbc.sql("UPDATE chsi_self_check SET checked_on = ?, recorded_by = ?, recorded_at = ? WHERE student_no = ?")
                .params(checkedOn, recordedBy, clock.timestamp(), studentNo).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO chsi_self_check (student_no, checked_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?)")
                    .params(studentNo, checkedOn, recordedBy, clock.timestamp()).update();
        }
    }

    public boolean recorded(String studentNo) {
        return jdbc.sql("SELECT COUNT(*) FROM chsi_self_check WHERE student_no = ?").param(studentNo).query(Integer.class).single() > 0;
    }

    /** Lists every school's unchecked students; returns the new lists' ids. */
    public List<Long> listAll() {
        return offices.all().stream().filter(o -> o.office() == Office.ACADEMIC_AFFAIRS)
                .map(o -> listSchool(o.schoolCode())).toList();
    }

    long listSchool(String school) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO chsi_self_check_list (school_code, listed_on, student_count, created_at) VALUES (?, ?, 0, ?)")
                .params(school, clock.today(), clock.timestamp()).update(keys, "id");
        long id = keys.getKey().longValue();
        int count = jdbc.sql("""
                        INSERT INTO chsi_self_check_list_student (list_id, student_no, unit_code)
                        SELECT :id, s.student_no, s.unit_code FROM student s
                        WHERE s.unit_code IN (:units) AND s.status = 'ENROLLED'
                          AND NOT EXISTS (SELECT 1 FROM chsi_self_check c WHERE c.student_no = s.student_no)""")
                .param("id", id).param("units", unitsOf(school)).update();
        jdbc.sql("UPDATE chsi_self_check_list SET student_count = ? WHERE id = ?").params(count, id).update();
        return id;
    }

    /** One notice per unit that has students on the list, naming them; returns how many notices. */
    public int remind(long listId) {
        List<String> units = jdbc.sql("SELECT DISTINCT unit_code FROM chsi_self_check_list_student WHERE list_id = ? ORDER BY unit_code")
                .param(listId).query(String.class).list();
        for (String unit : units) {
            int count = jdbc.sql("SELECT COUNT(*) FROM chsi_self_check_list_student WHERE list_id = ? AND unit_code = ?")
                    .params(listId, unit).query(Integer.class).single();
            notifications.addListed(unit, null, NOTICE_KIND,
                    "R-ID-08 学信网学籍自查提醒：本单位有 " + count + " 名学生尚未在学信网核对本人学籍信息，请督促其登录学信网完成自查，"
                            + "有误信息及时申请变更（名单 " + listId + "，" + clock.today() + "）",
                    "SELECT student_no FROM chsi_self_check_list_student WHERE list_id = :listId AND unit_code = :unit",
                    Map.of("listId", listId, "unit", unit));
        }
        return units.size();
    }

    public List<ListView> lists(List<String> schools, int limit) {
        return jdbc.sql("SELECT id, school_code, listed_on, student_count, created_at FROM chsi_self_check_list "
                        + "WHERE school_code IN (:schools) ORDER BY id DESC LIMIT :limit")
                .param("schools", schools).param("limit", limit).query(ChsiSelfChecks::mapList).list();
    }

    public Optional<ListView> list(long id) {
        return jdbc.sql("SELECT id, school_code, listed_on, student_count, created_at FROM chsi_self_check_list WHERE id = ?")
                .param(id).query(ChsiSelfChecks::mapList).optional();
    }

    public List<ListedStudent> students(long listId, int offset, int limit) {
        return jdbc.sql("""
                        SELECT l.student_no, s.name, l.unit_code FROM chsi_self_check_list_student l
                        JOIN student s ON s.student_no = l.student_no
                        WHERE l.list_id = ? ORDER BY l.unit_code, l.student_no LIMIT ? OFFSET ?""")
                .params(listId, limit, offset)
                .query((rs, n) -> new ListedStudent(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The school and every unit below it. */
    private Set<String> unitsOf(String school) {
        Set<String> units = new HashSet<>();
        for (Unit unit : roster.allUnits()) {
            if (roster.unitAndAncestors(unit.code()).contains(school)) {
                units.add(unit.code());
            }
        }
        return units;
    }

    private static ListView mapList(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ListView(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getInt(4),
                rs.getTimestamp(5).toLocalDateTime());
    }

    /** Bean {@code remindUncheckedStudents}: the timer's one service task: list every school, remind every unit. */
    @Component("remindUncheckedStudents")
    static class Remind implements JavaDelegate {

        private final ChsiSelfChecks checks;

        Remind(ChsiSelfChecks checks) {
            this.checks = checks;
        }

        @Override
        public void execute(DelegateExecution execution) {
            for (long listId : checks.listAll()) {
                checks.remind(listId);
            }
        }
    }
}

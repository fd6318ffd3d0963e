package cn.gradflow.selfstudy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-study test data through SQL and the app's own starter: the two exam offices with one login each, a
 * session whose every date lies ahead (timers fire only when a test runs their job), and a fresh candidate
 * with their own login per call. Drives a case as the job executor and the logins would.
 */
@Component
public class SelfStudyFixture {

    public static final String PROVINCE = "TGD";
    public static final String CITY = "TSG";
    public static final String OTHER_CITY = "TGZ";
    public static final String CITY_USER = "tsgks";
    public static final String OTHER_CITY_USER = "tgzks";
    public static final String PROVINCE_USER = "tgdks";
    public static final String SESSION = "T2099H1";
    public static final String MAJOR = "T-690101";
    public static final String BACHELOR_MAJOR = "T-B01";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final JdbcClient jdbc;
    private final IdentityService identity;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final SelfStudyAccess access;
    private final SelfStudyStarter starter;

    SelfStudyFixture(JdbcClient jdbc, IdentityService identity, RuntimeService runtime, TaskService tasks, ManagementService management,
                     SelfStudyAccess access, SelfStudyStarter starter) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
        this.access = access;
        this.starter = starter;
    }

    public synchronized void ensureBase() {
        if (jdbc.sql("SELECT COUNT(*) FROM ss_office WHERE code = ?").param(PROVINCE).query(Integer.class).single() > 0) {
            return;
        }
        jdbc.sql("INSERT INTO ss_office (code, name, tier, parent_code) VALUES (?, '测试省考办', 'PROVINCE', NULL)").param(PROVINCE).update();
        jdbc.sql("INSERT INTO ss_office (code, name, tier, parent_code) VALUES (?, '测试市考办', 'CITY', ?)").params(CITY, PROVINCE).update();
        jdbc.sql("INSERT INTO ss_office (code, name, tier, parent_code) VALUES (?, '另一市考办', 'CITY', ?)").params(OTHER_CITY, PROVINCE).update();
        jdbc.sql("""
                INSERT INTO ss_session (code, name, province_office, prerequisites_due, prior_degree_due, apply_opens, apply_closes,
                    onsite_opens, onsite_closes, fresh_certificate_due, certificates_from)
                VALUES (?, '2099 年上半年（测试）', ?, TIMESTAMP '2099-05-01 00:00:00', TIMESTAMP '2099-06-01 00:00:00',
                    TIMESTAMP '2099-06-14 00:00:00', TIMESTAMP '2099-06-20 23:59:59', TIMESTAMP '2099-06-19 08:30:00',
                    TIMESTAMP '2099-06-20 17:00:00', TIMESTAMP '2099-07-03 00:00:00', TIMESTAMP '2099-11-01 09:00:00')""")
                .params(SESSION, PROVINCE).update();
        for (String[] course : new String[][] {{MAJOR, "00001", "必考一", "REQUIRED"}, {MAJOR, "00002", "必考二", "REQUIRED"},
                {BACHELOR_MAJOR, "00001", "必考一", "REQUIRED"}, {BACHELOR_MAJOR, "00009", "本科加考", "BACHELOR_EXTRA"}}) {
            jdbc.sql("INSERT INTO ss_major_course (major_code, course_code, course_name, kind) VALUES (?, ?, ?, ?)").params((Object[]) course)
                    .update();
        }
        access.ensureGroups();
        user(CITY_USER, CITY);
        user(OTHER_CITY_USER, OTHER_CITY);
        user(PROVINCE_USER, PROVINCE);
    }

    private void user(String id, String group) {
        User u = identity.newUser(id);
        u.setFirstName(id);
        u.setLastName("测试");
        u.setPassword(TestRoster.PASSWORD);
        identity.saveUser(u);
        identity.createMembership(id, group);
    }

    /** What a test changes about its candidate. */
    public static final class Spec {
        String level = "ZHUANKE";
        String major = MAJOR;
        String majorName = "行政管理";
        String city = CITY;
        boolean pending;
        boolean fresh;
        boolean inRegister = true;
        boolean nonMainland;
        int failedScore = -1;
        List<String> extraCourses = List.of();

        public Spec bachelor() {
            level = "BENKE";
            major = BACHELOR_MAJOR;
            majorName = "汉语言文学";
            return this;
        }

        public Spec major(String name) {
            majorName = name;
            return this;
        }

        public Spec pendingRecordChange() {
            pending = true;
            return this;
        }

        public Spec freshGraduate() {
            fresh = true;
            return this;
        }

        public Spec notInRegister() {
            inRegister = false;
            return this;
        }

        public Spec nonMainlandId() {
            nonMainland = true;
            return this;
        }

        public Spec failing() {
            failedScore = 45;
            return this;
        }

        public Spec courses(String... codes) {
            extraCourses = List.of(codes);
            return this;
        }

        public Spec city(String code) {
            city = code;
            return this;
        }
    }

    public static Spec spec() {
        return new Spec();
    }

    /** A new candidate with their own login in {@link SelfStudyAccess#CANDIDATES}; returns the candidate number. */
    public String candidate(Spec s) {
        int n = SEQUENCE.incrementAndGet();
        String no = String.format("9%011d", System.nanoTime() % 1_000_000_000L * 100 + n % 100);
        String user = "tks" + no;
        String idNumber = String.format("440203%s%04d", "19950101", n % 10000);
        jdbc.sql("""
                INSERT INTO ss_candidate (candidate_no, name, sex, id_number, non_mainland_id, birth_date, level, major_code, major_name,
                    examining_university, city_office, user_id, record_change_pending, fresh_graduate, elective_credits_earned,
                    elective_credits_required, practice_major, practice_university)
                VALUES (?, ?, '女', ?, ?, ?, ?, ?, ?, '华南师范大学', ?, ?, ?, ?, 20, 16, ?, '华南师范大学')""")
                .params(no, "考生" + n, idNumber, s.nonMainland, LocalDate.of(1995, 1, 1), s.level, s.major, s.majorName, s.city, user,
                        s.pending, s.fresh, s.major).update();
        grade(no, "00001", "必考一", 75);
        grade(no, "00002", "必考二", s.failedScore >= 0 ? s.failedScore : 68);
        grade(no, "00009", "本科加考", 80);
        for (String code : s.extraCourses) {
            grade(no, code, "选考" + code, 70);
        }
        if (s.inRegister) {
            jdbc.sql("INSERT INTO ss_population_register (id_number, name, sex, birth_date) VALUES (?, ?, '女', ?)")
                    .params(idNumber, "考生" + n, LocalDate.of(1995, 1, 1)).update();
        }
        User u = identity.newUser(user);
        u.setFirstName("考生" + n);
        u.setLastName("");
        u.setPassword(TestRoster.PASSWORD);
        identity.saveUser(u);
        identity.createMembership(user, SelfStudyAccess.CANDIDATES);
        return no;
    }

    private void grade(String no, String code, String name, int score) {
        jdbc.sql("INSERT INTO ss_grade (candidate_no, course_code, course_name, score, exam_session) VALUES (?, ?, ?, ?, '202210')")
                .params(no, code, name, score).update();
    }

    public String name(String candidateNo) {
        return jdbc.sql("SELECT name FROM ss_candidate WHERE candidate_no = ?").param(candidateNo).query(String.class).single();
    }

    public static String userOf(String candidateNo) {
        return "tks" + candidateNo;
    }

    public ProcessInstance start(String candidateNo) {
        starter.startAsSystem(SESSION, candidateNo);
        ProcessInstance pi = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(SelfStudyProcess.businessKey(SESSION, candidateNo)).singleResult();
        runJobs(pi);
        return pi;
    }

    /** Runs the case's due jobs (async steps) until none is left, as the job executor would; timers ahead stay. */
    public void runJobs(ProcessInstance pi) {
        List<Job> due;
        while (!(due = management.createJobQuery().processInstanceId(pi.getId()).executable().list()).isEmpty()) {
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

    /** The calendar moment has come: the timer at this element fires, then what follows runs. */
    public void fire(ProcessInstance pi, String activityId) {
        Job timer = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).timers().singleResult();
        assertThat(timer).as("timer at " + activityId).isNotNull();
        management.executeJob(timer.getId());
        runJobs(pi);
    }

    public Task task(ProcessInstance pi) {
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(task).as("waiting task").isNotNull();
        return task;
    }

    /** Completes the waiting task as the given login (with their groups), then runs what follows. */
    public void act(ProcessInstance pi, String userId, Map<String, Object> variables) {
        Task task = task(pi);
        identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList());
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
        runJobs(pi);
    }

    public void approve(ProcessInstance pi, String userId) {
        act(pi, userId, Map.of("decision", "APPROVE"));
    }

    public void reject(ProcessInstance pi, String userId, String reason) {
        act(pi, userId, Map.of("decision", "REJECT", "reason", reason));
    }
}

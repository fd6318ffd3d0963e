package cn.gradflow.demo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.application.ApplicationStarter;
import cn.gradflow.application.StartResult;
import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchRepository;

/**
 * Seeds the demo (profile {@code demo}, the default on the embedded database): units, majors,
 * about 200 invented students covering every outcome, batch 202601 open today, staff logins,
 * Tasklist filters, and applications for all but the last eight students. Runs once per database.
 */
@Component
@Profile("demo")
class DemoDataLoader implements ApplicationRunner {

    static final String BATCH = "202601";
    static final int STUDENTS = 200;
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    /** Learning centres, their student-number prefix and the majors they teach. */
    private static final List<String[]> CENTRES = List.of(
            new String[] {"GDGZ01", "4401"}, new String[] {"GDGZ02", "4402"},
            new String[] {"GDSG01", "4403"}, new String[] {"SMJK01", "1101"});
    private static final List<String> GD_MAJORS = List.of("GSGL", "KJX", "SCYX", "JSJ", "XZGL", "DZSW");
    private static final List<String> COLLEGE_MAJORS = List.of("JKGL", "GSGL");
    private static final String[] SURNAMES = {"林", "陈", "黄", "周", "吴", "郑", "何", "罗", "梁", "谢", "韩", "唐", "冯", "邓", "曹", "彭"};
    private static final String[] GIVEN = {"晓明", "雨桐", "子轩", "思远", "佳怡", "浩然", "欣悦", "俊杰", "若曦", "志强",
            "梦琪", "宇航", "静怡", "文博", "嘉欣", "天宇", "诗涵", "明轩", "可馨", "博文"};
    private static final String[] ELECTIVES = {"大学英语", "计算机应用基础", "经济数学", "管理学原理", "社会学概论",
            "法律基础", "应用写作", "心理学", "统计学原理", "市场调查", "人力资源管理", "公共关系学", "电子政务",
            "中国近现代史纲要", "思想道德与法治", "习近平新时代中国特色社会主义思想概论"};

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final IdentityService identity;
    private final FilterService filters;
    private final TaskService tasks;
    private final BatchRepository batches;
    private final ApplicationStarter starter;
    private final String password;

    DemoDataLoader(JdbcClient jdbc, TransactionTemplate tx, IdentityService identity, FilterService filters,
                   TaskService tasks, BatchRepository batches, ApplicationStarter starter,
                   @Value("${gradflow.demo.password}") String password) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.identity = identity;
        this.filters = filters;
        this.tasks = tasks;
        this.batches = batches;
        this.starter = starter;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        LocalDate today = LocalDate.now();
        boolean fresh = jdbc.sql("SELECT COUNT(*) FROM unit").query(Integer.class).single() == 0;
        if (fresh) {
            tx.executeWithoutResult(s -> seedRoster(today));
        }
        seedStaff();
        seedFilters();
        if (fresh) {
            startApplications(today);
        }
    }

    private void seedRoster(LocalDate today) {
        unit("HQ", "国家开放大学（总部）", "HQ", null, null);
        unit("GD", "广东开放大学（国开广东分部）", "BRANCH", "HQ", true);
        unit("GDGZ", "广州开放大学", "CITY", "GD", null);
        unit("GDSG", "韶关开放大学", "CITY", "GD", null);
        unit("GDGZ01", "天河学习中心", "LEARNING_CENTER", "GDGZ", null);
        unit("GDGZ02", "番禺学习中心", "LEARNING_CENTER", "GDGZ", null);
        unit("GDSG01", "浈江学习中心", "LEARNING_CENTER", "GDSG", null);
        unit("SMJK", "国家开放大学生命健康学院", "BRANCH", "HQ", false);
        unit("SMJK01", "生命健康学院北京学习中心", "LEARNING_CENTER", "SMJK", null);

        major("GSGL", "工商管理", "BACHELOR", 71, true, "ANY_ROUND", "企业战略管理", "财务管理", "组织行为学");
        major("KJX", "会计学", "BACHELOR", 71, true, "FIRST_ROUND_ONLY", "中级财务会计", "审计学", "成本会计");
        major("SCYX", "市场营销", "BACHELOR", 71, true, "FIRST_ROUND_ONLY", "市场营销学", "消费者行为学", "品牌管理");
        major("JSJ", "计算机科学与技术", "BACHELOR", 71, true, "NONE", "数据结构", "操作系统", "数据库原理");
        major("XZGL", "行政管理", "JUNIOR", 76, false, "NONE", "行政管理学", "公共政策概论", "政府经济学");
        major("DZSW", "电子商务", "JUNIOR", 76, false, "NONE", "电子商务概论", "网络营销", "物流管理");
        major("JKGL", "健康管理", "JUNIOR", 76, false, "NONE", "健康管理概论", "营养与膳食", "慢性病管理");
        course("BX-GL", "补修：管理学基础", 3);
        course("BX-JJ", "补修：经济学基础", 3);
        for (String m : List.of("GSGL", "KJX", "SCYX", "JSJ")) {
            majorCourse(m, "BX-GL", "SUPPLEMENTARY");
            majorCourse(m, "BX-JJ", "SUPPLEMENTARY");
        }
        for (int e = 0; e < ELECTIVES.length; e++) {
            course(elective(e), ELECTIVES[e], 4);
        }

        jdbc.sql("INSERT INTO batch (code, name, grade_cutoff, certificate_issue_date) VALUES (?, ?, ?, ?)")
                .params(BATCH, "2026年1月毕业批次（演示）", LocalDate.of(2026, 1, 31), LocalDate.of(2026, 1, 20)).update();
        // The notices' calendars, shifted so that the demo's first round is open today.
        calendar("GD", "201803", "202403", today);
        calendar("SMJK", "201803", "202309", today);

        byte[] photo = DemoPhoto.graduationPhoto();
        String sha = sha256(photo);
        for (int i = 0; i < STUDENTS; i++) {
            student(i, DemoCase.forIndex(i), today, photo, sha);
        }
        log.info("Demo roster seeded: {} students, batch {}", STUDENTS, BATCH);
    }

    private void student(int i, DemoCase c, LocalDate today, byte[] photo, String sha) {
        String[] centre = CENTRES.get(i % CENTRES.size());
        boolean college = centre[0].startsWith("SMJK");
        String major = c == DemoCase.SUPPLEMENTARY_MISSING || c == DemoCase.NOT_DEGREE_ELIGIBLE ? "GSGL"
                : college ? COLLEGE_MAJORS.get((i / 4) % 2) : GD_MAJORS.get((i / 4) % GD_MAJORS.size());
        boolean bachelor = List.of("GSGL", "KJX", "SCYX", "JSJ").contains(major);
        String studentNo = studentNo(i);
        String term = switch (c) {
            case EXPIRED -> "201709";
            case OUT_OF_SCOPE -> "202409";
            default -> "202303";
        };
        String status = c == DemoCase.ALREADY_GRADUATED ? "GRADUATED" : "ENROLLED";
        boolean supplementary = c == DemoCase.SUPPLEMENTARY_MISSING || (bachelor && i % 10 == 0);
        jdbc.sql("""
                        INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term, status,
                            upgrade_from_junior, continuing, supplementary_required, degree_eligible)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(studentNo, SURNAMES[i % SURNAMES.length] + GIVEN[(i / SURNAMES.length + i) % GIVEN.length],
                        idNumber(i), centre[0], major, term, status, bachelor, false, supplementary,
                        bachelor && c != DemoCase.NOT_DEGREE_ELIGIBLE)
                .update();

        // Required courses, practice, electives: enough credits unless the case says otherwise.
        for (int r = 1; r <= 3; r++) {
            boolean failed = c == DemoCase.FAILED_REQUIRED && r == 2;
            grade(studentNo, major + "-R" + r, failed ? 45 : 78, !failed, LocalDate.of(2024, 7, 5));
        }
        if (c != DemoCase.NO_PRACTICE) {
            grade(studentNo, major + "-P", 82, true,
                    c == DemoCase.LATE_GRADE ? LocalDate.of(2026, 2, 15) : LocalDate.of(2025, 12, 20));
        }
        int electives = c == DemoCase.MISSING_CREDITS ? 8 : 16;
        for (int e = 0; e < electives; e++) {
            grade(studentNo, elective(e), 70 + e, true, LocalDate.of(2024 + e % 2, e % 4 < 2 ? 1 : 7, 10));
        }
        if (supplementary && c != DemoCase.SUPPLEMENTARY_MISSING) {
            grade(studentNo, "BX-GL", 75, true, LocalDate.of(2024, 1, 10));
            grade(studentNo, "BX-JJ", 71, true, LocalDate.of(2024, 1, 10));
        }
        if (c == DemoCase.LATE_EXEMPTION) {
            exemption(studentNo, elective(15), today.minusDays(5));
        } else if (i % 7 == 0) {
            exemption(studentNo, elective(14), today.minusDays(200));
        }
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        if (c != DemoCase.MISSING_PHOTO) {
            jdbc.sql("INSERT INTO photo (student_no, kind, content, size_bytes, sha256, uploaded_at) VALUES (?, 'GRADUATION', ?, ?, ?, ?)")
                    .params(studentNo, photo, photo.length, sha, now).update();
        }
        jdbc.sql("""
                        INSERT INTO chsi_status (student_no, identity_doubtful, admission_photo, academic_photo, photo_doubtful, checked_at)
                        VALUES (?, ?, TRUE, ?, FALSE, ?)""")
                .params(studentNo, c == DemoCase.IDENTITY_DOUBTFUL, c != DemoCase.NO_CHSI_ACADEMIC_PHOTO, now).update();
    }

    private void seedStaff() {
        for (var u : jdbc.sql("SELECT code, name, tier FROM unit").query().listOfRows()) {
            String code = (String) u.get("code");
            if (identity.createGroupQuery().groupId(code).count() == 0) {
                Group group = identity.newGroup(code);
                group.setName((String) u.get("name"));
                group.setType((String) u.get("tier"));
                identity.saveGroup(group);
            }
        }
        for (DemoStaff staff : DemoStaff.ALL) {
            if (identity.createUserQuery().userId(staff.userId()).count() > 0) {
                continue;
            }
            User user = identity.newUser(staff.userId());
            user.setFirstName(staff.firstName());
            user.setLastName(staff.lastName());
            user.setPassword(password);
            user.setEmail(staff.userId() + "@demo.gradflow.invalid");
            identity.saveUser(user);
            identity.createMembership(staff.userId(), staff.unitCode());
        }
    }

    /** Tasklist opens on the unit's own work queue, with the student in the list columns. */
    private void seedFilters() {
        if (filters.createFilterQuery().filterName("本单位待办").count() > 0) {
            return;
        }
        List<Map<String, String>> columns = List.of(
                Map.of("name", "studentNo", "label", "学号"),
                Map.of("name", "studentName", "label", "姓名"),
                Map.of("name", "batchCode", "label", "批次"));
        filters.saveFilter(filters.newTaskFilter("本单位待办")
                .setQuery(tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks().orderByDueDate().asc())
                .setProperties(Map.of("priority", -10, "description", "本单位（按用户所属单位组）的待办任务",
                        "refresh", true, "variables", columns)));
        filters.saveFilter(filters.newTaskFilter("我认领的任务")
                .setQuery(tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc())
                .setProperties(Map.of("priority", -5, "description", "已认领到本人名下的任务",
                        "refresh", true, "variables", columns)));
    }

    private void startApplications(LocalDate today) {
        Batch batch = batches.findBatch(BATCH).orElseThrow();
        int started = 0;
        for (int i = 0; i < STUDENTS; i++) {
            if (DemoCase.forIndex(i) == DemoCase.ELIGIBLE_NOT_STARTED) {
                continue;
            }
            if (starter.start(batch, studentNo(i), today).result() == StartResult.Outcome.STARTED) {
                started++;
            }
        }
        log.info("Demo applications started: {} (the job executor runs their checks now)", started);
    }

    static String studentNo(int i) {
        return "2" + CENTRES.get(i % CENTRES.size())[1] + String.format("%08d", i);
    }

    private static String elective(int e) {
        return String.format("XX%02d", e + 1);
    }

    /** An invented but well-formed 18-character ID number (GB 11643 check digit). */
    static String idNumber(int i) {
        String body = "440106" + String.format("%04d%02d%02d", 1985 + i % 15, 1 + i % 12, 1 + i % 28)
                + String.format("%03d", i % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (body.charAt(k) - '0') * weights[k];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private void unit(String code, String name, String tier, String parent, Boolean cityTier) {
        jdbc.sql("INSERT INTO unit (code, name, tier, parent_code, has_city_tier) VALUES (?, ?, ?, ?, ?)")
                .params(code, name, tier, parent, cityTier).update();
    }

    private void major(String code, String name, String level, int minCredits, boolean degree, String coop,
                       String... required) {
        jdbc.sql("INSERT INTO major (code, name, level, min_credits, degree_available, coop_degree) VALUES (?, ?, ?, ?, ?, ?)")
                .params(code, name, level, minCredits, degree, coop).update();
        for (int r = 0; r < required.length; r++) {
            course(code + "-R" + (r + 1), required[r], 4);
            majorCourse(code, code + "-R" + (r + 1), "REQUIRED");
        }
        course(code + "-P", level.equals("BACHELOR") ? name + "毕业论文" : name + "综合实践", 6);
        majorCourse(code, code + "-P", "PRACTICE");
    }

    private void course(String code, String name, int credits) {
        jdbc.sql("INSERT INTO course (code, name, credits) VALUES (?, ?, ?)").params(code, name, credits).update();
    }

    private void majorCourse(String major, String course, String kind) {
        jdbc.sql("INSERT INTO major_course (major_code, course_code, kind) VALUES (?, ?, ?)").params(major, course, kind).update();
    }

    private void grade(String studentNo, String course, int score, boolean passed, LocalDate examDate) {
        jdbc.sql("INSERT INTO grade (student_no, course_code, score, passed, exam_date) VALUES (?, ?, ?, ?, ?)")
                .params(studentNo, course, score, passed, examDate).update();
    }

    private void exemption(String studentNo, String course, LocalDate filedOn) {
        jdbc.sql("INSERT INTO exemption_application (student_no, course_code, filed_on) VALUES (?, ?, ?)")
                .params(studentNo, course, filedOn).update();
    }

    private void calendar(String branch, String scopeFrom, String scopeTo, LocalDate today) {
        jdbc.sql("""
                        INSERT INTO batch_calendar (batch_code, branch_code, scope_from_term, scope_to_term, exemption_cutoff,
                            first_round_open, first_round_close, second_round_open, second_round_close,
                            city_review_due, branch_review_due, hq_review_due)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(BATCH, branch, scopeFrom, scopeTo, today.minusDays(30), today.minusDays(7), today.plusDays(21),
                        today.plusDays(60), today.plusDays(120), today.plusDays(28), today.plusDays(35), today.plusDays(42))
                .update();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package cn.gradflow.demo;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.application.ApplicationStarter;
import cn.gradflow.application.StartResult;
import cn.gradflow.batch.Batch;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.batch.Round;
import cn.gradflow.batchflow.BatchFlow;
import cn.gradflow.batchflow.BatchProcess;
import cn.gradflow.security.UnitAuthorizations;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.roster.CourseRule;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.Major;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.RosterWriter;
import cn.gradflow.roster.Student;
import cn.gradflow.roster.Term;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;

/**
 * Seeds the demo (profile {@code demo}, the default on the embedded database): units, majors, about 200 invented
 * students covering every outcome, batch 202601 open today, staff logins, applications for all
 * but the last eight students, and the branches' batch processes.
 * <p>
 * Every start completes what is missing and adds nothing twice: each part is looked up by its own key (unit code,
 * course, major, batch, calendar, city window, student number, photo, login, membership, the
 * student's application, the batch process's business key) and created only when absent, a part of several rows in
 * one transaction. A start killed half-way through seeding is therefore finished by the next one (issue 10: killed
 * during the seed, a demo kept students never started and no batch processes for good); on a complete demo a start
 * changes nothing. Only first creation reads today: calendars, and the exemption dates of new students.
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
    /** HQ; 广东 with two cities and three centres; 生命健康学院 as a branch without a city tier (R-ORG-01). Parents first. */
    private static final List<Unit> UNITS = List.of(
            new Unit("HQ", "国家开放大学（总部）", Tier.HQ, null, null),
            new Unit("GD", "广东开放大学（国开广东分部）", Tier.BRANCH, "HQ", true),
            new Unit("GDGZ", "广州开放大学", Tier.CITY, "GD", null),
            new Unit("GDSG", "韶关开放大学", Tier.CITY, "GD", null),
            new Unit("GDGZ01", "天河学习中心", Tier.LEARNING_CENTER, "GDGZ", null),
            new Unit("GDGZ02", "番禺学习中心", Tier.LEARNING_CENTER, "GDGZ", null),
            new Unit("GDSG01", "浈江学习中心", Tier.LEARNING_CENTER, "GDSG", null),
            // its notice: 学信网缺少录取照片或学历照片的学生不能通过总部、学院毕业审核 (R-ID-02 blocks at the initial audit)
            new Unit("SMJK", "国家开放大学生命健康学院", Tier.BRANCH, "HQ", false, true),
            new Unit("SMJK01", "生命健康学院北京学习中心", Tier.LEARNING_CENTER, "SMJK", null));
    private static final List<String> GD_MAJORS = List.of("GSGL", "KJX", "SCYX", "JSJ", "XZGL", "DZSW");
    private static final List<String> COLLEGE_MAJORS = List.of("JKGL", "GSGL");
    private static final List<String> BACHELOR_MAJORS = List.of("GSGL", "KJX", "SCYX", "JSJ");
    private static final String[] SURNAMES = {"林", "陈", "黄", "周", "吴", "郑", "何", "罗", "梁", "谢", "韩", "唐", "冯", "邓", "曹", "彭"};
    private static final String[] GIVEN = {"晓明", "雨桐", "子轩", "思远", "佳怡", "浩然", "欣悦", "俊杰", "若曦", "志强",
            "梦琪", "宇航", "静怡", "文博", "嘉欣", "天宇", "诗涵", "明轩", "可馨", "博文"};
    private static final String[] ELECTIVES = {"大学英语", "计算机应用基础", "经济数学", "管理学原理", "社会学概论",
            "法律基础", "应用写作", "心理学", "统计学原理", "市场调查", "人力资源管理", "公共关系学", "电子政务",
            "中国近现代史纲要", "思想道德与法治", "习近平新时代中国特色社会主义思想概论"};

    private final RosterRepository units;
    private final RosterWriter roster;
    private final PhotoRepository photos;
    private final TransactionTemplate tx;
    private final IdentityService identity;
    private final BatchRepository batches;
    private final ApplicationStarter starter;
    private final BatchFlow batchFlow;
    private final UnitAuthorizations unitAuthorizations;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final String password;
    private final cn.gradflow.common.SchoolClock clock;

    DemoDataLoader(RosterRepository units, RosterWriter roster, PhotoRepository photos, TransactionTemplate tx, IdentityService identity,
                   BatchRepository batches, ApplicationStarter starter, BatchFlow batchFlow,
                   UnitAuthorizations unitAuthorizations, RuntimeService runtime, HistoryService history,
                   @Value("${gradflow.demo.password}") String password, cn.gradflow.common.SchoolClock clock) {
        this.clock = clock;
        this.runtime = runtime;
        this.history = history;
        this.units = units;
        this.roster = roster;
        this.photos = photos;
        this.tx = tx;
        this.identity = identity;
        this.batches = batches;
        this.starter = starter;
        this.batchFlow = batchFlow;
        this.unitAuthorizations = unitAuthorizations;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        LocalDate today = clock.today();
        Map<String, Integer> created = new LinkedHashMap<>();
        seedUnits(created);
        seedCourses(created);
        seedMajors(created);
        seedBatch(today, created);
        seedStudents(today, created);
        seedStaff(created);
        startApplications(today, created);
        // the branches' batch processes: Cockpit shows each waiting at its next calendar moment
        startBatchProcesses(created);
        if (created.isEmpty()) {
            log.info("Demo data complete: nothing missing");
        } else {
            log.info("Demo data created where missing: {}", created);
        }
    }

    private static void count(Map<String, Integer> created, String part) {
        created.merge(part, 1, Integer::sum);
    }

    private void seedUnits(Map<String, Integer> created) {
        for (Unit unit : UNITS) { // parents first
            if (units.findUnit(unit.code()).isEmpty()) {
                roster.unit(unit);
                count(created, "units");
            }
        }
    }

    /** The courses every major may use: supplementary (补修) courses and electives. */
    private void seedCourses(Map<String, Integer> created) {
        courseIfMissing("BX-GL", "补修：管理学基础", 3, created);
        courseIfMissing("BX-JJ", "补修：经济学基础", 3, created);
        for (int e = 0; e < ELECTIVES.length; e++) {
            courseIfMissing(elective(e), ELECTIVES[e], 4, created);
        }
    }

    private void courseIfMissing(String code, String name, int credits, Map<String, Integer> created) {
        if (!units.courseExists(code)) {
            roster.course(code, name, credits);
            count(created, "courses");
        }
    }

    private void seedMajors(Map<String, Integer> created) {
        major("GSGL", "工商管理", Level.BACHELOR, created, "企业战略管理", "财务管理", "组织行为学");
        major("KJX", "会计学", Level.BACHELOR, created, "中级财务会计", "审计学", "成本会计");
        major("SCYX", "市场营销", Level.BACHELOR, created, "市场营销学", "消费者行为学", "品牌管理");
        major("JSJ", "计算机科学与技术", Level.BACHELOR, created, "数据结构", "操作系统", "数据库原理");
        major("XZGL", "行政管理", Level.JUNIOR, created, "行政管理学", "公共政策概论", "政府经济学");
        major("DZSW", "电子商务", Level.JUNIOR, created, "电子商务概论", "网络营销", "物流管理");
        major("JKGL", "健康管理", Level.JUNIOR, created, "健康管理概论", "营养与膳食", "慢性病管理");
    }

    /** The batch, each branch's calendar (shifted to the day it is first created) and 韶关's narrower window. */
    private void seedBatch(LocalDate today, Map<String, Integer> created) {
        if (batches.findBatch(BATCH).isEmpty()) {
            batches.saveBatch(new Batch(BATCH, "2026年1月毕业批次（演示）", LocalDate.of(2026, 1, 31), LocalDate.of(2026, 1, 20)));
            count(created, "batches");
        }
        // The notices' calendars, shifted so that the demo's first round opened a week ago.
        for (BatchCalendar calendar : List.of(guangdongShaped(today), shandongShaped(today))) {
            if (batches.findCalendar(BATCH, calendar.branchCode()).isEmpty()) {
                tx.executeWithoutResult(s -> batches.saveCalendar(calendar));
                count(created, "calendars");
            }
        }
        if (batches.findCityWindow(BATCH, "GDSG", Round.FIRST).isEmpty()) {
            // the first 12 days of 广东's first round, whichever day that calendar was created
            LocalDate open = batches.findCalendar(BATCH, "GD").orElseThrow().firstRound().open();
            tx.executeWithoutResult(s -> batches.saveCityWindow(BATCH, "GDSG", Round.FIRST,
                    new BatchCalendar.Window(open, open.plusDays(11))));
            count(created, "city windows");
        }
    }

    /** Each student with grades, exemptions and CHSI status in one transaction; the graduation photo on its own. */
    private void seedStudents(LocalDate today, Map<String, Integer> created) {
        byte[] photo = null;
        for (int i = 0; i < STUDENTS; i++) {
            int index = i;
            DemoCase c = DemoCase.forIndex(i);
            String studentNo = studentNo(i);
            if (units.findStudent(studentNo).isEmpty()) {
                tx.executeWithoutResult(s -> student(index, c, today));
                count(created, "students");
            }
            if (c != DemoCase.MISSING_PHOTO && !units.hasGraduationPhoto(studentNo)) {
                photo = photo == null ? DemoPhoto.graduationPhoto() : photo;
                photos.save(studentNo, PhotoRepository.Kind.GRADUATION, photo);
                count(created, "photos");
            }
            comparisonPhotos(i, studentNo, created);
        }
    }

    /**
     * R-PH-03, R-ID-04: a few students get the CHSI academic and admission photos the branch review shows
     * beside the graduation photo. Index 0–3 (one per centre, 林晓明 first) match; index 4 (天河) has another
     * person's academic photo and index 8 (天河) another person's admission photo, for the comparisons
     * that must fail. Everyone else has neither: the review records 无可比对照片.
     */
    private void comparisonPhotos(int i, String studentNo, Map<String, Integer> created) {
        DemoPhoto.Person academic = i <= 3 ? DemoPhoto.Person.STUDENT : i == 4 ? DemoPhoto.Person.SOMEONE_ELSE : null;
        DemoPhoto.Person admission = i <= 3 ? DemoPhoto.Person.STUDENT : i == 8 ? DemoPhoto.Person.SOMEONE_ELSE : null;
        if (academic == null && admission == null) {
            return;
        }
        java.util.Set<PhotoRepository.Kind> stored = photos.kinds(studentNo);
        if (academic != null && !stored.contains(PhotoRepository.Kind.CHSI_ACADEMIC)) {
            photos.save(studentNo, PhotoRepository.Kind.CHSI_ACADEMIC, DemoPhoto.academicPhoto(academic));
            count(created, "photos");
        }
        if (admission != null && !stored.contains(PhotoRepository.Kind.ADMISSION)) {
            photos.save(studentNo, PhotoRepository.Kind.ADMISSION, DemoPhoto.admissionPhoto(admission));
            count(created, "photos");
        }
    }

    private void student(int i, DemoCase c, LocalDate today) {
        String[] centre = CENTRES.get(i % CENTRES.size());
        boolean college = centre[0].startsWith("SMJK");
        String major = c == DemoCase.SUPPLEMENTARY_MISSING || c == DemoCase.NOT_DEGREE_ELIGIBLE ? "GSGL"
                : college ? COLLEGE_MAJORS.get((i / 4) % 2) : GD_MAJORS.get((i / 4) % GD_MAJORS.size());
        boolean bachelor = BACHELOR_MAJORS.contains(major);
        String studentNo = studentNo(i);
        // 生命健康学院's scope (山东-shaped) is open above: its out-of-scope student is one from before 2018春
        String term = switch (c) {
            case EXPIRED -> "201709";
            case OUT_OF_SCOPE -> college ? "201709" : "202409";
            default -> "202303";
        };
        boolean supplementary = c == DemoCase.SUPPLEMENTARY_MISSING || (bachelor && i % 10 == 0);
        roster.student(new Student(studentNo, SURNAMES[i % SURNAMES.length] + GIVEN[(i / SURNAMES.length + i) % GIVEN.length],
                idNumber(i), centre[0], major, Term.parse(term),
                c == DemoCase.ALREADY_GRADUATED ? Student.Status.GRADUATED : Student.Status.ENROLLED,
                bachelor, false, supplementary, bachelor && c != DemoCase.NOT_DEGREE_ELIGIBLE));

        // Required courses, practice, electives: enough credits unless the case says otherwise.
        for (int r = 1; r <= 3; r++) {
            boolean failed = c == DemoCase.FAILED_REQUIRED && r == 2;
            roster.grade(studentNo, major + "-R" + r, failed ? 45 : 78, !failed, LocalDate.of(2024, 7, 5));
        }
        if (c != DemoCase.NO_PRACTICE) {
            roster.grade(studentNo, major + "-P", 82, true,
                    c == DemoCase.LATE_GRADE ? LocalDate.of(2026, 2, 15) : LocalDate.of(2025, 12, 20));
        }
        int electives = c == DemoCase.MISSING_CREDITS ? 8 : 16;
        for (int e = 0; e < electives; e++) {
            roster.grade(studentNo, elective(e), 70 + e, true, LocalDate.of(2024 + e % 2, e % 4 < 2 ? 1 : 7, 10));
        }
        if (supplementary && c != DemoCase.SUPPLEMENTARY_MISSING) {
            roster.grade(studentNo, "BX-GL", 75, true, LocalDate.of(2024, 1, 10));
            roster.grade(studentNo, "BX-JJ", 71, true, LocalDate.of(2024, 1, 10));
        }
        // R-EL-05: bars 176–178 (广东, cut-off); 179 is 生命健康学院's, whose calendar has none, so it counts
        if (c == DemoCase.LATE_EXEMPTION) {
            roster.exemption(studentNo, elective(15), today.minusDays(5));
        } else if (i % 7 == 0) {
            roster.exemption(studentNo, elective(14), today.minusDays(200));
        }
        roster.chsiStatus(studentNo, new ChsiStatus(c == DemoCase.IDENTITY_DOUBTFUL, true,
                c != DemoCase.NO_CHSI_ACADEMIC_PHOTO, false));
    }

    /** Each unit's group and standing grants, each login, each login's membership of its unit. */
    private void seedStaff(Map<String, Integer> created) {
        unitAuthorizations.ensureAllUnits();
        for (DemoStaff staff : DemoStaff.ALL) {
            if (identity.createUserQuery().userId(staff.userId()).count() == 0) {
                User user = identity.newUser(staff.userId());
                user.setFirstName(staff.firstName());
                user.setLastName(staff.lastName());
                user.setPassword(password);
                user.setEmail(staff.userId() + "@demo.gradflow.invalid");
                identity.saveUser(user);
                count(created, "logins");
            }
            if (identity.createUserQuery().userId(staff.userId()).memberOfGroup(staff.unitCode()).count() == 0) {
                identity.createMembership(staff.userId(), staff.unitCode());
                count(created, "memberships");
            }
        }
    }

    /** Every demo student but the last eight gets an application, unless it has one (the row and instance commit together). */
    private void startApplications(LocalDate today, Map<String, Integer> created) {
        Batch batch = batches.findBatch(BATCH).orElseThrow();
        Map<StartResult.Outcome, Integer> outcomes = new EnumMap<>(StartResult.Outcome.class);
        for (int i = 0; i < STUDENTS; i++) {
            if (DemoCase.forIndex(i) != DemoCase.ELIGIBLE_NOT_STARTED) {
                outcomes.merge(starter.start(batch, studentNo(i), today).result(), 1, Integer::sum);
            }
        }
        int started = outcomes.getOrDefault(StartResult.Outcome.STARTED, 0);
        if (started > 0) {
            created.put("applications", started);
            log.info("Demo applications started: {} (the job executor runs their checks now)", started);
        }
        outcomes.remove(StartResult.Outcome.STARTED);
        outcomes.remove(StartResult.Outcome.ALREADY_EXISTS);
        if (!outcomes.isEmpty()) {
            log.warn("Demo applications not started: {}", outcomes);
        }
    }

    /**
     * Each branch's batch process (and the expiry clean-up beside it), unless one was ever started for the branch:
     * a finished one is not missing. {@code startOrReplan} starts what does not run and re-reads the unchanged
     * calendar into the timers of what does.
     */
    private void startBatchProcesses(Map<String, Integer> created) {
        for (String branch : List.of("GD", "SMJK")) {
            String businessKey = BatchProcess.businessKey(BATCH, branch);
            boolean expiryDated = batches.findCalendar(BATCH, branch).orElseThrow().expiryCleanupDate() != null;
            if (neverStarted(BatchProcess.KEY, businessKey) || expiryDated && neverStarted(BatchProcess.EXPIRY_KEY, businessKey)) {
                batchFlow.startOrReplan(BATCH, branch);
                count(created, "batch processes");
            }
        }
    }

    private boolean neverStarted(String processKey, String businessKey) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(businessKey).count() == 0
                && history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
                        .processInstanceBusinessKey(businessKey).count() == 0;
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

    /**
     * A major with three required courses and its practice component (毕业论文 / 综合实践), and for a bachelor
     * major the supplementary courses (R-EL-04): all in one transaction, so a major is there whole or not at all.
     */
    private void major(String code, String name, Level level, Map<String, Integer> created, String... required) {
        if (units.findMajor(code).isPresent()) {
            return;
        }
        tx.executeWithoutResult(s -> {
            roster.major(new Major(code, name, level, level == Level.BACHELOR ? 71 : 76, level == Level.BACHELOR));
            for (int r = 0; r < required.length; r++) {
                courseIfMissing(code + "-R" + (r + 1), required[r], 4, created);
                roster.majorCourse(code, code + "-R" + (r + 1), CourseRule.Kind.REQUIRED);
            }
            courseIfMissing(code + "-P", level == Level.BACHELOR ? name + "毕业论文" : name + "综合实践", 6, created);
            roster.majorCourse(code, code + "-P", CourseRule.Kind.PRACTICE);
            if (BACHELOR_MAJORS.contains(code)) {
                roster.majorCourse(code, "BX-GL", CourseRule.Kind.SUPPLEMENTARY);
                roster.majorCourse(code, "BX-JJ", CourseRule.Kind.SUPPLEMENTARY);
            }
        });
        count(created, "majors");
    }

    /**
     * 广东 202401 (R-BA-03): first round 12/06–12/20, exemption cut-off 12/13, re-check requests by
     * 3/1, 合作 materials by 3/4, second round 3/4–4/11 in phases 专升本 3/4–3/12, others 3/13–3/26,
     * make-up 4/3–4/11, clean-up from 4/16, statistics by 4/25 — moved so 12/06 falls a week ago.
     */
    private static BatchCalendar guangdongShaped(LocalDate today) {
        java.util.function.Function<LocalDate, LocalDate> shift = openedAWeekAgo(LocalDate.of(2023, 12, 6), today);
        return new BatchCalendar(BATCH, "GD", Term.parse("201803"), Term.parse("202403"),
                shift.apply(LocalDate.of(2023, 12, 13)),
                window(shift, LocalDate.of(2023, 12, 6), LocalDate.of(2023, 12, 20)),
                window(shift, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 4, 11)),
                window(shift, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 12)),
                window(shift, LocalDate.of(2024, 3, 13), LocalDate.of(2024, 3, 26)),
                window(shift, LocalDate.of(2024, 4, 3), LocalDate.of(2024, 4, 11)),
                shift.apply(LocalDate.of(2023, 12, 27)), shift.apply(LocalDate.of(2024, 1, 3)),
                shift.apply(LocalDate.of(2024, 1, 10)), shift.apply(LocalDate.of(2024, 3, 1)),
                shift.apply(LocalDate.of(2024, 3, 4)), shift.apply(LocalDate.of(2024, 4, 25)),
                shift.apply(LocalDate.of(2024, 4, 16)), 3);
    }

    /**
     * 山东 202601 (R-BA-04): scope 2018春 and later with no upper bound and no exemption cut-off (the
     * notice names none, R-BA-02, R-EL-05), first round 2025-12-08–12-19, second round after the autumn
     * results to 2026-03-31 and then closed for good, no phases; clean-up mid/late April — moved likewise.
     */
    private static BatchCalendar shandongShaped(LocalDate today) {
        java.util.function.Function<LocalDate, LocalDate> shift = openedAWeekAgo(LocalDate.of(2025, 12, 8), today);
        return new BatchCalendar(BATCH, "SMJK", Term.parse("201803"), null, null,
                window(shift, LocalDate.of(2025, 12, 8), LocalDate.of(2025, 12, 19)),
                window(shift, LocalDate.of(2026, 2, 2), LocalDate.of(2026, 3, 31)),
                null, null, null,
                shift.apply(LocalDate.of(2025, 12, 26)), shift.apply(LocalDate.of(2026, 1, 5)),
                shift.apply(LocalDate.of(2026, 1, 12)), null, null, shift.apply(LocalDate.of(2026, 4, 25)),
                shift.apply(LocalDate.of(2026, 4, 20)), 3);
    }

    /** Moves a notice's dates so that its first-round opening day falls a week before today. */
    private static java.util.function.Function<LocalDate, LocalDate> openedAWeekAgo(LocalDate firstRoundOpen, LocalDate today) {
        return d -> today.minusDays(7).plusDays(java.time.temporal.ChronoUnit.DAYS.between(firstRoundOpen, d));
    }

    private static BatchCalendar.Window window(java.util.function.Function<LocalDate, LocalDate> shift,
                                               LocalDate open, LocalDate close) {
        return new BatchCalendar.Window(shift.apply(open), shift.apply(close));
    }
}

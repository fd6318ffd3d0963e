package cn.gradflow.testing;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.photo.PhotoRepository;
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
import cn.gradflow.security.UnitAuthorizations;

/**
 * Test data through the application's own writers: both chain shapes (广东 with cities, a
 * college without), two majors, batch 202601 open today, staff per unit, and students made
 * eligible by default and spoiled by the test that needs it.
 */
@Component
public class TestRoster {

    @org.springframework.beans.factory.annotation.Autowired
    private cn.gradflow.common.SchoolClock clock;

    public static final String BATCH = "202601";
    public static final String PASSWORD = "test-secret";
    /** Learning centres: two under city GDGZ, one under city GDSG, one under the college SMJK. */
    public static final String LC_A = "GDGZ01";
    public static final String LC_B = "GDGZ02";
    public static final String LC_OTHER_CITY = "GDSG01";
    public static final String LC_COLLEGE = "SMJK01";
    public static final String BATCH_TEST_BRANCH = "TB";
    public static final String LC_BATCH_TEST = "TB01";
    /** A branch with a city tier of its own for the batch tests that run a batch to its end (its close ends its cases). */
    public static final String BATCH_TEST_CITY_BRANCH = "TC";
    public static final String BATCH_TEST_CITY = "TCS";
    public static final String LC_BATCH_TEST_CITY = "TCS01";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final RosterWriter roster;
    private final PhotoRepository photos;
    private final RosterRepository units;
    private final BatchRepository batches;
    private final IdentityService identity;
    private final TransactionTemplate tx;
    private final UnitAuthorizations unitAuthorizations;

    TestRoster(RosterWriter roster, PhotoRepository photos, RosterRepository units, BatchRepository batches, IdentityService identity,
               TransactionTemplate tx, UnitAuthorizations unitAuthorizations) {
        this.unitAuthorizations = unitAuthorizations;
        this.roster = roster;
        this.photos = photos;
        this.units = units;
        this.batches = batches;
        this.identity = identity;
        this.tx = tx;
    }

    /** Units, majors, batch and staff; once per database. */
    public synchronized void ensureBase() {
        if (units.findUnit("HQ").isPresent()) {
            return;
        }
        tx.executeWithoutResult(s -> {
            unit("HQ", "总部", Tier.HQ, null, null, "hq1");
            unit("GD", "广东分部", Tier.BRANCH, "HQ", true, "gd1");
            unit("GDGZ", "广州分校", Tier.CITY, "GD", null, "gz1");
            unit("GDSG", "韶关分校", Tier.CITY, "GD", null, "sg1");
            unit(LC_A, "天河学习中心", Tier.LEARNING_CENTER, "GDGZ", null, "th1");
            unit(LC_B, "番禺学习中心", Tier.LEARNING_CENTER, "GDGZ", null, "py1");
            unit(LC_OTHER_CITY, "浈江学习中心", Tier.LEARNING_CENTER, "GDSG", null, "zj1");
            unit("SMJK", "生命健康学院", Tier.BRANCH, "HQ", false, "smjk1");
            roster.chsiPhotoRule("SMJK", true); // as the demo: R-ID-02 blocks at the college's initial audit
            unit(LC_COLLEGE, "学院学习中心", Tier.LEARNING_CENTER, "SMJK", null, "bj1");
            // a branch of its own for the batch-calendar tests, whose sweeps close its cases
            unit(BATCH_TEST_BRANCH, "日历测试分部", Tier.BRANCH, "HQ", false, "tb1");
            unit(LC_BATCH_TEST, "日历测试学习中心", Tier.LEARNING_CENTER, BATCH_TEST_BRANCH, null, "tblc1");
            unit(BATCH_TEST_CITY_BRANCH, "日历测试分部（含分校）", Tier.BRANCH, "HQ", true, "tc1");
            unit(BATCH_TEST_CITY, "日历测试分校", Tier.CITY, BATCH_TEST_CITY_BRANCH, null, "tcs1");
            unit(LC_BATCH_TEST_CITY, "日历测试分校学习中心", Tier.LEARNING_CENTER, BATCH_TEST_CITY, null, "tcslc1");
            major("GSGL", "工商管理", Level.BACHELOR);
            major("XZGL", "行政管理", Level.JUNIOR);
            major("KJX", "会计学", Level.BACHELOR); // R-EL-08: 合作学位 in 首批 only
            batches.saveBatch(new Batch(BATCH, "测试批次", LocalDate.of(2026, 1, 31), LocalDate.of(2026, 1, 20)));
            LocalDate today = clock.today();
            for (String branch : new String[] {"GD", "SMJK", BATCH_TEST_BRANCH, BATCH_TEST_CITY_BRANCH}) {
                batches.saveCalendar(BatchCalendar.of(BATCH, branch, Term.parse("201803"), Term.parse("202403"),
                        today.minusDays(30), new BatchCalendar.Window(today.minusDays(5), today.plusDays(20)),
                        new BatchCalendar.Window(today.plusDays(30), today.plusDays(60)), today.plusDays(25),
                        today.plusDays(30), today.plusDays(35)));
            }
        });
        unitAuthorizations.ensureAllUnits();
    }

    /** The province-scale branch: two cities with a centre each, its own calendar; once per database. */
    public static final String SCALE_BRANCH = "PS";
    public static final String SCALE_LATER_BATCH = "202607";

    public synchronized void ensureScaleBranch() {
        ensureBase();
        if (units.findUnit(SCALE_BRANCH).isPresent()) {
            return;
        }
        tx.executeWithoutResult(s -> {
            unit(SCALE_BRANCH, "规模测试分部", Tier.BRANCH, "HQ", true, "ps1");
            unit("PSA", "规模测试甲分校", Tier.CITY, SCALE_BRANCH, null, "psa1");
            unit("PSB", "规模测试乙分校", Tier.CITY, SCALE_BRANCH, null, "psb1");
            unit("PSA01", "规模测试甲学习中心", Tier.LEARNING_CENTER, "PSA", null, "psa01");
            unit("PSB01", "规模测试乙学习中心", Tier.LEARNING_CENTER, "PSB", null, "psb01");
            if (batches.findBatch(SCALE_LATER_BATCH).isEmpty()) {
                batches.saveBatch(new Batch(SCALE_LATER_BATCH, "测试后续批次", LocalDate.of(2026, 7, 31), LocalDate.of(2026, 7, 20)));
            }
            LocalDate today = clock.today();
            for (String batch : new String[] {BATCH, SCALE_LATER_BATCH}) {
                batches.saveCalendar(BatchCalendar.of(batch, SCALE_BRANCH, Term.parse("201803"), Term.parse("202403"),
                        today.minusDays(30), new BatchCalendar.Window(today.minusDays(5), today.plusDays(20)),
                        new BatchCalendar.Window(today.plusDays(30), today.plusDays(60)), today.plusDays(25),
                        today.plusDays(30), today.plusDays(35)));
            }
        });
        unitAuthorizations.ensureAllUnits();
    }

    /** A branch whose application windows have all closed (R-BA-04), with one centre and its clerk; once per database. */
    public static final String CLOSED_WINDOW_BRANCH = "CW";
    public static final String LC_CLOSED_WINDOW = "CW01";

    public synchronized void ensureClosedWindowBranch() {
        ensureBase();
        if (units.findUnit(CLOSED_WINDOW_BRANCH).isPresent()) {
            return;
        }
        tx.executeWithoutResult(s -> {
            unit(CLOSED_WINDOW_BRANCH, "窗口已关闭分部", Tier.BRANCH, "HQ", false, "cw1");
            unit(LC_CLOSED_WINDOW, "窗口已关闭学习中心", Tier.LEARNING_CENTER, CLOSED_WINDOW_BRANCH, null, "cw01");
            LocalDate today = clock.today();
            batches.saveCalendar(BatchCalendar.of(BATCH, CLOSED_WINDOW_BRANCH, Term.parse("201803"), Term.parse("202403"),
                    today.minusDays(90), new BatchCalendar.Window(today.minusDays(60), today.minusDays(40)),
                    new BatchCalendar.Window(today.minusDays(30), today.minusDays(20)), today.plusDays(25),
                    today.plusDays(30), today.plusDays(35)));
        });
        unitAuthorizations.ensureAllUnits();
    }

    /** The exports' branch (issue 12): cities EXA (centres EXA01, EXA02) and EXB (EXB01), batch 202501; once per database. */
    public static final String EXPORT_BRANCH = "EX";
    public static final String EXPORT_BATCH = "202501";

    public synchronized void ensureExportBranch() {
        ensureBase();
        if (units.findUnit(EXPORT_BRANCH).isPresent()) {
            return;
        }
        tx.executeWithoutResult(s -> {
            unit(EXPORT_BRANCH, "导出测试分部", Tier.BRANCH, "HQ", true, "ex1");
            unit("EXA", "导出测试甲分校", Tier.CITY, EXPORT_BRANCH, null, "exa1");
            unit("EXB", "导出测试乙分校", Tier.CITY, EXPORT_BRANCH, null, "exb1");
            unit("EXA01", "导出测试甲一学习中心", Tier.LEARNING_CENTER, "EXA", null, "exa01");
            unit("EXA02", "导出测试甲二学习中心", Tier.LEARNING_CENTER, "EXA", null, "exa02");
            unit("EXB01", "导出测试乙一学习中心", Tier.LEARNING_CENTER, "EXB", null, "exb01");
            if (batches.findBatch(EXPORT_BATCH).isEmpty()) {
                batches.saveBatch(new Batch(EXPORT_BATCH, "导出测试批次", LocalDate.of(2025, 1, 31), LocalDate.of(2025, 1, 20)));
            }
        });
        unitAuthorizations.ensureAllUnits();
    }

    /** A new eligible student of the centre: all courses passed, photo on the platform, CHSI clean. */
    public String eligibleStudent(String learningCenter, String majorCode) {
        return student(learningCenter, majorCode, true, "202303");
    }

    /** Eligible but for when the student enrolled (YYYYMM). */
    public String studentEnrolledIn(String learningCenter, String term) {
        return student(learningCenter, "XZGL", true, term);
    }

    /** Eligible but for the graduation photo (R-EL-06/R-PH-01). */
    public String studentWithoutPhoto(String learningCenter) {
        return student(learningCenter, "XZGL", false, "202303");
    }

    /** Eligible, and continuing to a bachelor's (专科续读本科, R-BA-08). */
    public String continuingStudent(String learningCenter) {
        return student(learningCenter, "XZGL", true, "202303", true);
    }

    private String student(String learningCenter, String majorCode, boolean photo, String term) {
        return student(learningCenter, majorCode, photo, term, false);
    }

    private String student(String learningCenter, String majorCode, boolean photo, String term, boolean continuing) {
        int n = SEQUENCE.incrementAndGet();
        String studentNo = "9" + learningCenter.substring(learningCenter.length() - 2) + String.format("%010d", n);
        tx.executeWithoutResult(s -> {
            boolean bachelor = majorCode.equals("GSGL") || majorCode.equals("KJX");
            roster.student(new Student(studentNo, "测试" + n, String.format("T%017d", n), learningCenter, majorCode,
                    Term.parse(term), Student.Status.ENROLLED, bachelor, continuing, false, bachelor));
            roster.grade(studentNo, majorCode + "-R1", 80, true, LocalDate.of(2025, 6, 1));
            roster.grade(studentNo, majorCode + "-P", 85, true, LocalDate.of(2025, 12, 1));
            if (photo) {
                addGraduationPhoto(studentNo);
            }
            roster.chsiStatus(studentNo, new ChsiStatus(false, true, true, false));
        });
        return studentNo;
    }

    /** A branch of the bulk page's browser test alone (no city tier), its centre and clerk, batch 202601 open; once per database. */
    public static final String BULK_PAGE_BRANCH = "BP";
    public static final String LC_BULK_PAGE = "BP01";
    public static final String BULK_PAGE_CLERK = "bp01";

    public synchronized void ensureBulkPageBranch() {
        ensureBase();
        if (units.findUnit(BULK_PAGE_BRANCH).isPresent()) {
            return;
        }
        tx.executeWithoutResult(s -> {
            unit(BULK_PAGE_BRANCH, "批量页面测试分部", Tier.BRANCH, "HQ", false, "bp1");
            unit(LC_BULK_PAGE, "批量页面测试学习中心", Tier.LEARNING_CENTER, BULK_PAGE_BRANCH, null, BULK_PAGE_CLERK);
            LocalDate today = clock.today();
            batches.saveCalendar(BatchCalendar.of(BATCH, BULK_PAGE_BRANCH, Term.parse("201803"), Term.parse("202403"),
                    today.minusDays(30), new BatchCalendar.Window(today.minusDays(5), today.plusDays(20)),
                    new BatchCalendar.Window(today.plusDays(30), today.plusDays(60)), today.plusDays(25),
                    today.plusDays(30), today.plusDays(35)));
        });
        unitAuthorizations.ensureAllUnits();
    }

    /** Acts as the staff member, with their units as groups, the way the webapps and REST authenticate. */
    public void authenticate(String userId) {
        identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList());
    }

    public void chsi(String studentNo, ChsiStatus status) {
        roster.chsiStatus(studentNo, status);
    }

    /** A course exemption application (免修免考, R-EL-05) filed on the day. */
    public void exemption(String studentNo, LocalDate filedOn) {
        roster.exemption(studentNo, "XZGL-R1", filedOn);
    }

    public void addGraduationPhoto(String studentNo) {
        photos.save(studentNo, PhotoRepository.Kind.GRADUATION, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 9});
    }

    private void unit(String code, String name, Tier tier, String parent, Boolean cityTier, String staff) {
        roster.unit(new Unit(code, name, tier, parent, cityTier));
        org.camunda.bpm.engine.identity.Group group = identity.newGroup(code);
        group.setName(name); // as UnitAuthorizations names a unit's group
        identity.saveGroup(group);
        User user = identity.newUser(staff);
        user.setPassword(PASSWORD);
        // as the staff import names them (the webapps' header shows "null null" for a user without a name)
        user.setFirstName("");
        user.setLastName("经办人");
        identity.saveUser(user);
        identity.createMembership(staff, code);
    }

    /** Needs 10 credits: one required course (4) and the practice component (6). */
    private void major(String code, String name, Level level) {
        roster.major(new Major(code, name, level, 10, level == Level.BACHELOR));
        roster.course(code + "-R1", name + "必修课", 4);
        roster.majorCourse(code, code + "-R1", CourseRule.Kind.REQUIRED);
        roster.course(code + "-P", name + "毕业论文", 6);
        roster.majorCourse(code, code + "-P", CourseRule.Kind.PRACTICE);
    }
}

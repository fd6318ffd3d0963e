package cn.gradflow.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.gradflow.roster.CourseRule;
import cn.gradflow.roster.Grade;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.Student;
import cn.gradflow.roster.Term;

/**
 * Graduation conditions (DOMAIN.md §4, R-EL-01…07) and the photo precondition (R-EL-06 /
 * R-PH-01). Pure functions of {@link CaseFacts}: no engine, no database.
 */
public final class EligibilityChecks {

    /** R-EL-02: a student's status is valid for eight years from enrolment. */
    public static final int STATUS_VALID_YEARS = 8;

    private EligibilityChecks() {
    }

    public static List<Finding> check(CaseFacts facts) {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(alreadyGraduated(facts));
        findings.addAll(enrolmentInScope(facts));
        findings.addAll(statusValid(facts));
        findings.addAll(majorRules(facts));
        findings.addAll(supplementaryCourses(facts));
        findings.addAll(lateExemption(facts));
        findings.addAll(graduationPhoto(facts));
        return findings;
    }

    /**
     * R-EL-01: the enrolment term lies inside the branch's scope for this batch; a scope open on one
     * side (山东 202601: 2018春及以后; 生命健康 202307: 2021春及以前) has no bound there. The 8-year
     * validity (R-EL-02) still applies below an open lower bound.
     */
    static List<Finding> enrolmentInScope(CaseFacts facts) {
        Term term = facts.student().enrolmentTerm();
        if (!facts.calendar().inScope(term)) {
            return List.of(Finding.blocking("R-EL-01", "ENROLMENT_OUT_OF_SCOPE", "入学学期不在本批次毕业审核范围内",
                    "入学 " + term.label() + "，本批次范围 " + facts.calendar().describeScope()));
        }
        return List.of();
    }

    /**
     * R-EL-02: valid through the last batch before the eighth anniversary of enrolment, by term:
     * 2018春 (201803) is valid for batch 202601, not for 202607. Past it the status ends by itself.
     */
    static List<Finding> statusValid(CaseFacts facts) {
        Student student = facts.student();
        Term expires = student.enrolmentTerm().plusYears(STATUS_VALID_YEARS);
        if (student.status() == Student.Status.TERMINATED) {
            return List.of(Finding.blocking("R-EL-02", "STATUS_TERMINATED", "学籍已终止，不能申请毕业", "学籍状态：" + student.status().label()));
        }
        if (!facts.batch().term().isBefore(expires)) {
            return List.of(Finding.blocking("R-EL-02", "STATUS_EXPIRED", "学籍已超过8年有效期，不能延长，须在学籍清理中终止",
                    "入学 " + student.enrolmentTerm().label() + "，有效期至 " + expires.label()
                            + " 之前，本批次 " + facts.batch().code()));
        }
        return List.of();
    }

    /**
     * R-EL-03: credits, required courses and the practice component, counting only passed exams on
     * or before the batch's grade cut-off.
     */
    static List<Finding> majorRules(CaseFacts facts) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Grade> passed = passedByCutoff(facts);
        int credits = passed.values().stream().mapToInt(Grade::credits).sum();
        int minimum = facts.major().minCredits();
        if (credits < minimum) {
            findings.add(Finding.blocking("R-EL-03", "CREDITS_SHORT", "总学分未达到专业最低毕业学分",
                    "截至 " + facts.batch().gradeCutoff() + " 已获 " + credits + " 学分，需 " + minimum + " 学分"));
        }
        for (CourseRule rule : facts.courseRules()) {
            if (rule.kind() == CourseRule.Kind.SUPPLEMENTARY || passed.containsKey(rule.courseCode())) {
                continue;
            }
            findings.add(Finding.blocking("R-EL-03", rule.kind().name() + "_COURSE_MISSING", rule.kind().label() + "未通过：" + rule.courseName(),
                    missingEvidence(facts, rule)));
        }
        return findings;
    }

    /** R-EL-04: bachelor students whose programme requires supplementary courses must pass them. */
    static List<Finding> supplementaryCourses(CaseFacts facts) {
        if (facts.major().level() != Level.BACHELOR || !facts.student().supplementaryRequired()) {
            return List.of();
        }
        Map<String, Grade> passed = passedByCutoff(facts);
        return facts.courseRules().stream()
                .filter(rule -> rule.kind() == CourseRule.Kind.SUPPLEMENTARY)
                .filter(rule -> !passed.containsKey(rule.courseCode()))
                .map(rule -> Finding.blocking("R-EL-04", "SUPPLEMENTARY_COURSE_MISSING", "补修课未通过：" + rule.courseName() + "，本学期不能毕业",
                        missingEvidence(facts, rule)))
                .toList();
    }

    /**
     * R-EL-05: an exemption application filed after the branch's cut-off bars this batch. Where the
     * branch's notice names no cut-off (山东 202601, 生命健康 202307) the calendar has none and every
     * exemption filed before the check counts.
     */
    static List<Finding> lateExemption(CaseFacts facts) {
        return facts.exemptions().stream()
                .filter(e -> facts.calendar().exemptionTooLate(e.filedOn()))
                .map(e -> Finding.blocking("R-EL-05", "LATE_EXEMPTION", "免修免考申请晚于截止日期，不能参加本批次毕业审核",
                        "课程 " + e.courseCode() + " 申请于 " + e.filedOn() + "，截止 " + facts.calendar().exemptionCutoff()))
                .toList();
    }

    /**
     * R-EL-06 / R-PH-01 (one rule, two ids; the finding carries both): no graduation photo on the
     * platform, not in the initial list and no application (广东 四(一)2; 生命健康 四2(2)).
     */
    static List<Finding> graduationPhoto(CaseFacts facts) {
        if (facts.hasGraduationPhoto()) {
            return secondRoundPhotoOnTime(facts);
        }
        return List.of(Finding.blocking(Finding.GRADUATION_PHOTO_RULE, "GRADUATION_PHOTO_MISSING", "平台无毕业照片，不能进入初审名单，不能提交毕业申请",
                "学号 " + facts.student().studentNo() + " 未上传毕业照片"));
    }

    /**
     * R-EL-06/R-PH-01, 生命健康 202307: "第二批毕业生学历照片采集工作须在 8 月 30 日前完成 … 未提交的学生将不能进入本批毕业
     * 初审名单". A second-round case whose photo reached the platform after the calendar's {@code secondRoundPhotoDue}
     * is blocked for this batch ({@link cn.gradflow.batch.BatchCalendar#photoTooLate}).
     */
    static List<Finding> secondRoundPhotoOnTime(CaseFacts facts) {
        if (!facts.calendar().photoTooLate(facts.round(), facts.graduationPhotoUploadedOn())) {
            return List.of();
        }
        return List.of(Finding.blocking(Finding.GRADUATION_PHOTO_RULE, "GRADUATION_PHOTO_LATE",
                "第二批毕业照片须在 " + facts.calendar().secondRoundPhotoDue() + " 前（含当日）提交至平台，逾期提交的学生不能进入本批毕业初审名单",
                "毕业照片提交于 " + facts.graduationPhotoUploadedOn()));
    }

    /** R-EL-07: not already graduated in this major; a registration number is never undone. */
    static List<Finding> alreadyGraduated(CaseFacts facts) {
        if (facts.student().status() == Student.Status.GRADUATED) {
            return List.of(Finding.blocking("R-EL-07", "ALREADY_GRADUATED", "该生已在本专业毕业，不能重复申请",
                    "学籍状态：" + facts.student().status().label()));
        }
        return List.of();
    }

    /** Passed grades that count: exam on or before the cut-off; the latest passing attempt wins. */
    private static Map<String, Grade> passedByCutoff(CaseFacts facts) {
        Map<String, Grade> passed = new LinkedHashMap<>();
        for (Grade grade : facts.grades()) {
            if (grade.passed() && !grade.examDate().isAfter(facts.batch().gradeCutoff())) {
                passed.put(grade.courseCode(), grade);
            }
        }
        return passed;
    }

    private static String missingEvidence(CaseFacts facts, CourseRule rule) {
        Set<String> late = facts.grades().stream()
                .filter(g -> g.courseCode().equals(rule.courseCode()) && g.passed()
                        && g.examDate().isAfter(facts.batch().gradeCutoff()))
                .map(g -> g.examDate().toString())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!late.isEmpty()) {
            return "考试日期 " + String.join("、", late) + " 晚于成绩截止日期 " + facts.batch().gradeCutoff() + "，不计入";
        }
        return "课程 " + rule.courseCode() + " 无合格成绩";
    }
}

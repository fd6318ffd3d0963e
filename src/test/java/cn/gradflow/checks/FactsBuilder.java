package cn.gradflow.checks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.Round;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.roster.CourseRule;
import cn.gradflow.roster.Exemption;
import cn.gradflow.roster.Grade;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.Major;
import cn.gradflow.roster.Student;
import cn.gradflow.roster.Term;

/** An eligible bachelor student in batch 202601 (grade cut-off 2026-01-31), to be spoiled one fact at a time. */
final class FactsBuilder {

    static final LocalDate CUTOFF = LocalDate.of(2026, 1, 31);
    static final LocalDate EXEMPTION_CUTOFF = LocalDate.of(2025, 12, 13);

    String term = "202303";
    Student.Status status = Student.Status.ENROLLED;
    boolean supplementaryRequired = false;
    boolean degreeEligible = true;
    Level level = Level.BACHELOR;
    String majorName = "工商管理";
    boolean degreeAvailable = true;
    int minCredits = 22;
    String batchCode = "202601";
    /** The branch calendar's scope and exemption cut-off; null is an open side / no cut-off (R-BA-02, R-EL-05). */
    String scopeFrom = "201803";
    String scopeTo = "202403";
    LocalDate exemptionCutoff = EXEMPTION_CUTOFF;
    final List<Grade> grades = new ArrayList<>(List.of(
            grade("R1", true, LocalDate.of(2025, 6, 1), 4),
            grade("P", true, LocalDate.of(2025, 12, 1), 6),
            grade("E1", true, LocalDate.of(2024, 6, 1), 4),
            grade("E2", true, LocalDate.of(2024, 6, 1), 4),
            grade("E3", true, LocalDate.of(2024, 6, 1), 4)));
    final List<Exemption> exemptions = new ArrayList<>();
    boolean photo = true;
    /** The case's round, the day its photo came and the calendar's second-round photo deadline (R-EL-06/R-PH-01). */
    Round round = Round.FIRST;
    LocalDate photoUploadedOn = LocalDate.of(2025, 11, 1);
    LocalDate secondRoundPhotoDue;
    ChsiStatus chsi = new ChsiStatus(false, true, true, false);
    ApplicationChoice choice;

    static Grade grade(String course, boolean passed, LocalDate examDate, int credits) {
        return new Grade(course, "课程" + course, BigDecimal.valueOf(passed ? 75 : 40), passed, examDate, credits);
    }

    /** Applies for what a signed letter, if any, wishes (R-EL-09: the application matches the letter). */
    FactsBuilder apply(ApplicationChoice.Kind kind, ApplicationChoice.DegreeType type, boolean letter, Round round) {
        boolean wishes = letter && kind != ApplicationChoice.Kind.DEFERRED;
        return apply(kind, type, letter, wishes ? kind : null,
                wishes && kind == ApplicationChoice.Kind.GRADUATION_DEGREE ? type : null, round);
    }

    FactsBuilder apply(ApplicationChoice.Kind kind, ApplicationChoice.DegreeType type, boolean letter,
                       ApplicationChoice.Kind letterKind, ApplicationChoice.DegreeType letterType, Round round) {
        choice = new ApplicationChoice(kind, type, letter, letterKind, letterType, round);
        return this;
    }

    CaseFacts build() {
        Student student = new Student("2440100000001", "测试学生", "440106199001011234", "GDGZ01", "M", Term.parse(term),
                status, level == Level.BACHELOR, false, supplementaryRequired, degreeEligible);
        Major major = new Major("M", majorName, level, minCredits, degreeAvailable);
        List<CourseRule> rules = List.of(
                new CourseRule("R1", "企业战略管理", 4, CourseRule.Kind.REQUIRED),
                new CourseRule("P", "毕业论文", 6, CourseRule.Kind.PRACTICE),
                new CourseRule("BX", "补修：管理学基础", 3, CourseRule.Kind.SUPPLEMENTARY));
        Batch batch = new Batch(batchCode, "测试批次", CUTOFF, LocalDate.of(2026, 1, 20));
        BatchCalendar calendar = BatchCalendar.of(batchCode, "GD", scopeFrom == null ? null : Term.parse(scopeFrom),
                scopeTo == null ? null : Term.parse(scopeTo), exemptionCutoff, new BatchCalendar.Window(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 20)),
                new BatchCalendar.Window(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)),
                LocalDate.of(2026, 4, 5), LocalDate.of(2026, 4, 10), LocalDate.of(2026, 4, 20))
                .withSecondRoundPhotoDue(secondRoundPhotoDue);
        return new CaseFacts(student, major, rules, grades, exemptions, photo, chsi, batch, calendar, choice, round,
                photo ? photoUploadedOn : null);
    }
}

package cn.gradflow.checks;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.gradflow.batch.Round;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.Student;

import static cn.gradflow.checks.FactsBuilder.grade;
import static org.assertj.core.api.Assertions.assertThat;

class EligibilityChecksTest {

    @Test
    void eligibleStudentHasNoFinding() {
        assertThat(EligibilityChecks.check(new FactsBuilder().build())).isEmpty();
    }

    @ParameterizedTest(name = "R-EL-01 入学 {0}（范围 201803–202403）→ 在范围内 {1}")
    @CsvSource({"201803, true", "201709, false", "202403, true", "202409, false", "202009, true"})
    void enrolmentScope(String term, boolean inScope) {
        FactsBuilder f = new FactsBuilder();
        f.term = term;
        assertThat(rules(EligibilityChecks.enrolmentInScope(f.build()))).isEqualTo(inScope ? List.of() : List.of("R-EL-01"));
    }

    /**
     * R-EL-01 with a scope open on one side, as the notices give it (R-BA-02): 山东 202601 "2018春及以后"
     * (no upper bound), 生命健康 202307 "2021春及以前" (no lower bound); '' is the open side.
     */
    @ParameterizedTest(name = "R-EL-01 入学 {0}（范围 {1}–{2}）→ 在范围内 {3}，依据 {4}")
    @CsvSource({
            "201803, 201803, '', true, 2018春及以后",     // 山东: the lower bound itself
            "201709, 201803, '', false, 2018春及以后",    // ... one term before it
            "202509, 201803, '', true, 2018春及以后",     // ... no upper bound
            "209909, 201803, '', true, 2018春及以后",
            "202103, '', 202103, true, 2021春及以前",     // 生命健康: the upper bound itself
            "202109, '', 202103, false, 2021春及以前",    // ... one term after it
            "201003, '', 202103, true, 2021春及以前",     // ... no lower bound (R-EL-02 is its own check)
            "201603, 201603, 202109, true, 2016春–2021秋", // 广东: both bounds
            "202203, 201603, 202109, false, 2016春–2021秋"})
    void enrolmentScopeOpenOnOneSide(String term, String from, String to, boolean inScope, String scope) {
        FactsBuilder f = new FactsBuilder();
        f.term = term;
        f.scopeFrom = from.isEmpty() ? null : from;
        f.scopeTo = to.isEmpty() ? null : to;
        List<Finding> findings = EligibilityChecks.enrolmentInScope(f.build());
        assertThat(rules(findings)).isEqualTo(inScope ? List.of() : List.of("R-EL-01"));
        findings.forEach(x -> assertThat(x.evidence()).endsWith("本批次范围 " + scope));
    }

    @ParameterizedTest(name = "R-EL-02 入学 {0}，批次 {1} → 学籍有效 {2}")
    @CsvSource({
            "201803, 202601, true",   // 2018春: valid through the 2026 January batch
            "201803, 202607, false",  // ... and not after
            "201809, 202607, true",
            "201809, 202701, false",
            "201709, 202601, false",
            "202303, 202601, true"})
    void eightYearValidityByTerm(String term, String batch, boolean valid) {
        FactsBuilder f = new FactsBuilder();
        f.term = term;
        f.batchCode = batch;
        List<Finding> findings = EligibilityChecks.statusValid(f.build());
        assertThat(rules(findings)).isEqualTo(valid ? List.of() : List.of("R-EL-02"));
        findings.forEach(x -> assertThat(x.evidence()).contains("有效期至"));
    }

    @Test
    void terminatedStatusIsNotValid() {
        FactsBuilder f = new FactsBuilder();
        f.status = Student.Status.TERMINATED;
        assertThat(rules(EligibilityChecks.statusValid(f.build()))).containsExactly("R-EL-02");
    }

    @ParameterizedTest(name = "R-EL-03 最低学分 {0}（已获 22）→ 符合 {1}")
    @CsvSource({"22, true", "23, false", "10, true"})
    void creditsAgainstProgrammeMinimum(int minimum, boolean enough) {
        FactsBuilder f = new FactsBuilder();
        f.minCredits = minimum;
        assertThat(rules(EligibilityChecks.majorRules(f.build()))).isEqualTo(enough ? List.of() : List.of("R-EL-03"));
    }

    @ParameterizedTest(name = "R-EL-03 必修课考试 {0}，合格 {1} → 计入 {2}")
    @CsvSource({
            "2026-01-31, true, true",    // on the cut-off day: counts
            "2026-02-01, true, false",   // one day after the cut-off: does not
            "2025-06-01, false, false"}) // failed
    void requiredCourseCountsOnlyWhenPassedByCutoff(LocalDate examDate, boolean passed, boolean counts) {
        FactsBuilder f = new FactsBuilder();
        f.minCredits = 18;
        f.grades.set(0, grade("R1", passed, examDate, 4));
        List<Finding> findings = EligibilityChecks.majorRules(f.build());
        assertThat(findings.stream().filter(x -> x.message().contains("必修课")).count()).isEqualTo(counts ? 0 : 1);
        if (!counts && passed) {
            assertThat(findings.get(0).evidence()).contains("晚于成绩截止日期");
        }
    }

    @Test
    void retakePassedAfterFailureCounts() {
        FactsBuilder f = new FactsBuilder();
        f.grades.set(0, grade("R1", false, LocalDate.of(2025, 1, 10), 4));
        f.grades.add(grade("R1", true, LocalDate.of(2025, 7, 10), 4));
        assertThat(EligibilityChecks.majorRules(f.build())).isEmpty();
    }

    @Test
    void missingPracticeComponentBlocks() {
        FactsBuilder f = new FactsBuilder();
        f.minCredits = 10;
        f.grades.remove(1);
        List<Finding> findings = EligibilityChecks.majorRules(f.build());
        assertThat(findings).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("R-EL-03");
            assertThat(x.message()).contains("毕业论文");
            assertThat(x.isBlocking()).isTrue();
        });
    }

    @ParameterizedTest(name = "R-EL-04 层次 {0}，须补修 {1}，补修成绩 {2} → 阻断 {3}")
    @CsvSource({
            "BACHELOR, true, false, true",
            "BACHELOR, true, true, false",
            "BACHELOR, false, false, false",
            "JUNIOR, true, false, false"})
    void supplementaryCourses(Level level, boolean required, boolean passed, boolean blocked) {
        FactsBuilder f = new FactsBuilder();
        f.level = level;
        f.supplementaryRequired = required;
        if (passed) {
            f.grades.add(grade("BX", true, LocalDate.of(2025, 1, 10), 3));
        }
        assertThat(rules(EligibilityChecks.supplementaryCourses(f.build()))).isEqualTo(blocked ? List.of("R-EL-04") : List.of());
    }

    @ParameterizedTest(name = "R-EL-05 免修免考申请于 {0}（截止 2025-12-13）→ 阻断 {1}")
    @CsvSource({"2025-12-13, false", "2025-12-14, true", "2025-06-01, false"})
    void lateExemption(LocalDate filedOn, boolean blocked) {
        FactsBuilder f = new FactsBuilder();
        f.exemptions.add(new cn.gradflow.roster.Exemption("E1", filedOn));
        assertThat(rules(EligibilityChecks.lateExemption(f.build()))).isEqualTo(blocked ? List.of("R-EL-05") : List.of());
    }

    /**
     * R-EL-05 where the branch's notice names no cut-off (山东 202601, 生命健康 202307): every exemption
     * application filed before the check counts, however late; nothing bars the student.
     */
    @ParameterizedTest(name = "R-EL-05 无截止日期，免修免考申请于 {0} → 不阻断")
    @CsvSource({"2025-06-01", "2025-12-14", "2026-01-31", "2026-03-31"})
    void noExemptionCutoffBarsNoOne(LocalDate filedOn) {
        FactsBuilder f = new FactsBuilder();
        f.exemptionCutoff = null;
        f.exemptions.add(new cn.gradflow.roster.Exemption("E1", filedOn));
        assertThat(EligibilityChecks.lateExemption(f.build())).isEmpty();
        assertThat(EligibilityChecks.check(f.build())).isEmpty();
    }

    /** A 山东-shaped calendar (2018春及以后, no cut-off) and a 生命健康-shaped one (2021春及以前) pass an eligible student. */
    @Test
    void calendarsAsTheNoticesGiveThemPassAnEligibleStudent() {
        FactsBuilder shandong = new FactsBuilder();
        shandong.scopeTo = null;
        shandong.exemptionCutoff = null;
        shandong.exemptions.add(new cn.gradflow.roster.Exemption("E1", LocalDate.of(2026, 1, 5)));
        assertThat(EligibilityChecks.check(shandong.build())).isEmpty();
        FactsBuilder lifeHealth = new FactsBuilder();
        lifeHealth.term = "202103";
        lifeHealth.scopeFrom = null;
        lifeHealth.scopeTo = "202103";
        lifeHealth.exemptionCutoff = null;
        assertThat(EligibilityChecks.check(lifeHealth.build())).isEmpty();
    }

    @Test
    void noGraduationPhotoBlocks() {
        FactsBuilder f = new FactsBuilder();
        f.photo = false;
        assertThat(rules(EligibilityChecks.check(f.build()))).containsExactly("R-EL-06/R-PH-01");
    }

    /** R-EL-06 and R-PH-01 are one rule in two ids: the finding, its id list and the clerk's line carry both. */
    @ParameterizedTest(name = "R-EL-06 / R-PH-01 照片 {0} → 阻断 {1}")
    @CsvSource({"true, false", "false, true"})
    void graduationPhotoCarriesBothRuleIds(boolean photo, boolean blocked) {
        FactsBuilder f = new FactsBuilder();
        f.photo = photo;
        List<Finding> findings = EligibilityChecks.graduationPhoto(f.build());
        assertThat(findings).hasSize(blocked ? 1 : 0);
        findings.forEach(x -> {
            assertThat(x.rule()).isEqualTo("R-EL-06/R-PH-01");
            assertThat(x.rules()).containsExactly("R-EL-06", "R-PH-01");
            assertThat(x.hasRule("R-EL-06")).isTrue();
            assertThat(x.hasRule("R-PH-01")).isTrue();
            assertThat(x.hasRule("R-EL-0")).isFalse();
            assertThat(x.code()).isEqualTo("GRADUATION_PHOTO_MISSING");
            assertThat(x.describe()).startsWith("【须整改】R-EL-06/R-PH-01 平台无毕业照片");
        });
    }

    /**
     * R-EL-06/R-PH-01, 生命健康 202307: 第二批毕业生学历照片 须在 8 月 30 日前 提交至平台, 未提交的 不能进入本批毕业初审名单.
     * The deadline's own day counts; the first round and a calendar without the date have no such bound.
     */
    @ParameterizedTest(name = "{0} 照片 {1}，截止 {2} → {3}")
    @CsvSource({
            "SECOND, 2023-08-29, 2023-08-30, ",
            "SECOND, 2023-08-30, 2023-08-30, ",
            "SECOND, 2023-08-31, 2023-08-30, GRADUATION_PHOTO_LATE",
            "SECOND, 2023-09-05, 2023-08-30, GRADUATION_PHOTO_LATE",
            "FIRST,  2023-08-31, 2023-08-30, ",
            "SECOND, 2023-09-05,           , "})
    void secondRoundPhotoDeadline(Round round, LocalDate uploadedOn, LocalDate due, String code) {
        FactsBuilder f = new FactsBuilder();
        f.round = round;
        f.photoUploadedOn = uploadedOn;
        f.secondRoundPhotoDue = due;
        List<Finding> findings = EligibilityChecks.graduationPhoto(f.build());
        if (code == null) {
            assertThat(findings).isEmpty();
        } else {
            assertThat(findings).singleElement().satisfies(x -> {
                assertThat(x.rule()).isEqualTo("R-EL-06/R-PH-01");
                assertThat(x.code()).isEqualTo(code);
                assertThat(x.isBlocking()).isTrue();
                assertThat(x.message()).contains(due.toString(), "不能进入本批毕业初审名单");
                assertThat(x.evidence()).contains(uploadedOn.toString());
            });
        }
    }

    @Test
    void alreadyGraduatedBlocks() {
        FactsBuilder f = new FactsBuilder();
        f.status = Student.Status.GRADUATED;
        assertThat(rules(EligibilityChecks.check(f.build()))).containsExactly("R-EL-07");
    }

    static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }
}

package cn.gradflow.selfstudy;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import cn.gradflow.checks.Finding;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.selfstudy.SelfStudyProcess.ApplicationOutcome;
import cn.gradflow.selfstudy.SelfStudyProcess.State;

import static cn.gradflow.selfstudy.SelfStudyProcess.APPLICATION_OUTCOME;
import static cn.gradflow.selfstudy.SelfStudyProcess.BACHELOR;
import static cn.gradflow.selfstudy.SelfStudyProcess.CASE_ID;
import static cn.gradflow.selfstudy.SelfStudyProcess.CASE_SUMMARY;
import static cn.gradflow.selfstudy.SelfStudyProcess.ERROR_DESCRIPTION;
import static cn.gradflow.selfstudy.SelfStudyProcess.FINDINGS_TEXT;
import static cn.gradflow.selfstudy.SelfStudyProcess.FORECAST_PASSED;
import static cn.gradflow.selfstudy.SelfStudyProcess.IDENTITY_MATCHED;
import static cn.gradflow.selfstudy.SelfStudyProcess.PREREQUISITES_PENDING;
import static cn.gradflow.selfstudy.SelfStudyProcess.REQUIRED_DOCUMENTS_TEXT;

/**
 * The service tasks and end events of {@code self-study-graduation.bpmn} (bean {@code selfStudySteps}),
 * each a few lines over the plain rules ({@link SelfStudyConditions}, {@link PriorDegree}) and the records.
 * Findings are stored as rows of the case and set the flag the next gateway reads.
 */
@Component("selfStudySteps")
public class SelfStudySteps {

    private final SelfStudyRepository repository;
    private final SelfStudyRouting routing;
    private final PopulationRegister register;
    private final SchoolClock clock;
    private final SelfStudySummary summary;

    SelfStudySteps(SelfStudyRepository repository, SelfStudyRouting routing, PopulationRegister register, SchoolClock clock,
                   SelfStudySummary summary) {
        this.repository = repository;
        this.routing = routing;
        this.register = register;
        this.clock = clock;
        this.summary = summary;
    }

    /** 前期工作: transfers, exemptions and record corrections done (by the prerequisites deadline), and the level. */
    public void checkPrerequisites(DelegateExecution execution) {
        SelfStudyCandidate c = routing.candidate(execution);
        boolean pending = c.recordChangePending() || repository.openRecordCorrections(c.candidateNo()) > 0;
        PREREQUISITES_PENDING.set(execution, pending);
        BACHELOR.set(execution, c.bachelor());
        CASE_SUMMARY.set(execution, summary.of(CASE_ID.require(execution)));
        repository.event(CASE_ID.require(execution), "CheckPrerequisites", pending ? "PREREQUISITES_PENDING" : "PREREQUISITES_DONE",
                pending ? "转考、免考或考籍更正手续尚未办结" : "前期手续已办结", null, CurrentUser.SYSTEM);
    }

    /** 信息有误: the correction is recorded; the candidate applies in the next session. */
    public void requestRecordCorrection(DelegateExecution execution) {
        SelfStudyCandidate c = routing.candidate(execution);
        String description = ERROR_DESCRIPTION.get(execution);
        repository.requestRecordCorrection(c.candidateNo(), routing.session(execution).code(),
                description == null || description.isBlank() ? "考生报告信息有误" : description.strip());
        APPLICATION_OUTCOME.set(execution, ApplicationOutcome.RECORD_ERROR.name());
    }

    /** 毕业预测 (R-SS-01) before the application: every condition but the character assessment, which comes on site. */
    public void forecast(DelegateExecution execution) {
        long caseId = CASE_ID.require(execution);
        List<Finding> findings = SelfStudyConditions.check(facts(routing.candidate(execution), null), clock.today()).stream()
                .filter(f -> !f.code().startsWith("CHARACTER_ASSESSMENT")).toList();
        findings.forEach(f -> repository.finding(caseId, "ForecastGraduation", f, CurrentUser.SYSTEM));
        boolean passed = findings.stream().noneMatch(Finding::isBlocking);
        FORECAST_PASSED.set(execution, passed);
        FINDINGS_TEXT.set(execution, describe(findings));
        if (!passed) {
            APPLICATION_OUTCOME.set(execution, ApplicationOutcome.FORECAST_FAILED.name());
        } else {
            repository.event(caseId, "ForecastGraduation", "FORECAST_PASSED", "毕业预测通过", null, CurrentUser.SYSTEM);
        }
    }

    /** The identity check against the population register; a mismatch sends the three ID images for review. */
    public void checkIdentity(DelegateExecution execution) {
        PopulationRegister.Verdict verdict = register.verify(routing.candidate(execution));
        IDENTITY_MATCHED.set(execution, verdict.matched());
        repository.event(CASE_ID.require(execution), "CheckIdentity", verdict.matched() ? "IDENTITY_MATCHED" : "IDENTITY_MISMATCH",
                verdict.matched() ? "与公安人口库校验通过" : "与公安人口库校验不通过：" + verdict.reason(), null, CurrentUser.SYSTEM);
    }

    /** 申请毕业: the application is in; the registration form can be printed. */
    public void submitApplication(DelegateExecution execution) {
        long caseId = CASE_ID.require(execution);
        repository.state(caseId, State.APPLIED);
        repository.event(caseId, "SubmitApplication", "APPLIED", "毕业申请已提交，请打印《毕业生登记表》交有关单位鉴定", null,
                CurrentUser.SYSTEM);
        APPLICATION_OUTCOME.set(execution, ApplicationOutcome.APPLIED.name());
        CASE_SUMMARY.set(execution, summary.of(caseId));
        // what the city office will ask for on site (R-SS-02), shown on its form
        SelfStudyCandidate c = routing.candidate(execution);
        java.util.Set<String> passed = repository.grades(c.candidateNo()).stream().filter(g -> g.score() >= 60)
                .map(SelfStudyRepository.CourseLine::courseCode).collect(Collectors.toSet());
        boolean priorSelfStudy = PriorDegree.Kind.SELF_STUDY_ASSOCIATE.name().equals(repository.requireCase(caseId).priorDegreeKind());
        REQUIRED_DOCUMENTS_TEXT.set(execution, OnsiteDocuments.required(c, passed, priorSelfStudy).stream()
                .map(d -> "- " + d.label()).collect(Collectors.joining("\n")));
    }

    /** Start listener of every end event: the case's final state is the end it reached. */
    public void ended(DelegateExecution execution) {
        State state = State.byEndEvent(execution.getCurrentActivityId())
                .orElseThrow(() -> new IllegalStateException("未知的结束事件：" + execution.getCurrentActivityId()));
        long caseId = CASE_ID.require(execution);
        repository.state(caseId, state);
        repository.event(caseId, execution.getCurrentActivityId(), state.name(), state.label(), null, CurrentUser.SYSTEM);
    }

    SelfStudyFacts facts(SelfStudyCandidate c, Boolean characterAssessment) {
        List<String> bachelorExtra = c.bachelor() ? repository.missingCourses(c.candidateNo(), c.majorCode(), "BACHELOR_EXTRA") : List.of();
        return new SelfStudyFacts(c.candidateNo(), c.majorCode(), c.examiningUniversity(),
                repository.missingCourses(c.candidateNo(), c.majorCode(), "REQUIRED"), c.electiveCreditsEarned(),
                c.electiveCreditsRequired(), bachelorExtra, c.practiceMajor(), c.practiceUniversity(), c.violationPostponedUntil(),
                List.of(), c.alreadyCertified(), characterAssessment);
    }

    static String describe(List<Finding> findings) {
        return findings.isEmpty() ? "（无）" : findings.stream().map(f -> "- " + f.describe()).collect(Collectors.joining("\n"));
    }
}

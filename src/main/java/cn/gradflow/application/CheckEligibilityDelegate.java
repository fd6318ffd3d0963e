package cn.gradflow.application;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import cn.gradflow.checks.ApplicationChecks;
import cn.gradflow.checks.CaseFacts;
import cn.gradflow.checks.ChsiChecks;
import cn.gradflow.checks.EligibilityChecks;
import cn.gradflow.checks.Finding;
import cn.gradflow.roster.RosterRepository;

import static cn.gradflow.application.ApplicationProcess.*;

/** Initial audit (初审): eligibility, photo and, once applied, the application's own rules. */
@Component("checkEligibility")
class CheckEligibilityDelegate implements JavaDelegate {

    private final CaseFactsLoader facts;
    private final ApplicationRepository applications;
    private final DecisionTrail trail;
    private final RosterRepository roster;

    CheckEligibilityDelegate(CaseFactsLoader facts, ApplicationRepository applications, DecisionTrail trail,
                             RosterRepository roster) {
        this.facts = facts;
        this.roster = roster;
        this.applications = applications;
        this.trail = trail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = APPLICATION_ID.require(execution);
        ApplicationRecord application = facts.application(execution);
        CaseFacts caseFacts = facts.load(execution, application);

        List<Finding> findings = new ArrayList<>(EligibilityChecks.check(caseFacts));
        // R-ID-02 blocks here where the branch's own notice bars the student at its review (V43)
        boolean photoBlocksAtBranch = roster.chainOf(caseFacts.student().unitCode()).branch().chsiPhotoBlocksAtInitialAudit();
        findings.addAll(ChsiChecks.initialAudit(caseFacts.chsi(), photoBlocksAtBranch));
        findings.addAll(ChsiChecks.photoStates(caseFacts.hasGraduationPhoto(), caseFacts.chsi()));
        findings.addAll(ApplicationChecks.check(caseFacts));
        if (application.state() == ApplicationState.CHECKING) {
            // the first audit: a case leaves CHECKING in the transaction that first records its findings (every way out
            // of this task enters a step that moves it, trackStep or trackIdentityStep, and none moves back), so it has
            // none to replace or to read back (issue 13: no DELETE, no SELECT of findings)
            applications.insertFindings(id, ApplicationRepository.Stage.ELIGIBILITY, findings);
            trail.showFindings(execution, findings);
        } else {
            // this run re-checks all the check before HQ re-checked: its eligibility findings are superseded; and a photo
            // mismatch the branch found was corrected (整改) or re-verified (身份复核): the branch compares again
            applications.replaceFindings(id, ApplicationRepository.Stage.ELIGIBILITY, findings,
                    ApplicationRepository.Stage.HQ_ELIGIBILITY, ApplicationRepository.Stage.BRANCH_PHOTO);
            trail.refreshFindings(execution);
        }

        CheckOutcome outcome = findings.stream().anyMatch(Finding::isBlocking) ? CheckOutcome.BLOCKED
                : caseFacts.choice() == null ? CheckOutcome.READY_TO_APPLY
                : needsIdentityReview(caseFacts) ? CheckOutcome.IDENTITY_REVIEW
                : CheckOutcome.READY_FOR_REVIEW;
        // read by the gateway right after this task and by nothing later: transient, no rows in three engine tables (issue 13)
        CHECK_OUTCOME.setTransient(execution, outcome.name());
    }

    /** R-ID-01, R-ID-03: a shielded identity or a doubtful photo must be re-verified before any tier passes it. */
    private static boolean needsIdentityReview(CaseFacts facts) {
        return facts.chsi() != null && (facts.chsi().identityDoubtful() || facts.chsi().photoDoubtful());
    }
}

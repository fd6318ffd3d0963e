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
import cn.gradflow.common.TextLimits;
import cn.gradflow.roster.Tier;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * HQ's automatic check before the officer's final review: CHSI (R-ID-01, R-ID-02, R-ID-03) and, per
 * DOMAIN.md §4 ("checked by the initial audit and again before HQ"), the eligibility rules once more
 * (R-EL-01…07, R-EL-06/R-PH-01, and R-EL-08/09 for what the centre applied for), on the facts of
 * today: an exemption filed after the cut-off while the case sat at a city or the branch (R-EL-05),
 * a status that ended meanwhile, a photo gone. Any blocking finding returns the case to 整改 with
 * the rule ids, as a CHSI block always did ({@code chsiBlocked} routes both).
 */
@Component("checkChsiForFinalReview")
class HqChsiCheckDelegate implements JavaDelegate {

    private final CaseFactsLoader facts;
    private final ApplicationRepository applications;
    private final DecisionTrail trail;

    HqChsiCheckDelegate(CaseFactsLoader facts, ApplicationRepository applications, DecisionTrail trail) {
        this.facts = facts;
        this.applications = applications;
        this.trail = trail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = APPLICATION_ID.require(execution);
        CaseFacts caseFacts = facts.load(execution);

        List<Finding> eligibility = new ArrayList<>(EligibilityChecks.check(caseFacts));
        eligibility.addAll(ApplicationChecks.check(caseFacts));
        List<Finding> chsi = ChsiChecks.finalReview(caseFacts.chsi());
        applications.replaceFindings(id, ApplicationRepository.Stage.HQ_ELIGIBILITY, eligibility);
        applications.replaceFindings(id, ApplicationRepository.Stage.HQ_CHSI, chsi);
        trail.refreshFindings(execution);

        // one line per blocking finding with its rule id, so the clerk can grep the rule: "… R-EL-05 免修免考申请晚于…"
        List<String> reasons = new ArrayList<>();
        eligibility.stream().filter(Finding::isBlocking).forEach(f -> reasons.add("总部终审前复核毕业条件未通过：" + f.rule() + " " + f.message()));
        chsi.stream().filter(Finding::isBlocking).forEach(f -> reasons.add("总部学信网核验未通过：" + f.rule() + " " + f.message()));
        CHSI_BLOCKED.set(execution, !reasons.isEmpty());
        if (!reasons.isEmpty()) {
            String reason = TextLimits.firstLinesWithin(reasons, REASON_MAX, n -> "……另有 " + n + " 条，完整结果见检查结果");
            LAST_REJECTION.set(execution, Tier.HQ.label() + "退回：" + reason);
            trail.recordAutomatic(execution, Tier.HQ, DecisionLabels.AUTO_REJECT, reason);
        }
    }

    /** decision_log.reason holds 1000 characters; every finding stays in the findings. */
    private static final int REASON_MAX = 1000;
}

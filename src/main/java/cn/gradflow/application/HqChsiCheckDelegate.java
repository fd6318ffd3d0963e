package cn.gradflow.application;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import cn.gradflow.checks.ApplicationChecks;
import cn.gradflow.checks.CaseFacts;
import cn.gradflow.checks.ChsiChecks;
import cn.gradflow.checks.EligibilityChecks;
import cn.gradflow.checks.Finding;
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

        List<Finding> blockingChsi = chsi.stream().filter(Finding::isBlocking).toList();
        List<Finding> blockingEligibility = eligibility.stream().filter(Finding::isBlocking).toList();
        CHSI_BLOCKED.set(execution, !blockingChsi.isEmpty() || !blockingEligibility.isEmpty());
        List<String> reasons = new ArrayList<>();
        if (!blockingEligibility.isEmpty()) {
            reasons.add("总部终审前复核毕业条件未通过：" + joined(blockingEligibility));
        }
        if (!blockingChsi.isEmpty()) {
            reasons.add("总部学信网核验未通过：" + joined(blockingChsi));
        }
        if (!reasons.isEmpty()) {
            String reason = within(String.join("；", reasons), REASON_MAX);
            LAST_REJECTION.set(execution, Tier.HQ.label() + "退回：" + reason);
            trail.recordAutomatic(execution, Tier.HQ, DecisionLabels.AUTO_REJECT, reason);
        }
    }

    /** decision_log.reason holds 1000 characters; the full list stays in the findings. */
    static final int REASON_MAX = 1000;

    static String within(String reason, int max) {
        String more = "……（完整结果见检查结果）";
        return reason.length() <= max ? reason : reason.substring(0, max - more.length()) + more;
    }

    /** Each blocking finding with its rule id, so the clerk can grep the rule: "R-EL-05 免修免考申请晚于…". */
    private static String joined(List<Finding> blocking) {
        return blocking.stream().map(f -> f.rule() + " " + f.message()).collect(Collectors.joining("；"));
    }
}

package cn.gradflow.application;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import cn.gradflow.checks.ChsiChecks;
import cn.gradflow.checks.Finding;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;

import static cn.gradflow.application.ApplicationProcess.*;

/** HQ's automatic CHSI check before the officer's final review (R-ID-01, R-ID-02). */
@Component("checkChsiForFinalReview")
class HqChsiCheckDelegate implements JavaDelegate {

    private final RosterRepository roster;
    private final ApplicationRepository applications;
    private final DecisionTrail trail;

    HqChsiCheckDelegate(RosterRepository roster, ApplicationRepository applications, DecisionTrail trail) {
        this.roster = roster;
        this.applications = applications;
        this.trail = trail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = APPLICATION_ID.require(execution);
        List<Finding> findings = ChsiChecks.finalReview(roster.chsiStatus(STUDENT_NO.require(execution)).orElse(null));
        applications.replaceFindings(id, ApplicationRepository.Stage.HQ_CHSI, findings);
        trail.refreshFindings(execution);
        List<Finding> blocking = findings.stream().filter(Finding::isBlocking).toList();
        CHSI_BLOCKED.set(execution, !blocking.isEmpty());
        if (!blocking.isEmpty()) {
            String reason = "总部学信网核验未通过：" + blocking.stream().map(Finding::message).collect(Collectors.joining("；"));
            LAST_REJECTION.set(execution, Tier.HQ.label() + "退回：" + reason);
            trail.recordAutomatic(execution, Tier.HQ, DecisionLabels.AUTO_REJECT, reason);
        }
    }
}

package cn.gradflow.identity;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import cn.gradflow.application.ApplicationProcess.IdentityReviewOutcome;
import cn.gradflow.application.DecisionTrail;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.RosterWriter;
import cn.gradflow.roster.Tier;

import static cn.gradflow.application.ApplicationProcess.IDENTITY_REVIEW_OUTCOME;
import static cn.gradflow.application.ApplicationProcess.STUDENT_NO;

/**
 * HQ approved the re-verification: the shield is lifted (R-ID-01) and a doubtful photo cleared
 * (R-ID-03) in GradFlow's copy of the CHSI status; the photo presence flags stay as CHSI reported them.
 */
@Component("liftIdentityShield")
class LiftIdentityShieldDelegate implements JavaDelegate {

    private final RosterRepository roster;
    private final RosterWriter writer;
    private final DecisionTrail trail;

    LiftIdentityShieldDelegate(RosterRepository roster, RosterWriter writer, DecisionTrail trail) {
        this.roster = roster;
        this.writer = writer;
        this.trail = trail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String studentNo = STUDENT_NO.require(execution);
        ChsiStatus current = roster.chsiStatus(studentNo)
                .orElseThrow(() -> new IllegalStateException("学信网状态不存在：" + studentNo));
        writer.chsiStatus(studentNo, new ChsiStatus(false, current.admissionPhoto(), current.academicPhoto(), false));
        IDENTITY_REVIEW_OUTCOME.set(execution, IdentityReviewOutcome.APPROVED.name());
        trail.recordAutomatic(execution, Tier.HQ, "IDENTITY_SHIELD_LIFTED", "身份复核通过，已解除学信网身份存疑标记");
    }
}

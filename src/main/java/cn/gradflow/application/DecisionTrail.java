package cn.gradflow.application;

import cn.gradflow.common.SchoolClock;
import cn.gradflow.common.TextLimits;

import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import cn.gradflow.checks.Finding;
import cn.gradflow.roster.ApprovalChain;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Unit;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.roster.Tier;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * Appends decisions to the trail with who, which unit, which tier and the findings of that moment,
 * and keeps the form-facing texts (findings, history) in step with the database.
 */
@Component
public class DecisionTrail {

    static final String SYSTEM_USER = CurrentUser.SYSTEM;

    private final ApplicationRepository applications;
    private final SchoolClock clock;
    private final CurrentUser currentUser;
    private final RosterRepository roster;

    DecisionTrail(ApplicationRepository applications, CurrentUser currentUser, RosterRepository roster, SchoolClock clock) {
        this.clock = clock;
        this.applications = applications;
        this.currentUser = currentUser;
        this.roster = roster;
    }

    /** A staff decision, by the user the engine has authenticated for this call. */
    public void record(VariableScope scope, Tier tier, String decision, String reason) {
        append(scope, currentUser.id(), tier, decision, reason);
    }

    /**
     * A staff decision taken through a GradFlow endpoint that then acts on the engine as the system
     * (taking a case off the way to HQ): the user the endpoint authenticated, not the system.
     */
    public void recordBy(VariableScope scope, String userId, Tier tier, String decision, String reason) {
        append(scope, userId, tier, decision, reason);
    }

    /** A decision of an automatic check: never the user whose completion happened to run it. */
    public void recordAutomatic(VariableScope scope, Tier tier, String decision, String reason) {
        append(scope, SYSTEM_USER, tier, decision, reason);
    }

    private void append(VariableScope scope, String user, Tier tier, String decision, String reason) {
        long id = APPLICATION_ID.require(scope);
        String findings = TextLimits.firstLinesWithin(applications.findings(id).stream().map(Finding::describe).toList(),
                TextLimits.DECISION_FINDINGS, n -> "……另有 " + n + " 条");
        List<Decision> trail = applications.appendDecision(id, new Decision(user, unitOf(scope, tier), tier, clock.now(),
                decision, blankToNull(reason), findings.isEmpty() ? null : findings));
        // the newest entries that fit an engine text: four returns with 1000-character reasons outgrow it
        HISTORY_TEXT.set(scope, TextLimits.lastLinesWithin(bullets(trail.stream()
                        .map(d -> d.describe(roster.findUnit(d.unitCode()).map(Unit::name).orElse(d.unitCode())))
                        .toList()), TextLimits.ENGINE_TEXT,
                n -> "- （更早的 " + n + " 条记录未显示，完整记录见 GET /api/applications/" + BATCH_CODE.require(scope) + "/"
                        + STUDENT_NO.require(scope) + "）"));
    }

    public void refreshFindings(VariableScope scope) {
        showFindings(scope, applications.findings(APPLICATION_ID.require(scope)));
    }

    /** As {@link #refreshFindings}, given the case's findings in the order they were recorded (issue 13: not read back). */
    void showFindings(VariableScope scope, List<Finding> findings) {
        FINDINGS_TEXT.set(scope, findings.isEmpty() ? "无问题，符合毕业条件"
                : TextLimits.firstLinesWithin(bullets(findings.stream().map(Finding::describe).toList()), TextLimits.ENGINE_TEXT,
                        n -> "- ……另有 " + n + " 条，完整结果见 GET /api/applications/" + BATCH_CODE.require(scope) + "/"
                                + STUDENT_NO.require(scope)));
    }

    /** The unit of the case's chain at that tier, from GradFlow's records (like its candidate groups), never from a variable. */
    private String unitOf(VariableScope scope, Tier tier) {
        String studentNo = STUDENT_NO.require(scope);
        ApprovalChain chain = roster.chainOf(roster.findStudent(studentNo)
                .orElseThrow(() -> new IllegalStateException("学号不存在：" + studentNo)).unitCode());
        Unit unit = switch (tier) {
            case LEARNING_CENTER -> chain.learningCenter();
            case CITY -> chain.city();
            case BRANCH -> chain.branch();
            case HQ -> chain.hq();
        };
        if (unit == null) {
            throw new IllegalStateException("该生的审核链没有" + tier.label() + "：" + studentNo);
        }
        return unit.code();
    }

    /** Forms render these texts as Markdown: one list item per line. */
    private static List<String> bullets(List<String> lines) {
        return lines.stream().map(l -> "- " + l).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package cn.gradflow.cases;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import cn.gradflow.application.ApplicationProcess.Step;

/**
 * A bulk decision and the user tasks it completes, each exactly as the clerk would in Tasklist; the
 * Chinese label is the one the pending list's 决定 column takes.
 */
enum DecisionAction {
    APPLY("申请毕业", Set.of(Step.SUBMIT_APPLICATION)),
    APPLY_WITH_DEGREE("申请毕业并申请学位", Set.of(Step.SUBMIT_APPLICATION)),
    DEFER("暂缓毕业", Set.of(Step.SUBMIT_APPLICATION, Step.CORRECT_APPLICATION)),
    APPROVE("通过", Set.of(Step.CITY_APPROVAL, Step.BRANCH_REVIEW)),
    REJECT("退回", Set.of(Step.CITY_APPROVAL, Step.BRANCH_REVIEW)),
    RESUBMIT("重新提交", Set.of(Step.CORRECT_APPLICATION));

    private final String label;
    private final Set<Step> steps;

    DecisionAction(String label, Set<Step> steps) {
        this.label = label;
        this.steps = steps;
    }

    String label() {
        return label;
    }

    Set<Step> steps() {
        return steps;
    }

    /** The centre's actions start an application for a student who has none in the batch yet. */
    boolean startsApplication() {
        return this == APPLY || this == APPLY_WITH_DEGREE || this == DEFER;
    }

    /** A review's verdict, sent as the form's {@code decision}. */
    boolean reviews() {
        return this == APPROVE || this == REJECT;
    }

    boolean needsReason() {
        return this == REJECT || this == DEFER;
    }

    boolean needsOpenWindow() {
        return this == APPLY || this == APPLY_WITH_DEGREE || this == RESUBMIT;
    }

    /** The code or the Chinese label. */
    static Optional<DecisionAction> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(a -> a.name().equals(v) || a.label.equals(v)).findFirst();
    }
}

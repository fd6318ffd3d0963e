package cn.gradflow.cases;

import java.util.Map;

import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.common.TextLimits;

import static cn.gradflow.cases.PendingListReader.*;

/**
 * One filled row of the pending list, read as the round-trip contract says: 决定 by its Chinese label or
 * action code (empty = skipped), 学位类型 国开学位/合作学位 or OUC/COOP, 承诺书 是/否, 原因 required for 退回 and
 * 暂缓毕业. A row that says something else is reported with its column and decided not at all.
 */
sealed interface PendingListRow {

    record Skipped(String studentNo) implements PendingListRow {
    }

    record Bad(String studentNo, String column, String code, String message) implements PendingListRow {
    }

    record Decide(String studentNo, DecisionRequest request) implements PendingListRow {
    }

    static PendingListRow parse(Map<String, String> cells) {
        String studentNo = cells.get(STUDENT_NO);
        String decision = cells.get(DECISION);
        if (decision == null) {
            return new Skipped(studentNo);
        }
        if (studentNo == null) {
            return new Bad(null, STUDENT_NO, "STUDENT_NO_MISSING", "学号为空");
        }
        DecisionAction action = DecisionAction.parse(decision).orElse(null);
        if (action == null) {
            return new Bad(studentNo, DECISION, "UNKNOWN_DECISION", "决定「" + decision
                    + "」无法识别，应为 申请毕业、申请毕业并申请学位、暂缓毕业、通过、退回、重新提交 之一");
        }
        ApplicationChoice.DegreeType degreeType = null;
        String degree = cells.get(DEGREE_TYPE);
        if (degree != null) {
            degreeType = switch (degree) {
                case "国开学位", "OUC" -> ApplicationChoice.DegreeType.OUC;
                case "合作学位", "COOP" -> ApplicationChoice.DegreeType.COOP;
                default -> null;
            };
            if (degreeType == null) {
                return new Bad(studentNo, DEGREE_TYPE, "UNKNOWN_DEGREE_TYPE", "学位类型「" + degree + "」无法识别，应为 国开学位 或 合作学位");
            }
        }
        String letter = cells.get(LETTER);
        if (letter != null && !letter.equals("是") && !letter.equals("否")) {
            return new Bad(studentNo, LETTER, "BAD_LETTER", "承诺书应填 是 或 否：" + letter);
        }
        String reason = cells.get(REASON);
        if (action.needsReason() && reason == null) {
            return new Bad(studentNo, REASON, "REASON_REQUIRED", "「" + action.label() + "」须填写原因");
        }
        String tooLong = TextLimits.problem(REASON, reason, TextLimits.DECISION_REASON);
        if (tooLong != null) {
            return new Bad(studentNo, REASON, "REASON_TOO_LONG", tooLong);
        }
        return new Decide(studentNo, new DecisionRequest(action, degreeType, "是".equals(letter), reason));
    }
}

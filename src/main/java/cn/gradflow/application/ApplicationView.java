package cn.gradflow.application;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** JSON of {@code GET /api/applications/{batchCode}/{studentNo}}. */
record ApplicationView(String batchCode, String studentNo, String studentName, String idNumber, String state, String stateLabel,
                       String tier, String tierLabel, String round, String kind, String degreeType,
                       boolean commitmentLetter, String letterKind, String letterDegreeType, List<FindingView> findings, String registrationNo,
                       LocalDate certificateIssueDate, List<DecisionView> decisions, boolean trailIntact,
                       String processInstanceId) {

    /** {@code rule} as stored and shown (R-EL-06/R-PH-01 for a rule with two ids); {@code rules} the ids one by one. */
    record FindingView(String rule, List<String> rules, String code, String severity, String message, String evidence) {
    }

    record DecisionView(String userId, String unitCode, String tier, LocalDateTime decidedAt, String decision,
                        String decisionLabel, String reason) {
    }
}

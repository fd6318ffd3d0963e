package cn.gradflow.cases;

import cn.gradflow.checks.ApplicationChoice;

/** One decision for many students: what the bulk buttons and the pending list's last four columns say. */
record DecisionRequest(DecisionAction action, ApplicationChoice.DegreeType degreeType, boolean commitmentLetter, String reason) {
}

package cn.gradflow.cases;

import cn.gradflow.testing.GradFlowSpringTest;

/** {@link DashboardSummaryScenario} on H2: the Java triggers of V75 (DashboardSummaryTrigger). */
@GradFlowSpringTest
class DashboardSummaryTest extends DashboardSummaryScenario {
}

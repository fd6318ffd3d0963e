package cn.gradflow.application;

import java.util.Map;

/** Chinese words for the decisions written to the trail. */
final class DecisionLabels {

    static final String APPLY = "APPLY";
    static final String AUTO_REJECT = "AUTO_REJECT";
    static final String CERTIFICATE_HANDED_OUT = "CERTIFICATE_HANDED_OUT";

    private static final Map<String, String> LABELS = Map.of(
            "APPROVE", "通过",
            "REJECT", "退回",
            AUTO_REJECT, "系统核验退回",
            "RESUBMIT", "整改后重新提交",
            "DEFER", "暂缓毕业",
            APPLY, "提交申请",
            CERTIFICATE_HANDED_OUT, "证书已发放并签收");

    private DecisionLabels() {
    }

    static String label(String decision) {
        return LABELS.getOrDefault(decision, decision);
    }
}

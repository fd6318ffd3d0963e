package cn.gradflow.application;

import java.util.Map;

/** Chinese words for the decisions written to the trail. */
public final class DecisionLabels {

    static final String APPLY = "APPLY";
    static final String AUTO_REJECT = "AUTO_REJECT";
    static final String CERTIFICATE_HANDED_OUT = "CERTIFICATE_HANDED_OUT";
    static final String BATCH_CLOSED = "BATCH_CLOSED";
    /** The branch review's photo comparison (R-PH-03, R-ID-04), recorded before its decision. */
    static final String PHOTO_COMPARISON = "PHOTO_COMPARISON";
    /** R-ID-04: the branch sent the case to identity re-verification (身份复核) after a failed comparison. */
    static final String TO_IDENTITY_REVIEW = "TO_IDENTITY_REVIEW";

    /**
     * Trail entries that sent a case back to the learning centre with a reason (the rejection list): a
     * reviewer's 退回, the HQ pre-check's automatic one, and a branch taking a case off the way to HQ for 整改.
     */
    public static final java.util.List<String> RETURNS_TO_CENTRE = java.util.List.of("REJECT", AUTO_REJECT,
            ApplicationProcess.HqListWithdrawal.CORRECTION.trailCode());

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("APPROVE", "通过"),
            Map.entry("REJECT", "退回"),
            Map.entry(AUTO_REJECT, "系统核验退回"),
            Map.entry("RESUBMIT", "整改后重新提交"),
            Map.entry("DEFER", "暂缓毕业"),
            Map.entry(APPLY, "提交申请"),
            Map.entry(CERTIFICATE_HANDED_OUT, "证书已发放并签收"),
            Map.entry("IDENTITY_SUBMIT", "提交身份复核材料"),
            Map.entry("IDENTITY_WITHDRAW", "放弃身份复核"),
            Map.entry("IDENTITY_FORWARD", "身份复核材料转报总部"),
            Map.entry("IDENTITY_RETURN", "身份复核材料退回"),
            Map.entry("IDENTITY_APPROVE", "身份复核通过"),
            Map.entry("IDENTITY_SHIELD_LIFTED", "解除身份存疑标记"),
            Map.entry(BATCH_CLOSED, "本批次关闭"),
            Map.entry(PHOTO_COMPARISON, "照片比对"),
            Map.entry(TO_IDENTITY_REVIEW, "照片比对不一致，转身份复核（R-ID-04）"),
            Map.entry(ApplicationProcess.HqListWithdrawal.BACK_TO_BRANCH_REVIEW.trailCode(), "撤出上报名单，退回分部复审"),
            Map.entry(ApplicationProcess.HqListWithdrawal.CORRECTION.trailCode(), "撤出上报名单，退回学习中心整改"),
            Map.entry(ApplicationProcess.HqListWithdrawal.DEFER.trailCode(), "撤出上报名单，暂缓毕业"));

    private DecisionLabels() {
    }

    public static String label(String decision) {
        return LABELS.getOrDefault(decision, decision);
    }
}

package cn.gradflow.application;

import java.time.LocalDateTime;

import cn.gradflow.roster.Tier;

/** One entry of the append-only decision trail. */
public record Decision(String userId, String unitCode, Tier tier, LocalDateTime decidedAt, String decision,
                       String reason, String findings) {

    /** 2026-01-05 10:12 分部 广东开放大学 gd1：退回 — 照片背景不符. */
    public String describe(String unitName) {
        String minute = decidedAt.withSecond(0).withNano(0).toString().replace('T', ' ');
        return minute + " " + tier.label() + " " + unitName + " " + userId + "：" + DecisionLabels.label(decision)
                + (reason == null || reason.isBlank() ? "" : " — " + reason);
    }
}

package cn.gradflow.application;

import java.time.LocalDateTime;

import cn.gradflow.roster.Tier;

/** One entry of the append-only decision trail. */
public record Decision(String userId, String unitCode, Tier tier, LocalDateTime decidedAt, String decision,
                       String reason, String findings) {

    /** 2026-01-05 10:12 分部 GD gdreg：退回 — 照片背景不符. */
    public String describe() {
        return decidedAt.toString().replace('T', ' ').substring(0, 16) + " " + tier.label() + " " + unitCode + " "
                + userId + "：" + DecisionLabels.label(decision) + (reason == null || reason.isBlank() ? "" : " — " + reason);
    }
}

package cn.gradflow.checks;

import java.util.ArrayList;
import java.util.List;

import cn.gradflow.roster.ChsiStatus;

/** CHSI (学信网) checks of HQ final review (DOMAIN.md §6). */
public final class ChsiChecks {

    private ChsiChecks() {
    }

    /** HQ's automatic check: R-ID-01 and R-ID-02 block final review. */
    public static List<Finding> finalReview(ChsiStatus chsi) {
        if (chsi == null) {
            return List.of(Finding.blocking("R-ID-02", "CHSI_RECORD_MISSING", "学信网无该生学籍记录，不能通过总部终审", "学信网查询无结果"));
        }
        List<Finding> findings = new ArrayList<>();
        if (chsi.identityDoubtful()) {
            findings.add(identityDoubtful(Finding.Severity.BLOCKING));
        }
        if (!chsi.admissionPhoto()) {
            findings.add(Finding.blocking("R-ID-02", "CHSI_ADMISSION_PHOTO_MISSING", "学信网无录取照片，不能通过总部终审", "学信网录取照片：无"));
        }
        if (!chsi.academicPhoto()) {
            findings.add(Finding.blocking("R-ID-02", "CHSI_ACADEMIC_PHOTO_MISSING", "学信网无学历照片，不能通过总部终审", "学信网学历照片：无"));
        }
        if (chsi.photoDoubtful()) {
            findings.add(Finding.blocking("R-ID-03", "PHOTO_DOUBTFUL", "平台照片存疑，须提交身份复核材料（复核表、登记表、录取照片、毕业照片）",
                    "照片状态：照片存疑"));
        }
        return findings;
    }

    /**
     * The centre learns at the initial audit what will block at HQ, while there is still time to
     * fix it: the same findings as {@link #finalReview}, as warnings.
     */
    public static List<Finding> initialAudit(ChsiStatus chsi) {
        return initialAudit(chsi, false);
    }

    /**
     * As {@link #initialAudit(ChsiStatus)}, except that where the branch's own notice bars the student
     * already at its review ({@code Unit.chsiPhotoBlocksAtInitialAudit}, e.g. 生命健康学院: 学信网缺少录取照片或
     * 学历照片的学生不能通过总部、学院毕业审核), R-ID-02 blocks here, before the branch/college review.
     */
    public static List<Finding> initialAudit(ChsiStatus chsi, boolean photoBlocksAtBranch) {
        return finalReview(chsi).stream()
                .map(f -> photoBlocksAtBranch && f.rule().equals("R-ID-02")
                        ? Finding.blocking(f.rule(), f.code(), f.message().replace("不能通过总部终审", BRANCH_REASON), f.evidence())
                        : Finding.warning(f.rule(), f.code(), f.message().replace("不能通过总部终审", "总部终审将不予通过"), f.evidence()))
                .toList();
    }

    /** Why R-ID-02 blocks at the initial audit for such a branch: its notice's own words. */
    private static final String BRANCH_REASON = "本分部（学院）通知规定学信网缺少录取照片或学历照片的学生不能通过总部、学院毕业审核，须补齐后重新提交";

    /**
     * R-ID-03: the platform's and CHSI's photo states disagree; each mismatch comes with what the
     * centre should do (附件2 of the 生命健康 notice). A doubtful photo is handled by the identity review.
     */
    public static List<Finding> photoStates(boolean platformPhoto, ChsiStatus chsi) {
        if (chsi == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        if (!platformPhoto && chsi.academicPhoto()) {
            findings.add(Finding.warning("R-ID-03", "PLATFORM_PHOTO_MISSING", "学信网有照片而平台无毕业照片：请联系学生提供电子照片并上传平台",
                    "平台毕业照片：无；学信网学历照片：有"));
        }
        if (platformPhoto && !chsi.academicPhoto()) {
            findings.add(Finding.warning("R-ID-03", "CHSI_PHOTO_MISSING", "平台有毕业照片而学信网无照片：请登录学信网核查，仍缺失的须采集学历照片",
                    "平台毕业照片：有；学信网学历照片：无"));
        }
        return findings;
    }

    /** R-ID-01: shielded until an identity re-verification is approved. */
    private static Finding identityDoubtful(Finding.Severity severity) {
        return new Finding("R-ID-01", "IDENTITY_DOUBTFUL", severity, "学信网标记身份存疑，须经身份复核通过后方可通过分部及总部审核",
                "学信网身份状态：存疑");
    }
}

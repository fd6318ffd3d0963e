package cn.gradflow.selfstudy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import cn.gradflow.checks.Finding;

/**
 * R-SS-03: a bachelor candidate's prior degree (前置学历), registered with one of the notice's ways of
 * certifying it and verified by the provincial office by its deadline; a full-time fresh graduate of a
 * regular university may leave the certificate out and fill it in by the fresh-graduate deadline, or the
 * application lapses.
 */
public final class PriorDegree {

    public static final String RULE = "R-SS-03";

    private static final Pattern CANDIDATE_NO = Pattern.compile("\\d{12}");

    private PriorDegree() {
    }

    /** The notice's ways (二（二）1–5); the fifth is the fresh graduates' exception, not a certification. */
    public enum Kind {
        CHSI_RECORD("学信网《教育部学历证书电子注册备案表》"),
        CDGDC_REPORT("《中国高等教育学历认证报告》"),
        FOREIGN_CERTIFICATION("教育部留学服务中心《国外学历学位认证书》"),
        SELF_STUDY_ASSOCIATE("同时办理自考专科毕业：专科准考证号"),
        FRESH_GRADUATE("普通高校全日制应届毕业生：毕业证暂未取得（限期补填）");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Whether the registration names its certificate or report now. */
        public boolean certified() {
            return this != FRESH_GRADUATE;
        }
    }

    /**
     * Findings of a registration, empty when the provincial office may verify it.
     *
     * @param kind          as chosen, null if none
     * @param number        the certificate's or report's number, or the associate candidate number
     * @param freshGraduate whether GradFlow's record shows a full-time fresh graduate of a regular university
     * @param filling       whether this is the fresh graduate's later filling-in, where the exception is spent
     */
    public static List<Finding> check(Kind kind, String number, boolean freshGraduate, boolean filling) {
        List<Finding> findings = new ArrayList<>();
        String n = number == null ? "" : number.strip();
        if (kind == null) {
            findings.add(Finding.blocking(RULE, "PRIOR_DEGREE_KIND_MISSING", "请选择前置学历认证方式", null));
        } else if (kind == Kind.FRESH_GRADUATE) {
            if (filling) {
                findings.add(Finding.blocking(RULE, "PRIOR_DEGREE_CERTIFICATE_REQUIRED", "补填时须选择认证方式并填写毕业证号及认证信息", null));
            } else if (!freshGraduate) {
                findings.add(Finding.blocking(RULE, "NOT_FRESH_GRADUATE", "只有普通高校全日制应届毕业生可以暂不填写前置学历毕业证号", null));
            }
        } else if (n.isEmpty()) {
            findings.add(Finding.blocking(RULE, "PRIOR_DEGREE_NUMBER_MISSING", "请填写" + kind.label() + "的编号", null));
        } else if (kind == Kind.SELF_STUDY_ASSOCIATE && !CANDIDATE_NO.matcher(n).matches()) {
            findings.add(Finding.blocking(RULE, "ASSOCIATE_CANDIDATE_NO_INVALID", "专科准考证号应为 12 位数字", n));
        } else if (n.length() > 60) {
            findings.add(Finding.blocking(RULE, "PRIOR_DEGREE_NUMBER_TOO_LONG", "编号过长（不超过 60 个字符）", null));
        }
        return findings;
    }
}

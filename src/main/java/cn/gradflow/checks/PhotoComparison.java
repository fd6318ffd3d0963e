package cn.gradflow.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The branch review's comparison of photos by eye (no face detector is at hand): the reviewer sees each
 * pair side by side and records 一致 / 不一致 / 无可比对照片; this rule turns that record and the review's
 * decision into where the case goes, the findings it carries, or a refusal of the form.
 *
 * <ul>
 *   <li>R-PH-03: the platform's graduation photo must match the CHSI academic photo (学信网学历照片); a
 *       mismatch voids the certificate, so the case goes back to the centre's 整改 to replace the photo.</li>
 *   <li>R-ID-04 (北京): the admission photo (录取照片) is compared with the graduation photo; a failed
 *       comparison triggers an identity re-check (身份复核), the same re-verification as R-ID-01.</li>
 * </ul>
 */
public final class PhotoComparison {

    private PhotoComparison() {
    }

    /** The two pairs a branch reviewer compares, with the rule each one serves. */
    public enum Pair {
        ACADEMIC("R-PH-03", "平台毕业照片与学信网学历照片"),
        ADMISSION("R-ID-04", "录取照片与毕业照片");

        private final String rule;
        private final String label;

        Pair(String rule, String label) {
            this.rule = rule;
            this.label = label;
        }

        public String rule() {
            return rule;
        }

        public String label() {
            return label;
        }
    }

    /** What the reviewer recorded for one pair. */
    public enum Result {
        MATCH("一致"), MISMATCH("不一致"), NO_PHOTO("无可比对照片");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Where the branch review sends the case. */
    public enum Route { APPROVE, CORRECTION, IDENTITY_REVIEW }

    /**
     * The outcome: a refusal (Chinese, for the form) and nothing else, or the route with the findings of
     * the comparison and a one-line summary for the decision trail.
     */
    public record Outcome(String refusal, Route route, List<Finding> findings, String summary) {

        static Outcome refused(String refusal) {
            return new Outcome(refusal, null, List.of(), null);
        }

        public boolean refused() {
            return refusal != null;
        }
    }

    /**
     * @param approve    the reviewer chose 通过 (else 退回)
     * @param answered   what the reviewer recorded per pair; a missing entry is an unanswered field
     * @param comparable the pairs whose both photos GradFlow holds now
     * @param note       the reviewer's note on the comparison (may be blank)
     */
    public static Outcome decide(boolean approve, Map<Pair, Result> answered, Set<Pair> comparable, String note) {
        Map<Pair, Result> results = new java.util.EnumMap<>(Pair.class);
        results.putAll(answered);
        for (Pair pair : Pair.values()) {
            boolean bothStored = comparable.contains(pair);
            // without both photos 无可比对照片 is the only answer, so none given means it (a bulk decision gives none)
            Result result = results.computeIfAbsent(pair, p -> bothStored ? null : Result.NO_PHOTO);
            if (result == null) {
                return Outcome.refused("须比对照片并填写结果（" + pair.rule() + " " + pair.label() + "均已存档），请在复审表单中逐个比对");
            }
            if (bothStored && result == Result.NO_PHOTO) {
                return Outcome.refused(pair.label() + "均已存档，须比对后选择一致或不一致（" + pair.rule() + "）");
            }
            if (!bothStored && result != Result.NO_PHOTO) {
                return Outcome.refused("缺少" + pair.label() + "中的一张，无法比对，须选择无可比对照片（" + pair.rule() + "）");
            }
        }
        boolean academicMismatch = results.get(Pair.ACADEMIC) == Result.MISMATCH;
        boolean admissionMismatch = results.get(Pair.ADMISSION) == Result.MISMATCH;
        if (approve && (academicMismatch || admissionMismatch)) {
            Pair failed = academicMismatch ? Pair.ACADEMIC : Pair.ADMISSION;
            return Outcome.refused(failed.label() + "比对不一致，不能审核通过（" + failed.rule() + "）：请选择退回，"
                    + (academicMismatch ? "由学习中心更换与学信网学历照片同版的毕业照片" : "转身份复核"));
        }
        String evidence = note == null || note.isBlank() ? null : "比对说明：" + note.strip();
        List<Finding> findings = new ArrayList<>();
        if (academicMismatch) {
            // R-PH-03
            findings.add(Finding.blocking(Pair.ACADEMIC.rule(), "ACADEMIC_PHOTO_MISMATCH",
                    "分部比对平台毕业照片与学信网学历照片不一致，照片不一致将造成废证，须更换为与学信网学历照片同版的毕业照片后重新提交",
                    evidence));
        }
        if (admissionMismatch) {
            // R-ID-04
            findings.add(Finding.blocking(Pair.ADMISSION.rule(), "ADMISSION_PHOTO_MISMATCH",
                    "分部比对录取照片与毕业照片不一致，须进行身份复核，核实录取照片与毕业照片是否为学生本人；冒名顶替者不予注册",
                    evidence));
        }
        Route route = approve ? Route.APPROVE : admissionMismatch ? Route.IDENTITY_REVIEW : Route.CORRECTION;
        return new Outcome(null, route, List.copyOf(findings), summary(results));
    }

    /** R-PH-03 平台毕业照片与学信网学历照片：一致；R-ID-04 录取照片与毕业照片：无可比对照片. */
    static String summary(Map<Pair, Result> results) {
        List<String> parts = new ArrayList<>();
        for (Pair pair : Pair.values()) {
            parts.add(pair.rule() + " " + pair.label() + "：" + results.get(pair).label());
        }
        return String.join("；", parts);
    }
}

package cn.gradflow.exports;

import java.util.Arrays;
import java.util.Optional;

import cn.gradflow.roster.Tier;

/** The workbooks of {@code GET /api/batches/{batchCode}/exports/{kind}.xlsx}; {@code path} is the kind in the URL. */
public enum ExportKind {
    HQ_LIST("hq-list", "拟上报总部终审名单", true),
    STATISTICS("statistics", "毕业生人数统计表", true),
    REJECTIONS("rejections", "退回名单", false),
    ROSTER("roster", "毕业生花名册", false),
    PENDING("pending", "待处理名单", false);

    private final String path;
    private final String title;
    private final boolean cityOrAbove;

    ExportKind(String path, String title, boolean cityOrAbove) {
        this.path = path;
        this.title = title;
        this.cityOrAbove = cityOrAbove;
    }

    public static Optional<ExportKind> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    /**
     * The HQ list and the statistics are the cities' and branches' (DOMAIN §7 steps 5 and 9): per branch or
     * city, nationwide for HQ; a learning centre's part of them is not a list anyone confirms or reports.
     */
    public boolean allows(Tier unitTier) {
        return !cityOrAbove || unitTier != Tier.LEARNING_CENTER;
    }
}

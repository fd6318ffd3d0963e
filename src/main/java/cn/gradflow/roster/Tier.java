package cn.gradflow.roster;

/** The four tiers of the OUC system (DOMAIN.md §2). */
public enum Tier {
    HQ("总部"),
    BRANCH("分部"),
    CITY("分校"),
    LEARNING_CENTER("学习中心");

    private final String label;

    Tier(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

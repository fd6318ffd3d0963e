package cn.gradflow.batch;

/** R-BA-03: first round (首批) and second round (第二批). */
public enum Round {
    FIRST("首批"),
    SECOND("第二批");

    private final String label;

    Round(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

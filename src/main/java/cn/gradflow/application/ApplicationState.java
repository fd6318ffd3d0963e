package cn.gradflow.application;

/** Where an application stands; the REST API and the clerk's lists show these. */
public enum ApplicationState {
    CHECKING("资格检查中"),
    CORRECTION("待学习中心整改"),
    APPLYING("待学习中心提交申请"),
    CITY_REVIEW("待分校审批"),
    BRANCH_REVIEW("待分部复审"),
    HQ_REVIEW("待总部终审"),
    CERTIFICATE("待发放证书"),
    GRADUATED("已毕业"),
    DEFERRED("暂缓毕业");

    private final String label;

    ApplicationState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

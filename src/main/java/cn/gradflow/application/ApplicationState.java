package cn.gradflow.application;

/** Where an application stands; the REST API and the clerk's lists show these. */
public enum ApplicationState {
    CHECKING("资格检查中", false),
    CORRECTION("待学习中心整改", false),
    APPLYING("待学习中心提交申请", false),
    IDENTITY_REVIEW("身份复核中", false),
    CITY_REVIEW("待分校审批", true),
    BRANCH_REVIEW("待分部复审", true),
    AWAITING_HQ("待分部上报总部", true),
    HQ_REVIEW("待总部终审", true),
    CERTIFICATE("待发放证书", true),
    GRADUATED("已毕业", true),
    DEFERRED("暂缓毕业", false),
    CLOSED("本批次已关闭", false);

    private final String label;
    private final boolean photoLocked;

    ApplicationState(String label, boolean photoLocked) {
        this.label = label;
        this.photoLocked = photoLocked;
    }

    public String label() {
        return label;
    }

    /**
     * R-PH-02: the graduation photo is locked from the first review until the end, and unlocked
     * while the case is back at the learning centre; after registration it stays locked, since the
     * certificate's photo must match CHSI's (R-PH-03).
     */
    public boolean photoLocked() {
        return photoLocked;
    }
}

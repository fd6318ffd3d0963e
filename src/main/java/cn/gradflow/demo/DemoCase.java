package cn.gradflow.demo;

/** Which outcome a demo student is made to show; the README's table lists them. */
enum DemoCase {
    ELIGIBLE("符合条件"),
    MISSING_PHOTO("无毕业照片 R-EL-06/R-PH-01"),
    IDENTITY_DOUBTFUL("学信网身份存疑 R-ID-01"),
    NO_CHSI_ACADEMIC_PHOTO("学信网无学历照片 R-ID-02"),
    EXPIRED("学籍超过8年 R-EL-02"),
    MISSING_CREDITS("学分不足 R-EL-03"),
    FAILED_REQUIRED("必修课未通过 R-EL-03"),
    NO_PRACTICE("无毕业论文/综合实践成绩 R-EL-03"),
    LATE_GRADE("成绩晚于截止日期 R-EL-03"),
    SUPPLEMENTARY_MISSING("补修课未通过 R-EL-04"),
    LATE_EXEMPTION("免修免考申请逾期 R-EL-05"),
    ALREADY_GRADUATED("已毕业 R-EL-07"),
    NOT_DEGREE_ELIGIBLE("不符合学位条件 R-EL-08"),
    OUT_OF_SCOPE("入学学期不在批次范围 R-EL-01"),
    ELIGIBLE_NOT_STARTED("符合条件，未启动申请（用于 REST 演示）");

    private final String label;

    DemoCase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** 200 students: 120 eligible, then a handful of each failing case, then 8 left unstarted. */
    static DemoCase forIndex(int i) {
        if (i < 120) return ELIGIBLE;
        if (i < 130) return MISSING_PHOTO;
        if (i < 138) return IDENTITY_DOUBTFUL;
        if (i < 142) return NO_CHSI_ACADEMIC_PHOTO;
        if (i < 150) return EXPIRED;
        if (i < 158) return MISSING_CREDITS;
        if (i < 164) return FAILED_REQUIRED;
        if (i < 168) return NO_PRACTICE;
        if (i < 172) return LATE_GRADE;
        if (i < 176) return SUPPLEMENTARY_MISSING;
        if (i < 180) return LATE_EXEMPTION;
        if (i < 184) return ALREADY_GRADUATED;
        if (i < 188) return NOT_DEGREE_ELIGIBLE;
        if (i < 192) return OUT_OF_SCOPE;
        return ELIGIBLE_NOT_STARTED;
    }
}

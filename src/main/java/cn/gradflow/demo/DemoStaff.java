package cn.gradflow.demo;

import java.util.List;

/** Demo logins, one or more per unit; all invented. The README lists them. */
record DemoStaff(String userId, String lastName, String firstName, String unitCode) {

    static final List<DemoStaff> ALL = List.of(
            new DemoStaff("hq1", "总部", "终审员", "HQ"),
            new DemoStaff("gd1", "广东分部", "学籍科", "GD"),
            new DemoStaff("gz1", "广州分校", "审批员", "GDGZ"),
            new DemoStaff("sg1", "韶关分校", "审批员", "GDSG"),
            new DemoStaff("th1", "天河中心", "教务员", "GDGZ01"),
            new DemoStaff("py1", "番禺中心", "教务员", "GDGZ02"),
            new DemoStaff("zj1", "浈江中心", "教务员", "GDSG01"),
            new DemoStaff("smjk1", "生命健康学院", "学籍科", "SMJK"),
            new DemoStaff("bj1", "北京中心", "教务员", "SMJK01"));
}

package cn.gradflow.hqsubmission;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HqListTextTest {

    @Test
    void listIsGroupedByCityAndContinuingStudentsAreReportedSeparately() {
        String text = HqSubmissionDelegates.describe(List.of(
                new HqSubmissionRepository.Item(1, "S1", "甲", "GDGZ", "广州开放大学", "天河学习中心", false),
                new HqSubmissionRepository.Item(2, "S2", "乙", "GDGZ", "广州开放大学", "番禺学习中心", true),
                new HqSubmissionRepository.Item(3, "S3", "丙", null, null, "学院学习中心", false)));

        assertThat(text).startsWith("共 3 人").contains("**广州开放大学 GDGZ**（2 人）", "**（学院直管）**（1 人）",
                "**专科续读本科（单独上报）**（1 人）\n- S2 乙");
        assertThat(HqSubmissionDelegates.describe(List.of())).isEqualTo("（无）");
        assertThat(HqSubmissionDelegates.splitNos(" S1, S2，S3\nS4 ")).containsExactly("S1", "S2", "S3", "S4");
    }
}

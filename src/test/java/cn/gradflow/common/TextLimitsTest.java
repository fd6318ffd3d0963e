package cn.gradflow.common;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextLimitsTest {

    @Test
    void aTextIsRefusedOneCharacterOverItsLimitOrWithACharacterTheEngineCannotKeep() {
        assertThat(TextLimits.problem("退回原因", "退".repeat(1000), 1000)).isNull();
        assertThat(TextLimits.problem("退回原因", "退".repeat(1001), 1000)).isEqualTo("退回原因 最多 1000 字，本次 1001 字");
        assertThat(TextLimits.problem("退回原因", null, 1000)).isNull();
        assertThat(TextLimits.problem("退回原因", "照片背景😀不符", 1000)).isEqualTo("退回原因 含有无法保存的字符「😀」（表情符号或生僻字），请删除或改用常用字");
        assertThat(TextLimits.problem("姓名", "王𠀀", 100)).contains("「𠀀」");
        assertThat(TextLimits.problem("说明", "全角：，。、（）《》—…·", 100)).isNull();
    }

    @Test
    void aHistoryKeepsItsNewestLinesAndSaysHowManyItLeftOut() {
        List<String> lines = List.of("a".repeat(40), "b".repeat(40), "c".repeat(40));
        assertThat(TextLimits.lastLinesWithin(lines, 200, n -> "省略 " + n)).isEqualTo(String.join("\n", lines));
        assertThat(TextLimits.lastLinesWithin(lines, 90, n -> "省略 " + n)).isEqualTo("省略 1\n" + "b".repeat(40) + "\n" + "c".repeat(40));
        String one = TextLimits.lastLinesWithin(lines, 30, n -> "省略 " + n);
        assertThat(one).startsWith("省略 2\nccc").endsWith("…").hasSize(30);
    }

    @Test
    void findingsKeepTheirFirstLinesAndSayHowManyAreLeft() {
        List<String> lines = List.of("a".repeat(40), "b".repeat(40), "c".repeat(40));
        assertThat(TextLimits.firstLinesWithin(lines, 90, n -> "另有 " + n)).isEqualTo("a".repeat(40) + "\n" + "b".repeat(40) + "\n另有 1");
        assertThat(TextLimits.firstLinesWithin(lines, 30, n -> "另有 " + n)).endsWith("…\n另有 2").hasSize(30);
        assertThat(TextLimits.firstLinesWithin(List.of("x".repeat(50)), 10, n -> "另有 " + n)).isEqualTo("x".repeat(9) + "…");
    }
}

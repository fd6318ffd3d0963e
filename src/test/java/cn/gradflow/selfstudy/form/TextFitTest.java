package cn.gradflow.selfstudy.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a text goes into a box, with every character as wide as the font size (as CJK glyphs are). */
class TextFitTest {

    static final TextFit.Measure EM = (text, size) -> text.codePointCount(0, text.length()) * size;

    @ParameterizedTest(name = "{0} in {1}×{2} → {3} pt, {4}")
    @CsvSource(delimiter = '|', textBlock = """
            林晓雯                          | 100 | 20 | 10.0 | 林晓雯                          | false
            一二三四五六七八九十一           | 100 | 20 |  9.0 | 一二三四五六七八九十一           | false
            一二三四五六七八九十一二三四五   | 100 | 30 | 10.0 | 一二三四五六七八九十/一二三四五   | false
            一二三四五六七八九十一二三四五六 | 100 | 12 |  6.0 | 一二三四五六七八九十一二三四五六 | false
            一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五 | 100 | 12 |  6.0 | 一二三四五六七八九十一二三四五… | true
            该同志遵纪守法一二，工作认真     |  95 | 40 | 10.0 | 该同志遵纪守法一/二，工作认真     | false
            第一段\\n第二段                  | 100 | 40 | 10.0 | 第一段/第二段                    | false
            ''                              | 100 | 20 | 10.0 | ''                              | false
            """)
    void fit(String text, float width, float height, float size, String lines, boolean truncated) {
        TextFit.Fitted f = TextFit.fit(text.replace("\\n", "\n"), EM, width, height, 10f, 6f);
        assertThat(f.size()).isEqualTo(size);
        assertThat(f.lines()).isEqualTo(lines.isEmpty() ? List.of() : List.of(lines.split("/")));
        assertThat(f.truncated()).isEqualTo(truncated);
        f.lines().forEach(l -> assertThat(EM.width(l, f.size())).isLessThanOrEqualTo(width));
        assertThat(f.blockHeight()).isLessThanOrEqualTo(height);
    }
}

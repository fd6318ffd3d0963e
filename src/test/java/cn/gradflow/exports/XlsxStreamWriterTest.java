package cn.gradflow.exports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.gradflow.exports.SheetWriter.Column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The streaming writer's cells read back with POI: every text arrives as the same text (formula-like ones with
 * SafeCells' apostrophe), whatever XML would make of it; what XML 1.0 cannot carry is dropped, not the file broken.
 */
class XlsxStreamWriterTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                arguments("markup", "<b>&amp;\"'</b> a<b&c>d", "<b>&amp;\"'</b> a<b&c>d"),
                arguments("formula", "=HYPERLINK(\"http://x\",\"点我\")", "'=HYPERLINK(\"http://x\",\"点我\")"),
                arguments("plus", "+86 138", "'+86 138"),
                arguments("minus", "-1+1", "'-1+1"),
                arguments("at", "@SUM(1)", "'@SUM(1)"),
                arguments("leading tab", "\tx", "'\tx"),
                arguments("leading CR", "\rx", "'\rx"),
                arguments("CR, LF and tab inside", "a\rb\nc\td", "a\rb\nc\td"),
                arguments("C0 controls XML forbids", "a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg", "abcdefg"),
                arguments("DEL and C1 are allowed", "a\u007Fb\u0085c", "a\u007Fb\u0085c"),
                arguments("CJK Ext-B (surrogate pairs)", "𠀀𠮷野家𪚥", "𠀀𠮷野家𪚥"),
                arguments("lone high surrogate", "a\uD840b", "ab"),
                arguments("lone low surrogate", "a\uDC00b", "ab"),
                arguments("high surrogate at the end", "ab\uD840", "ab"),
                arguments("non-characters U+FFFE U+FFFF", "a\uFFFEb\uFFFFc", "abc"),
                arguments("Excel's character code stays literal", "_x0041_ and _x00e9_", "_x0041_ and _x00e9_"),
                arguments("not a character code", "_x004_ _xZZZZ_ a_b", "_x004_ _xZZZZ_ a_b"),
                arguments("leading and trailing spaces", "  两端空格  ", "  两端空格  "),
                arguments("Chinese", "林晓明（天河学习中心）", "林晓明（天河学习中心）"),
                arguments("apostrophe first stays", "'already", "'already"),
                arguments("empty", "", ""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("texts")
    void everyTextComesBackAsWritten(String what, String text, String expected) throws IOException {
        Cell cell = readBack(text).getRow(1).getCell(1);
        assertThat(cell.getCellType()).as(what).isEqualTo(CellType.STRING);
        assertThat(cell.getStringCellValue()).as(what).isEqualTo(expected);
        assertThat(readBack(text).getRow(1).getCell(0).getStringCellValue()).as("the cell before it").isEqualTo("前");
        assertThat(readBack(text).getRow(1).getCell(2).getStringCellValue()).as("the cell after it").isEqualTo("后");
    }

    @Test
    void numbersAreNumericCellsBooleansChineseAndNullsEmpty() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XlsxStreamWriter w = new XlsxStreamWriter(bytes)) {
            w.sheet("数", List.of(new Column("a", 8), new Column("b", 8), new Column("c", 8), new Column("d", 8), new Column("e", 8)));
            w.row(42L, 1.5, true, null, -7);
            w.row(false, null, 0, Double.NaN);
            w.finish();
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            Sheet sheet = wb.getSheet("数");
            assertThat(sheet.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(42.0);
            assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(1.5);
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("是");
            assertThat(sheet.getRow(1).getCell(3)).isNull();
            assertThat(sheet.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(-7.0);
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("否");
            assertThat(sheet.getRow(2).getCell(2).getNumericCellValue()).isZero();
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).as("not a number Excel knows: text").isEqualTo("NaN");
        }
    }

    @Test
    void sheetsHaveABoldFrozenHeaderAndTheirWidths() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XlsxStreamWriter w = new XlsxStreamWriter(bytes)) {
            w.sheet("毕业生花名册", List.of(new Column("电子注册号", 20), new Column("姓名", 12)));
            w.row("51161820236000001", "规模0");
            w.sheet("第二张 & <表>", List.of(new Column("学号", 300)));
            w.finish();
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("毕业生花名册");
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(pane.getVerticalSplitPosition()).isZero();
            assertThat(sheet.getColumnWidth(0)).isEqualTo(20 * 256);
            assertThat(sheet.getColumnWidth(1)).isEqualTo(12 * 256);
            XSSFCell header = (XSSFCell) sheet.getRow(0).getCell(0);
            assertThat(header.getStringCellValue()).isEqualTo("电子注册号");
            assertThat(header.getCellStyle().getFont().getBold()).isTrue();
            assertThat(((XSSFCell) sheet.getRow(1).getCell(0)).getCellStyle().getFont().getBold()).isFalse();
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("规模0");
            Sheet second = wb.getSheetAt(1);
            assertThat(second.getSheetName()).isEqualTo("第二张 & <表>");
            assertThat(second.getColumnWidth(0)).as("at most 255 characters").isEqualTo(255 * 256);
            assertThat(second.getLastRowNum()).isZero();
        }
    }

    @Test
    void aStreamThatFailsRaisesUncheckedIoFromTheWriter() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        XlsxStreamWriter w = new XlsxStreamWriter(broken);
        assertThatThrownBy(() -> {
            w.sheet("表", List.of(new Column("a", 8)));
            for (int i = 0; i < 100_000; i++) {
                w.row("一行又一行" + i);
            }
        }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("Broken pipe");
    }

    private static Sheet readBack(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XlsxStreamWriter w = new XlsxStreamWriter(bytes)) {
            w.sheet("表", List.of(new Column("前", 8), new Column("值", 20), new Column("后", 8)));
            w.row("前", text, "后");
            w.finish();
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            return wb.getSheetAt(0);
        }
    }
}

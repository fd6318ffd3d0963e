package cn.gradflow.common;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What Excel would run as a formula is escaped with a leading apostrophe (OWASP); everything else is left alone. */
class SafeCellsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NULL", value = {
            "=HYPERLINK(1)    | '=HYPERLINK(1)",
            "=1+1             | '=1+1",
            "+86 138          | '+86 138",
            "-1+1             | '-1+1",
            "@SUM(1)          | '@SUM(1)",
            "林晓明           | 林晓明",
            "2440100000000    | 2440100000000",
            "a=b              | a=b",
            "'already         | 'already",
            "NULL             | NULL",
    })
    void escapesWhatExcelWouldRun(String text, String expected) {
        assertThat(SafeCells.escape(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] control character {0}")
    @CsvSource({"9", "13"})
    void escapesTabAndCarriageReturn(int control) {
        String text = (char) control + "x";
        assertThat(SafeCells.escape(text)).isEqualTo("'" + text);
        assertThat(SafeCells.escape("x" + (char) control)).isEqualTo("x" + (char) control);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"=1+1", "@A1", "plain"})
    void cellsAreAlwaysStrings(String text) throws Exception {
        try (SXSSFWorkbook wb = new SXSSFWorkbook()) {
            Cell cell = wb.createSheet().createRow(0).createCell(0);
            SafeCells.text(cell, text);
            assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
            assertThat(cell.getStringCellValue()).isEqualTo(SafeCells.escape(text));
            SafeCells.text(cell, null);
            assertThat(cell.getCellType()).isEqualTo(CellType.BLANK);
            wb.dispose();
        }
    }
}

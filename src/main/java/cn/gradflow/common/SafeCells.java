package cn.gradflow.common;

import org.apache.poi.ss.usermodel.Cell;

/**
 * Text written into a workbook that Excel must never run (CSV/formula injection, OWASP): a value
 * starting with {@code = + - @}, tab or CR gets a leading apostrophe, so {@code =HYPERLINK(...)}
 * stays the text {@code '=HYPERLINK(...)} even when the sheet is saved as CSV or a cell is edited.
 * The apostrophe is kept visible on purpose: the value says it was escaped. Every export and every
 * import report writes its texts through here; numbers stay numeric cells.
 */
public final class SafeCells {

    private SafeCells() {
    }

    /** The text as it may go into a cell: unchanged unless Excel would read it as a formula. */
    public static String escape(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    /** Sets the cell to the escaped text, always as a string cell (never a formula); null leaves it blank. */
    public static void text(Cell cell, String text) {
        if (text == null) {
            cell.setBlank();
        } else {
            cell.setCellValue(escape(text));
        }
    }
}

package cn.gradflow.exports;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * One workbook being written: sheets with a bold Chinese header row, frozen under it, fixed column widths, and
 * rows whose texts go through {@link cn.gradflow.common.SafeCells}. {@link XlsxStreamWriter} streams the list
 * exports straight into the response; {@link PoiSheetWriter} builds the small statistics workbook (it carries a
 * chart) with POI.
 */
interface SheetWriter extends Closeable {

    /** A column: its header and width in characters (a CJK character counts two). */
    record Column(String header, int width) {
    }

    /** Starts a sheet: header row 1, frozen, widths set; following {@link #row} calls fill it. */
    void sheet(String name, List<Column> columns);

    /** Texts (escaped), numbers (numeric cells), booleans (是/否); null leaves the cell empty. */
    void row(Object... values);

    /** Completes the workbook in its stream (the stream itself stays open). */
    void finish() throws IOException;
}

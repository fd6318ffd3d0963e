package cn.gradflow.exports;

import java.io.Closeable;
import java.io.IOException;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.GZIPSheetDataWriter;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.gradflow.common.SafeCells;

/**
 * One workbook being written: sheets with a bold Chinese header row, frozen under it, fixed column widths
 * (never autoSizeColumn, which on a streamed sheet of 100,000 rows would measure every row), and rows whose
 * texts go through {@link SafeCells}. Streamed (SXSSF: 200 rows in memory, the rest in gzip temp files)
 * except for the small statistics workbook, which carries a chart and so is plain XSSF. {@link #close()}
 * deletes the temp files whatever happened, a client that hung up included.
 */
final class SheetWriter implements Closeable {

    /** A column: its header and width in characters (a CJK character counts two). */
    record Column(String header, int width) {
    }

    private static final int ROWS_IN_MEMORY = 200;

    private final Workbook workbook;
    private final CellStyle headerStyle;
    /**
     * The workbook's default style (index 0), set on every data cell: a streamed cell without a style looks for
     * its column's default style in the sheet's column definitions (XMLBeans, once per cell, about half the time
     * of a large export, since the widths define columns) and then falls back to this very style. The file is the
     * same: style 0 is written as no style attribute.
     */
    private final CellStyle plainStyle;
    private Sheet sheet;
    private int nextRow;

    private SheetWriter(Workbook workbook) {
        this.workbook = workbook;
        this.headerStyle = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle.setFont(bold);
        this.plainStyle = workbook.getCellStyleAt(0);
    }

    static SheetWriter streamed() {
        return new SheetWriter(new SXSSFWorkbook(null, ROWS_IN_MEMORY, true, false) {
            @Override
            protected SheetDataWriter createSheetDataWriter() throws IOException {
                return new FastGzipSheetData();
            }
        });
    }

    /**
     * The flushed rows' temp file gzipped at the fastest level: at POI's default level the compression took about
     * half the time of a 20,000-row export (measured, issue 13); the fastest level still shrinks the XML several
     * times (about 10 MB rather than 80 MB for 100,000 roster rows), which matters with many exports at once.
     */
    private static final class FastGzipSheetData extends GZIPSheetDataWriter {

        FastGzipSheetData() throws IOException {
            super();
        }

        @Override
        protected OutputStream decorateOutputStream(FileOutputStream file) throws IOException {
            return new GZIPOutputStream(file, 64 * 1024) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }
    }

    static SheetWriter inMemory() {
        return new SheetWriter(new XSSFWorkbook());
    }

    Workbook workbook() {
        return workbook;
    }

    /** Starts a sheet: header row 1, frozen, widths set; following {@link #row} calls fill it. */
    Sheet sheet(String name, List<Column> columns) {
        sheet = workbook.createSheet(name);
        nextRow = 0;
        Row header = sheet.createRow(nextRow++);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = header.createCell(i);
            cell.setCellValue(columns.get(i).header());
            cell.setCellStyle(headerStyle);
            sheet.setColumnWidth(i, Math.min(255, columns.get(i).width()) * 256);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    /** Texts (escaped), numbers (numeric cells), booleans (是/否); null leaves the cell empty. */
    void row(Object... values) {
        Row row = sheet.createRow(nextRow++);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            cell.setCellStyle(plainStyle);
            if (v instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else if (v instanceof Boolean b) {
                cell.setCellValue(b ? "是" : "否");
            } else {
                SafeCells.text(cell, v.toString());
            }
        }
    }

    void write(OutputStream out) throws IOException {
        workbook.write(out);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            if (workbook instanceof SXSSFWorkbook streamed) {
                streamed.dispose();
            }
        } finally {
            workbook.close();
        }
    }
}

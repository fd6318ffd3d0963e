package cn.gradflow.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.gradflow.common.SafeCells;

/**
 * The statistics workbook (one row per city and a chart on a sheet of its own), in memory with POI's XSSF: the
 * chart needs POI's drawing model, and the workbook is small. Written to its stream on {@link #finish()}.
 */
final class PoiSheetWriter implements SheetWriter {

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final OutputStream out;
    private final CellStyle headerStyle;
    private Sheet sheet;
    private int nextRow;

    PoiSheetWriter(OutputStream out) {
        this.out = out;
        this.headerStyle = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle.setFont(bold);
    }

    /** The sheet being filled (for the chart). */
    Sheet current() {
        return sheet;
    }

    @Override
    public void sheet(String name, List<Column> columns) {
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
    }

    @Override
    public void row(Object... values) {
        Row row = sheet.createRow(nextRow++);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            if (v instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else if (v instanceof Boolean b) {
                cell.setCellValue(b ? "是" : "否");
            } else {
                SafeCells.text(cell, v.toString());
            }
        }
    }

    @Override
    public void finish() throws IOException {
        workbook.write(out);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}

package cn.gradflow.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Workbooks for the import tests, written with POI as a clerk's Excel would: text, numbers, real dates, formulas. */
final class Workbooks {

    /** A cell holding this formula (and, as Excel saves it, a cached result). */
    record Formula(String formula) {
    }

    private Workbooks() {
    }

    static byte[] xlsx(List<String> headers, List<Object[]> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            write(workbook, headers, rows);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Workbook workbook, List<String> headers, Iterable<Object[]> rows) {
        Sheet sheet = workbook.createSheet("数据");
        CellStyle date = workbook.createCellStyle();
        date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
        Row header = sheet.createRow(0);
        for (int c = 0; c < headers.size(); c++) {
            header.createCell(c).setCellValue(headers.get(c));
        }
        int r = 1;
        for (Object[] values : rows) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < values.length; c++) {
                Object value = values[c];
                if (value == null) {
                    continue;
                }
                Cell cell = row.createCell(c);
                if (value instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (value instanceof LocalDate d) {
                    cell.setCellValue(d);
                    cell.setCellStyle(date);
                } else if (value instanceof Formula f) {
                    cell.setCellFormula(f.formula());
                } else {
                    cell.setCellValue(value.toString());
                }
            }
        }
    }

    static void write(Workbook workbook, OutputStream out) throws IOException {
        workbook.write(out);
    }
}

package cn.gradflow.benchmark;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Issue 13's export baseline: POI SXSSF (window of 100 rows) writing the roster's 12 columns as texts and numbers, as
 * an export writes them. One place, so the benchmark's row and {@code exports.ExportHeapProbe} measure the same cells.
 */
public final class RosterCellsBaseline {

    private RosterCellsBaseline() {
    }

    public static void write(int count, OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            SXSSFSheet sheet = workbook.createSheet("毕业生名册");
            for (int r = 0; r < count; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(r + 1);
                row.createCell(1).setCellValue(String.format("9%012d", r));
                row.createCell(2).setCellValue("学生" + r);
                row.createCell(3).setCellValue(String.format("4401%014d", r));
                row.createCell(4).setCellValue("广东分部");
                row.createCell(5).setCellValue("广州分校");
                row.createCell(6).setCellValue("天河学习中心");
                row.createCell(7).setCellValue("行政管理");
                row.createCell(8).setCellValue("专科");
                row.createCell(9).setCellValue("2023春");
                row.createCell(10).setCellValue("GD2026" + String.format("%06d", r));
                row.createCell(11).setCellValue("2026-01-20");
            }
            workbook.write(out);
            workbook.dispose();
        }
    }
}

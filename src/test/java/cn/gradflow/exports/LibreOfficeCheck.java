package cn.gradflow.exports;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import cn.gradflow.cases.PendingListProbe;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;

/**
 * The manual LibreOffice check of every export (issue 13; tools/libreoffice/check.sh runs it, not any test run):
 * {@code write DIR} seeds an H2 file (3 batches, student numbers and all-digit ID numbers with leading zeros, a
 * formula-like name every tenth, Chinese everywhere, 17-digit registration numbers) and writes every workbook of
 * batch 210107 for HQ, a branch and a city; LibreOffice then converts each to CSV and saves each again as .xlsx;
 * {@code check DIR} compares, cell by cell, what POI reads in GradFlow's workbook with LibreOffice's CSV and with the
 * workbook LibreOffice saved (no formula cell either), and reads a pending list filled in and saved by LibreOffice
 * with the decisions import's own reader. Prints one line per file and exits 1 on the first difference.
 */
public final class LibreOfficeCheck {

    static final String BATCH = "210107";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]).toAbsolutePath();
        if ("write".equals(args[0])) {
            write(dir);
        } else {
            System.exit(check(dir) ? 0 : 1);
        }
    }

    private static void write(Path dir) throws Exception {
        Path xlsx = Files.createDirectories(dir.resolve("xlsx"));
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
            ds.setUsername("sa");
            ds.setPassword("");
            Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            if (jdbc.queryForObject("SELECT COUNT(*) FROM batch", Integer.class) == 0) {
                ExportPlanProbe.seed(jdbc, 3, 1_000);
            }
            WorkbookExports exports = new WorkbookExports(ds);
            for (Unit unit : List.of(new Unit("HQ", "总部", Tier.HQ, null, null), new Unit("XB1", "分部1", Tier.BRANCH, "HQ", true),
                    new Unit("XB1C1", "分校1-1", Tier.CITY, "XB1", null))) {
                for (ExportKind kind : ExportKind.values()) {
                    try (OutputStream out = Files.newOutputStream(xlsx.resolve(kind.path() + "-" + unit.code() + ".xlsx"))) {
                        long rows = exports.write(kind, BATCH, unit, id -> id, out);
                        System.out.println("WROTE " + kind.path() + "-" + unit.code() + ".xlsx rows=" + rows);
                    }
                }
            }
        }
    }

    private static boolean check(Path dir) throws Exception {
        boolean ok = true;
        try (Stream<Path> files = Files.list(dir.resolve("xlsx"))) {
            for (Path original : files.sorted().toList()) {
                String base = original.getFileName().toString().replace(".xlsx", "");
                List<String> problems = new ArrayList<>();
                List<String> sheetNames = new ArrayList<>();
                int rows = 0;
                try (XSSFWorkbook ours = open(original); XSSFWorkbook saved = open(dir.resolve("lo-xlsx").resolve(original.getFileName()))) {
                    for (Sheet sheet : ours) {
                        sheetNames.add(sheet.getSheetName());
                        List<List<String>> expected = texts(sheet);
                        rows += expected.size();
                        Path csv = dir.resolve("csv").resolve(base + "-" + sheet.getSheetName() + ".csv");
                        List<List<String>> shown = Files.exists(csv) ? csv(Files.readString(csv, StandardCharsets.UTF_8)) : null;
                        compare(problems, "CSV " + sheet.getSheetName(), expected, shown);
                        Sheet again = saved.getSheet(sheet.getSheetName());
                        compare(problems, "xlsx saved by LibreOffice " + sheet.getSheetName(), expected, again == null ? null : texts(again));
                        if (again != null) {
                            for (Row row : again) {
                                for (Cell cell : row) {
                                    if (cell.getCellType() == CellType.FORMULA) {
                                        problems.add("a formula in the saved workbook at " + cell.getAddress() + ": " + cell.getCellFormula());
                                    }
                                }
                            }
                        }
                    }
                }
                System.out.println((problems.isEmpty() ? "OK   " : "FAIL ") + base + " sheets=" + sheetNames + " rows=" + rows
                        + (problems.isEmpty() ? "" : " " + problems.subList(0, Math.min(5, problems.size()))));
                ok &= problems.isEmpty();
            }
        }
        // the round trip: the pending list filled in (决定 = 通过 on every row) and saved by LibreOffice, read as the import reads it
        {
            Path filled = dir.resolve("filled").resolve("pending-XB1C1.xlsx");
            List<List<String>> sent;
            try (XSSFWorkbook ours = open(dir.resolve("xlsx").resolve("pending-XB1C1.xlsx"))) {
                sent = texts(ours.getSheetAt(0));
            }
            List<Map<String, String>> read = PendingListProbe.read(filled.toFile());
            List<String> problems = new ArrayList<>();
            if (read.size() != sent.size() - 1) {
                problems.add("rows " + read.size() + " of " + (sent.size() - 1));
            }
            for (int i = 0; i < Math.min(read.size(), sent.size() - 1); i++) {
                Map<String, String> cells = read.get(i);
                if (!sent.get(i + 1).get(0).equals(cells.get("学号")) || !"通过".equals(cells.get("决定"))) {
                    problems.add("row " + (i + 2) + ": " + cells);
                    break;
                }
            }
            System.out.println((problems.isEmpty() ? "OK   " : "FAIL ") + "pending list filled in LibreOffice, read by the decisions import: "
                    + read.size() + " rows" + (problems.isEmpty() ? "" : " " + problems));
            ok &= problems.isEmpty();
        }
        return ok;
    }

    /** Read only: a workbook opened from a File is written back on close (POI added relationships to the originals). */
    private static XSSFWorkbook open(Path xlsx) throws Exception {
        return new XSSFWorkbook(OPCPackage.open(xlsx.toFile(), PackageAccess.READ));
    }

    private static void compare(List<String> problems, String what, List<List<String>> expected, List<List<String>> actual) {
        if (actual == null) {
            problems.add(what + ": missing");
            return;
        }
        if (expected.size() != actual.size()) {
            problems.add(what + ": " + actual.size() + " rows, expected " + expected.size());
        }
        for (int r = 0; r < Math.min(expected.size(), actual.size()); r++) {
            List<String> e = trimmed(expected.get(r));
            List<String> a = trimmed(actual.get(r));
            if (!e.equals(a)) {
                problems.add(what + " row " + (r + 1) + ": " + a + " instead of " + e);
                return;
            }
        }
    }

    /** Without trailing empty cells: CSV writes as many commas as the widest row, POI stops at the last cell. */
    private static List<String> trimmed(List<String> row) {
        int n = row.size();
        while (n > 0 && row.get(n - 1).isEmpty()) {
            n--;
        }
        return row.subList(0, n);
    }

    /** Each cell's value as text: strings as stored, whole numbers without a decimal point, empty cells empty. */
    private static List<List<String>> texts(Sheet sheet) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<String> cells = new ArrayList<>();
            if (row != null) {
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : switch (cell.getCellType()) {
                        case STRING -> cell.getStringCellValue();
                        case NUMERIC -> cell.getNumericCellValue() == Math.rint(cell.getNumericCellValue())
                                ? String.valueOf((long) cell.getNumericCellValue()) : String.valueOf(cell.getNumericCellValue());
                        case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
                        case FORMULA -> "=" + cell.getCellFormula();
                        default -> "";
                    });
                }
            }
            rows.add(cells);
        }
        // LibreOffice's CSV ends at the last row with content
        while (!rows.isEmpty() && trimmed(rows.get(rows.size() - 1)).isEmpty()) {
            rows.remove(rows.size() - 1);
        }
        return rows;
    }

    /** RFC 4180 CSV (LibreOffice's: comma, double quotes doubled, line breaks inside quotes). */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}

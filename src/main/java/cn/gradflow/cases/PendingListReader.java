package cn.gradflow.cases;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads the filled pending list (sheet {@value #SHEET}, else the first sheet) row by row with POI's event API:
 * a big workbook never becomes a workbook in memory. Columns are found by their header text in row 1, in any
 * order; extra columns are ignored.
 */
final class PendingListReader {

    static final String SHEET = "待处理名单";
    static final String STUDENT_NO = "学号";
    static final String DECISION = "决定";
    static final String DEGREE_TYPE = "学位类型";
    static final String LETTER = "承诺书";
    static final String REASON = "原因";
    static final List<String> REQUIRED = List.of(STUDENT_NO, DECISION);

    /** One data row: its Excel row number (the header is row 1) and its cells by header text (blank cells absent). */
    interface RowHandler {
        void row(int excelRow, Map<String, String> cells);
    }

    /** The workbook cannot be read as a pending list; nothing was decided. */
    static final class Unreadable extends Exception {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private PendingListReader() {
    }

    static void read(File xlsx, RowHandler handler) throws Unreadable {
        try (OPCPackage pkg = OPCPackage.open(xlsx, PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            InputStream chosen = null;
            while (sheets.hasNext()) {
                InputStream sheet = sheets.next();
                if (chosen == null || SHEET.equals(sheets.getSheetName())) {
                    if (chosen != null) {
                        chosen.close();
                    }
                    chosen = sheet;
                    if (SHEET.equals(sheets.getSheetName())) {
                        break;
                    }
                } else {
                    sheet.close();
                }
            }
            if (chosen == null) {
                throw new Unreadable("工作簿中没有工作表", null);
            }
            try (InputStream sheet = chosen) {
                Rows rows = new Rows(handler);
                XMLReader parser = SAXHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, rows, new WholeNumbers(), false));
                parser.parse(new InputSource(sheet));
                if (rows.headers == null) {
                    throw new Unreadable("工作表是空的：第 1 行应为表头（" + String.join("、", REQUIRED) + " 等）", null);
                }
            } catch (HeaderProblem e) {
                throw new Unreadable(e.getMessage(), null);
            } catch (SAXException e) {
                Throwable cause = e.getException() != null ? e.getException() : e.getCause();
                if (cause instanceof RuntimeException inner) {
                    throw inner; // the handler's own failure
                }
                throw new Unreadable("工作表内容无法读取：" + e.getMessage(), e);
            }
        } catch (NotOfficeXmlFileException | InvalidFormatException e) {
            throw new Unreadable("不是有效的 xlsx 工作簿（请用 Excel 另存为 .xlsx）", e);
        } catch (OpenXML4JException | IOException | SAXException | javax.xml.parsers.ParserConfigurationException
                 | org.apache.poi.ooxml.POIXMLException e) {
            throw new Unreadable("工作簿已损坏或超出安全限制，无法读取", e);
        } catch (org.apache.poi.openxml4j.exceptions.InvalidOperationException e) {
            throw new Unreadable("不是有效的 xlsx 工作簿", e);
        }
    }

    /**
     * A 学号 typed as a number keeps its digits: Excel's General format (and POI's) shows 2440100000000 as
     * 2.4401E+12 from the 12th digit on, and the clerk never sees the difference.
     */
    static final class WholeNumbers extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if ((formatIndex == 0 || "General".equalsIgnoreCase(formatString)) && value == Math.rint(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value);
            }
            return super.formatRawCellContents(value, formatIndex, formatString);
        }
    }

    private static final class HeaderProblem extends RuntimeException {
        HeaderProblem(String message) {
            super(message);
        }
    }

    /** Collects a row's cells, then hands it on; the first row names the columns. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowHandler handler;
        private Map<Integer, String> headers;
        private final Map<Integer, String> cells = new HashMap<>();
        private int nextColumn;

        Rows(RowHandler handler) {
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            nextColumn = 0;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            nextColumn = column + 1;
            if (value != null && !value.isBlank()) {
                cells.put(column, value.strip());
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (headers == null) {
                headers = new HashMap<>(cells);
                List<String> missing = REQUIRED.stream().filter(h -> !headers.containsValue(h)).toList();
                if (missing.isEmpty() && rowNum == 0) {
                    return;
                }
                throw new HeaderProblem(rowNum == 0 ? "第 1 行表头缺少：" + String.join("、", missing)
                        : "第 1 行应为表头（" + String.join("、", REQUIRED) + " 等），但它是空的");
            }
            if (cells.isEmpty()) {
                return; // a blank line
            }
            Map<String, String> byHeader = new LinkedHashMap<>();
            cells.forEach((column, value) -> {
                String header = headers.get(column);
                if (header != null) {
                    byHeader.put(header, value);
                }
            });
            handler.row(rowNum + 1, byHeader);
        }
    }
}

package cn.gradflow.imports;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Streams the first worksheet of an .xlsx row by row (SAX over the sheet XML, shared strings read-only): a
 * 100,000-row sheet is never held as rows. The file is opened from disk (random access: no entry is
 * inflated into memory) under explicit zip-bomb limits, and every way a file can be broken ends in
 * {@link ImportRefused} with a Chinese reason, never in an exception the job cannot explain.
 */
final class SheetReader implements Closeable {

    /** A sheet XML of 100,000 students is about 40 MB; nothing a real roster sheet needs is near this. */
    static final long MAX_ENTRY_BYTES = 150L * 1024 * 1024;
    /** Real sheets compress 5–20 times; a bomb thousands of times (POI's default, stated so nobody lowers it unseen). */
    static final double MIN_INFLATE_RATIO = 0.01;
    /** For POI's text extractors only (the sheet is read by SAX here): its default, stated. */
    static final long MAX_TEXT_CHARS = 10L * 1024 * 1024;
    static final int MAX_DATA_ROWS = 200_000;
    /**
     * The shared strings are held in memory while the sheet streams (POI has no disk-backed table): 200,000
     * students' names, numbers and ID numbers are under 20 MB of XML. A larger table is refused before it
     * is parsed, so a ratio-compliant bomb cannot fill the heap with strings.
     */
    static final long MAX_SHARED_STRINGS_BYTES = 40L * 1024 * 1024;
    /** Excel's own limit for one cell; a longer "cell" is a crafted file, and would otherwise grow in memory unbounded. */
    static final int MAX_CELL_CHARS = 32_767;

    static {
        // JVM-wide in POI: the same limits then hold for any other workbook GradFlow opens
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
        ZipSecureFile.setMaxTextSize(MAX_TEXT_CHARS);
        ZipSecureFile.setMaxFileCount(1000);
    }

    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;

    private SheetReader(OPCPackage pkg) {
        this.pkg = pkg;
        try {
            reader = new XSSFReader(pkg);
            strings = sharedStrings(pkg);
            styles = reader.getStylesTable();
        } catch (Exception e) {
            pkg.revert();
            throw refusal(e);
        }
    }

    private static ReadOnlySharedStringsTable sharedStrings(OPCPackage pkg) throws Exception {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return new ReadOnlySharedStringsTable(pkg, false);
        }
        try (InputStream in = new BoundedInputStream(parts.get(0).getInputStream(), MAX_SHARED_STRINGS_BYTES)) {
            return new ReadOnlySharedStringsTable(in, false);
        }
    }

    /** Counts what is really read (a ZIP entry's declared size is the sender's word) and stops past the limit. */
    private static final class BoundedInputStream extends FilterInputStream {
        private final long limit;
        private long read;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new ImportRefused("工作簿的共享文本超过 " + (limit >> 20) + " MB，不是正常的名单文件，已拒绝");
            }
        }
    }

    static SheetReader open(Path file) {
        try {
            return new SheetReader(OPCPackage.open(file.toFile(), PackageAccess.READ));
        } catch (Exception e) {
            throw refusal(e);
        }
    }

    /**
     * Reads row 1 as headers (returned as found) and hands every non-blank data row to {@code rows}; the
     * caller compares the headers before any row is used: {@code rows} is called only when {@code headersOk}
     * accepts them.
     */
    void read(int columns, java.util.function.Predicate<String[]> headersOk, Consumer<SheetRow> rows) {
        try {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ImportRefused("工作簿中没有工作表：请把数据放在第一个工作表中");
            }
            try (InputStream sheet = sheets.next()) {
                RowCollector collector = new RowCollector(columns, headersOk, rows);
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new FormulaAwareHandler(collector));
                xml.parse(new InputSource(sheet));
                if (!collector.headerSeen) {
                    throw new ImportRefused("工作表是空的：第 1 行应为表头");
                }
            }
        } catch (StopReading headersRefused) {
            // the caller holds the header error; nothing after row 1 is read
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof StopReading) {
                    return;
                }
            }
            throw refusal(e);
        }
    }

    @Override
    public void close() {
        pkg.revert(); // opened read-only: nothing to save
    }

    static ImportRefused refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ImportRefused refused) {
                return refused;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Zip bomb") || message.contains("max size allowed") || message.contains("max. ratio")) {
                return new ImportRefused("文件解压后过大或压缩比异常（疑似压缩炸弹），已拒绝", e);
            }
            if (t instanceof OLE2NotOfficeXmlFileException) {
                return new ImportRefused("这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 后再导入", e);
            }
            if (message.contains("MAX_FILE_COUNT") || message.contains("file count")) {
                return new ImportRefused("压缩包中的文件过多，不是正常的 .xlsx 工作簿", e);
            }
        }
        if (e instanceof NotOfficeXmlFileException) {
            return new ImportRefused("文件不是 Excel 工作簿（.xlsx）", e);
        }
        return new ImportRefused("文件已损坏或不是有效的 Excel 工作簿（.xlsx），无法读取", e);
    }

    /** Thrown inside the SAX parse once the headers are wrong: nothing after row 1 is read. */
    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    /**
     * POI's handler, told also where a formula sits: {@code XSSFSheetXMLHandler} hands on a formula's
     * cached result as if it were a value, which is what the import must refuse.
     */
    private final class FormulaAwareHandler extends XSSFSheetXMLHandler {

        private final RowCollector collector;
        private long cellChars;
        private boolean inText;

        FormulaAwareHandler(RowCollector collector) {
            super(styles, null, strings, collector, new PlainFormatter(), false);
            this.collector = collector;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if ("v".equals(localName) || "t".equals(localName) || "f".equals(localName)) {
                inText = true;
            }
            if ("c".equals(localName)) {
                cellChars = 0;
                String ref = attributes.getValue("r");
                collector.column = ref == null ? collector.column + 1 : new CellReference(ref).getCol();
            } else if ("f".equals(localName)) {
                collector.formula(collector.column);
            }
            super.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if ("v".equals(localName) || "t".equals(localName) || "f".equals(localName)) {
                inText = false;
            }
            super.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            cellChars += inText ? length : 0;
            if (cellChars > MAX_CELL_CHARS) {
                throw new ImportRefused("第 " + collector.rowNumber + " 行有单元格超过 Excel 的上限 " + MAX_CELL_CHARS + " 个字符，不是正常的名单文件，已拒绝");
            }
            super.characters(ch, start, length);
        }
    }

    /** Numbers as plain decimals (no 2.04401E+9, no thousands separators), date cells as yyyy-MM-dd. */
    private static final class PlainFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final int columns;
        private final java.util.function.Predicate<String[]> headersOk;
        private final Consumer<SheetRow> rows;
        private boolean headerSeen;
        private int dataRows;
        private int rowNumber;
        private int column = -1;
        private String[] values;
        private boolean[] formula;
        private String[] header;

        RowCollector(int columns, java.util.function.Predicate<String[]> headersOk, Consumer<SheetRow> rows) {
            this.columns = columns;
            this.headersOk = headersOk;
            this.rows = rows;
        }

        void formula(int col) {
            if (header == null && col >= 0 && col < columns) {
                formula[col] = true;
            }
        }

        @Override
        public void startRow(int rowNum) {
            rowNumber = rowNum + 1;
            column = -1;
            if (!headerSeen) {
                header = new String[columns + 1]; // one more: a header beyond the expected ones is wrong too
                if (rowNumber != 1) { // row 1 empty: the headers are missing
                    headerSeen = true;
                    headersOk.test(header);
                    throw new StopReading();
                }
            } else {
                header = null;
                values = new String[columns];
                formula = new boolean[columns];
            }
        }

        @Override
        public void cell(String cellReference, String formattedValue, org.apache.poi.xssf.usermodel.XSSFComment comment) {
            int col = cellReference == null ? column : new CellReference(cellReference).getCol();
            String value = formattedValue == null || formattedValue.isBlank() ? null : formattedValue.strip();
            if (header != null) {
                if (col < columns) {
                    header[col] = value;
                } else if (value != null) {
                    header[columns] = value;
                }
            } else if (col >= 0 && col < columns) {
                values[col] = value;
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (header != null) {
                headerSeen = true;
                if (!headersOk.test(header)) {
                    throw new StopReading();
                }
                header = null;
                return;
            }
            SheetRow row = new SheetRow(rowNumber, values, formula);
            if (row.blank()) {
                return;
            }
            for (int c = 0; c < columns; c++) {
                if (formula[c]) {
                    values[c] = null; // the cached result of a refused formula is never used
                }
            }
            if (++dataRows > MAX_DATA_ROWS) {
                throw new ImportRefused("数据行超过 " + MAX_DATA_ROWS + " 行：请拆分为多个文件导入");
            }
            rows.accept(row);
        }
    }

}

package cn.gradflow.imports;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams the first worksheet of an .xlsx row by row (SAX over the sheet XML, shared strings as a list of texts): a
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
    /** The shared strings as plain text (POI's table wraps each in an XMLBeans rich text on every read). */
    private final List<String> strings;
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

    /** Each {@code si}'s text: its {@code t} runs joined, phonetic runs ({@code rPh}) left out, as POI's read-only table does. */
    private static List<String> sharedStrings(OPCPackage pkg) throws Exception {
        List<String> strings = new ArrayList<>();
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return strings;
        }
        try (InputStream in = new BoundedInputStream(parts.get(0).getInputStream(), MAX_SHARED_STRINGS_BYTES)) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                private final StringBuilder text = new StringBuilder();
                private boolean inItem;
                private boolean inText;
                private boolean inPhonetic;

                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    switch (localName) {
                        case "si" -> {
                            inItem = true;
                            text.setLength(0);
                        }
                        case "t" -> inText = inItem && !inPhonetic;
                        case "rPh" -> inPhonetic = true;
                        default -> { }
                    }
                }

                @Override
                public void endElement(String uri, String localName, String qName) {
                    switch (localName) {
                        case "si" -> {
                            inItem = false;
                            strings.add(text.toString());
                        }
                        case "t" -> inText = false;
                        case "rPh" -> inPhonetic = false;
                        default -> { }
                    }
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    if (inText) {
                        text.append(ch, start, length);
                    }
                }
            });
            xml.parse(new InputSource(in));
        }
        return strings;
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
                xml.setContentHandler(new CellHandler(collector));
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
     * The sheet's XML read straight into rows (what POI's {@code XSSFSheetXMLHandler} did, without an XMLBeans
     * object per cell, the better part of the import's time): the cell's text by its type, numbers formatted
     * by their style, and where a formula sits, whose cached result the import must refuse.
     */
    private final class CellHandler extends DefaultHandler {

        private final RowCollector collector;
        private final PlainFormatter formatter = new PlainFormatter();
        /** Number formats by style index: a sheet has few styles, its cells many. */
        private final java.util.Map<String, NumberFormat> formats = new java.util.HashMap<>();
        private final StringBuilder text = new StringBuilder();
        private long cellChars;
        private boolean counting;
        private boolean capturing;
        private boolean inInlineString;
        private boolean inPhonetic;
        private boolean hasValue;
        private String type;
        private String style;
        private int nextRow;

        CellHandler(RowCollector collector) {
            this.collector = collector;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    int row = r == null ? nextRow : Integer.parseInt(r) - 1;
                    nextRow = row + 1;
                    collector.startRow(row);
                }
                case "c" -> {
                    cellChars = 0;
                    text.setLength(0);
                    hasValue = false;
                    type = attributes.getValue("t");
                    style = attributes.getValue("s");
                    String ref = attributes.getValue("r");
                    collector.column = ref == null ? collector.column + 1 : column(ref);
                }
                case "f" -> {
                    counting = true;
                    collector.formula(collector.column);
                }
                case "v" -> {
                    counting = true;
                    capturing = true;
                    text.setLength(0);
                }
                case "is" -> {
                    inInlineString = true;
                    text.setLength(0);
                }
                case "t" -> {
                    counting = true;
                    capturing = inInlineString && !inPhonetic;
                }
                case "rPh" -> inPhonetic = true;
                default -> { }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "f", "t" -> {
                    counting = false;
                    capturing = false;
                }
                case "v" -> {
                    counting = false;
                    capturing = false;
                    hasValue = true;
                }
                case "is" -> {
                    inInlineString = false;
                    hasValue = true;
                }
                case "rPh" -> inPhonetic = false;
                case "c" -> {
                    if (hasValue) {
                        collector.cell(collector.column, value());
                    }
                }
                case "row" -> collector.endRow();
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            cellChars += counting ? length : 0;
            if (cellChars > MAX_CELL_CHARS) {
                throw new ImportRefused("第 " + collector.rowNumber + " 行有单元格超过 Excel 的上限 " + MAX_CELL_CHARS + " 个字符，不是正常的名单文件，已拒绝");
            }
            if (capturing) {
                text.append(ch, start, length);
            }
        }

        /** As POI's handler formats each type; a broken index or number ends in {@link #refusal}. */
        private String value() {
            String raw = text.toString();
            if (type == null || "n".equals(type)) {
                NumberFormat format = formats.computeIfAbsent(style == null ? "" : style, this::format);
                return format.text() != null && !raw.isEmpty()
                        ? formatter.formatRawCellContents(Double.parseDouble(raw), format.index(), format.text()) : raw;
            }
            return switch (type) {
                case "s" -> strings.get(Integer.parseInt(raw.trim()));
                case "b" -> raw.isEmpty() || raw.charAt(0) != '0' ? "TRUE" : "FALSE";
                case "e" -> "ERROR:" + raw;
                default -> raw; // inlineStr, str (a formula's text: refused anyway)
            };
        }

        private NumberFormat format(String styleIndex) {
            XSSFCellStyle cellStyle = styles == null ? null
                    : !styleIndex.isEmpty() ? styles.getStyleAt(Integer.parseInt(styleIndex))
                    : styles.getNumCellStyles() > 0 ? styles.getStyleAt(0) : null;
            if (cellStyle == null) {
                return new NumberFormat(0, null);
            }
            String text = cellStyle.getDataFormatString();
            return new NumberFormat(cellStyle.getDataFormat(), text != null ? text : BuiltinFormats.getBuiltinFormat(cellStyle.getDataFormat()));
        }
    }

    private record NumberFormat(int index, String text) {
    }

    /** "AB12" → 27: the letters of a cell reference as a 0-based column, without parsing a {@link CellReference}. */
    static int column(String ref) {
        int col = 0;
        int i = 0;
        while (i < ref.length() && ref.charAt(i) >= 'A' && ref.charAt(i) <= 'Z') {
            col = col * 26 + (ref.charAt(i) - 'A' + 1);
            i++;
        }
        return i == 0 ? new CellReference(ref).getCol() : col - 1;
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

    private static final class RowCollector {

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

        void startRow(int rowNum) {
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

        void cell(int col, String formattedValue) {
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

        void endRow() {
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

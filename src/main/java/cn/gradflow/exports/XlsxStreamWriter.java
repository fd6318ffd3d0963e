package cn.gradflow.exports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import cn.gradflow.common.SafeCells;

/**
 * A workbook written as it goes: each sheet's XML straight into a {@link ZipOutputStream} on the response, row by
 * row, with no temp file and no cell objects (issue 13: POI's SXSSF, which builds every cell as an object, writes
 * it to a gzipped temp file and copies that into the zip at the end, could not reach 25,000 rows/s even on its
 * own). The file is the one the exports had: a bold header row, frozen, fixed widths; texts as inline strings,
 * numbers as numeric cells, never a formula. Texts go through {@link SafeCells#escape} (formula injection), then
 * are XML-escaped; characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped, and a
 * literal {@code _xHHHH_} is escaped as Excel does ({@code _x005F_}), or Excel would read it as a character code.
 * <p>
 * A row that cannot be written (the client hung up) raises {@link UncheckedIOException}, since it is called from
 * a JDBC row callback; {@link WorkbookExports#write} turns it back into the IOException.
 */
final class XlsxStreamWriter implements SheetWriter {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    /** Style 1 of {@link #STYLES}: the header's bold font; data cells keep style 0 (no attribute). */
    private static final String STYLES = XML_HEAD + "<styleSheet xmlns=\"" + MAIN + "\">"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>";
    private static final int BUFFER = 64 * 1024;
    /** Room for the longest thing written without a check (a cell's opening tag, one escaped character). */
    private static final int SLACK = 64;

    private final OutputStream out;
    private final ZipOutputStream zip;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private final List<String> sheets = new ArrayList<>();
    private byte[][] columnNames = new byte[0][];
    private long rowNumber;
    private boolean inSheet;

    XlsxStreamWriter(OutputStream out) {
        // the deflater hands on its output 512 bytes at a time: gathered here into larger writes to the response
        this.out = new BufferedOutputStream(out, BUFFER);
        this.zip = new ZipOutputStream(this.out, StandardCharsets.UTF_8);
        // the fastest level: the sheet XML still shrinks about five times, at a fraction of the default level's CPU
        zip.setLevel(Deflater.BEST_SPEED);
    }

    @Override
    public void sheet(String name, List<Column> columns) {
        try {
            endSheet();
            sheets.add(name);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + sheets.size() + ".xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        inSheet = true;
        rowNumber = 0;
        columnNames = new byte[columns.size()][];
        for (int i = 0; i < columns.size(); i++) {
            columnNames[i] = columnName(i).getBytes(StandardCharsets.US_ASCII);
        }
        StringBuilder head = new StringBuilder(XML_HEAD).append("<worksheet xmlns=\"").append(MAIN).append("\" xmlns:r=\"").append(REL)
                .append("\"><sheetViews><sheetView workbookViewId=\"0\"").append(sheets.size() == 1 ? " tabSelected=\"1\"" : "")
                .append("><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
                .append("<selection pane=\"bottomLeft\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>");
        for (int i = 0; i < columns.size(); i++) {
            head.append("<col min=\"").append(i + 1).append("\" max=\"").append(i + 1).append("\" width=\"")
                    .append(Math.min(255, columns.get(i).width())).append("\" customWidth=\"1\"/>");
        }
        head.append("</cols><sheetData>");
        ascii(head.toString());
        rowNumber = 1;
        ascii("<row r=\"1\">");
        for (int i = 0; i < columns.size(); i++) {
            cellStart(i);
            ascii("\" s=\"1\" t=\"inlineStr\"><is><t>");
            text(columns.get(i).header());
            ascii("</t></is></c>");
        }
        ascii("</row>");
    }

    @Override
    public void row(Object... values) {
        if (values.length > columnNames.length) {
            throw new IllegalArgumentException("a row of " + values.length + " cells on a sheet of " + columnNames.length + " columns");
        }
        rowNumber++;
        ascii("<row r=\"");
        number(rowNumber);
        ascii("\">");
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                cellStart(i);
                ascii("\"><v>");
                number(((Number) v).longValue());
                ascii("</v></c>");
            } else if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                cellStart(i);
                ascii("\"><v>");
                ascii(Double.toString(n.doubleValue()));
                ascii("</v></c>");
            } else {
                String text = v instanceof Boolean b ? (b ? "是" : "否") : SafeCells.escape(v.toString());
                cellStart(i);
                boolean preserve = !text.isEmpty() && (text.charAt(0) <= ' ' || text.charAt(text.length() - 1) <= ' ');
                ascii(preserve ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" : "\" t=\"inlineStr\"><is><t>");
                text(text);
                ascii("</t></is></c>");
            }
        }
        ascii("</row>");
    }

    @Override
    public void finish() throws IOException {
        endSheet();
        StringBuilder types = new StringBuilder(XML_HEAD)
                .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
                .append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
                .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
                .append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
                .append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        StringBuilder workbook = new StringBuilder(XML_HEAD).append("<workbook xmlns=\"").append(MAIN).append("\" xmlns:r=\"").append(REL)
                .append("\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
        StringBuilder rels = new StringBuilder(XML_HEAD).append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (int i = 1; i <= sheets.size(); i++) {
            types.append("<Override PartName=\"/xl/worksheets/sheet").append(i)
                    .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            workbook.append("<sheet name=\"").append(attribute(sheets.get(i - 1))).append("\" sheetId=\"").append(i).append("\" r:id=\"rId")
                    .append(i).append("\"/>");
            rels.append("<Relationship Id=\"rId").append(i).append("\" Type=\"").append(REL).append("/worksheet\" Target=\"worksheets/sheet")
                    .append(i).append(".xml\"/>");
        }
        rels.append("<Relationship Id=\"rId").append(sheets.size() + 1).append("\" Type=\"").append(REL)
                .append("/styles\" Target=\"styles.xml\"/></Relationships>");
        entry("[Content_Types].xml", types.append("</Types>").toString());
        entry("_rels/.rels", XML_HEAD + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + REL + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        entry("xl/workbook.xml", workbook.append("</sheets></workbook>").toString());
        entry("xl/_rels/workbook.xml.rels", rels.toString());
        entry("xl/styles.xml", STYLES);
        zip.finish();
        out.flush();
    }

    /** Nothing to release: no temp file, and the response's stream is the container's to close. */
    @Override
    public void close() {
    }

    private void endSheet() throws IOException {
        if (inSheet) {
            ascii("</sheetData></worksheet>");
            drain();
            zip.closeEntry();
            inSheet = false;
        }
    }

    private void entry(String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private void cellStart(int column) {
        ascii("<c r=\"");
        byte[] name = columnNames[column];
        room(name.length + 20);
        System.arraycopy(name, 0, buf, pos, name.length);
        pos += name.length;
        number(rowNumber);
    }

    /** A, B, …, Z, AA, … for column index 0, 1, …. */
    static String columnName(int index) {
        StringBuilder name = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            name.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return name.toString();
    }

    /** Markup we write ourselves (ASCII only, nothing to escape). */
    private void ascii(String s) {
        int n = s.length();
        room(n);
        if (n > buf.length) {
            byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
            write(bytes, bytes.length);
            return;
        }
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void number(long value) {
        room(20);
        if (value >= 0 && value < 10) {
            buf[pos++] = (byte) ('0' + value);
            return;
        }
        ascii(Long.toString(value));
    }

    /** A cell's text as UTF-8 element content: escaped, with what XML 1.0 cannot carry left out. */
    private void text(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (pos > buf.length - SLACK) {
                drain();
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '<' -> put("&lt;");
                    case '>' -> put("&gt;");
                    case '&' -> put("&amp;");
                    // a parser reads a raw CR as LF (XML 1.0 §2.11): the reference keeps it
                    case '\r' -> put("&#13;");
                    case '\t', '\n' -> buf[pos++] = (byte) c;
                    case '_' -> {
                        if (isCharacterCode(s, i)) {
                            put("_x005F_");
                        } else {
                            buf[pos++] = '_';
                        }
                    }
                    default -> {
                        if (c >= 0x20) {
                            buf[pos++] = (byte) c;
                        }
                        // other C0 controls: not allowed in XML 1.0, dropped
                    }
                }
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | c >> 6);
                buf[pos++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[pos++] = (byte) (0xF0 | cp >> 18);
                    buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    buf[pos++] = (byte) (0x80 | cp & 0x3F);
                }
                // a high surrogate without its low one: dropped
            } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                // a lone low surrogate, or a non-character XML forbids: dropped
                continue;
            } else {
                buf[pos++] = (byte) (0xE0 | c >> 12);
                buf[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[pos++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    /** Whether {@code _xHHHH_} starts at {@code i}: Excel would read it as the character HHHH. */
    private static boolean isCharacterCode(String s, int i) {
        if (i + 6 >= s.length() || s.charAt(i + 1) != 'x' || s.charAt(i + 6) != '_') {
            return false;
        }
        for (int k = i + 2; k < i + 6; k++) {
            if (Character.digit(s.charAt(k), 16) < 0 || s.charAt(k) > 'f') {
                return false;
            }
        }
        return true;
    }

    private void put(String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            buf[pos++] = (byte) ascii.charAt(k);
        }
    }

    private static String attribute(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private void room(int n) {
        if (pos + n > buf.length) {
            drain();
        }
    }

    private void drain() {
        write(buf, pos);
        pos = 0;
    }

    private void write(byte[] bytes, int length) {
        try {
            zip.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

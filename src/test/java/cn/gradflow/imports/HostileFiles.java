package cn.gradflow.imports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Files a careless or hostile sender makes: each must be refused with a reason, and the app stay up. */
final class HostileFiles {

    private HostileFiles() {
    }

    static byte[] oldXls() {
        byte[] bytes = new byte[4096];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    static byte[] csv() {
        return "学号,课程代码,成绩,考试日期\n2044010001,GSGL-R1,85,2025-07-05\n".getBytes(StandardCharsets.UTF_8);
    }

    /** A real workbook cut in half: a ZIP without its central directory. */
    static byte[] truncated(byte[] workbook) {
        return Arrays.copyOf(workbook, workbook.length / 2);
    }

    static byte[] withoutSheets() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A valid workbook whose sheet XML is its header row followed by 200 MB of white space, compressed to a few
     * hundred KB: only the inflated size and the compression ratio give it away.
     */
    static byte[] bomb(List<String> headers) throws IOException {
        return withSheet(headers, "", 200 << 20);
    }

    /**
     * A sheet whose row 2 has one cell longer than Excel allows (32,767) of varied characters, so that it
     * compresses like real text and passes the ratio: no real workbook has it.
     */
    static byte[] giantCell(List<String> headers) throws IOException {
        java.util.Random random = new java.util.Random(12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            text.append((char) (0x4E00 + random.nextInt(0x51A5)));
        }
        return withSheet(headers, "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>" + text + "</t></is></c></row>", 0);
    }

    private static byte[] withSheet(List<String> headers, String rows, int padding) throws IOException {
        byte[] template = Workbooks.xlsx(headers, List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(template)); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    StringBuilder header = new StringBuilder("<row r=\"1\">");
                    for (int c = 0; c < headers.size(); c++) {
                        header.append("<c r=\"").append((char) ('A' + c)).append("1\" t=\"inlineStr\"><is><t>")
                                .append(headers.get(c)).append("</t></is></c>");
                    }
                    zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                            + "spreadsheetml/2006/main\"><sheetData>" + header + "</row>").getBytes(StandardCharsets.UTF_8));
                    byte[] megabyte = new byte[1 << 20];
                    Arrays.fill(megabyte, (byte) ' ');
                    for (int i = 0; i < padding >> 20; i++) {
                        zip.write(megabyte);
                    }
                    zip.write((rows + "</sheetData></worksheet>").getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}

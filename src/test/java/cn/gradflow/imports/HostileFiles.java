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
     * A valid workbook whose sheet XML is replaced by 200 MB of one repeated character in a cell, compressed
     * to a few hundred KB: only the inflated size and the compression ratio give it away.
     */
    static byte[] bomb(List<String> headers) throws IOException {
        byte[] template = Workbooks.xlsx(headers, List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(template)); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                            + "spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>")
                            .getBytes(StandardCharsets.UTF_8));
                    byte[] megabyte = new byte[1 << 20];
                    Arrays.fill(megabyte, (byte) 'A');
                    for (int i = 0; i < 200; i++) {
                        zip.write(megabyte);
                    }
                    zip.write("</t></is></c></row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}

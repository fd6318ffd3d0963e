package cn.gradflow.photo;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.gradflow.checks.Finding;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoInspectorTest {

    private static final String NO = "2440100000001";

    @Test
    void validOucGraduationPhotoPasses() {
        PhotoInspection result = PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, NO + ".jpg", new PhotoFixtures().jpeg(), NO);
        assertThat(result.findings()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(result.width()).isEqualTo(480);
        assertThat(result.sha256()).hasSize(64);
    }

    @ParameterizedTest(name = "{0}: {1} 字节 → {2}")
    @CsvSource({
            "OUC_GRADUATION, 51200, ''",                 // exactly 50 KB
            "OUC_GRADUATION, 51201, FILE_TOO_LARGE",     // 50 KB + 1 byte
            "CHSI_CERTIFICATE, 20480, ''",               // exactly 20 KB
            "CHSI_CERTIFICATE, 20479, FILE_TOO_SMALL",
            "CHSI_CERTIFICATE, 40960, ''",               // exactly 40 KB
            "CHSI_CERTIFICATE, 40961, FILE_TOO_LARGE",
            "SHANDONG_GRADUATION, 30000, ''",
            "SHANDONG_GRADUATION, 41000, FILE_TOO_LARGE"})
    void sizeBounds(PhotoProfile profile, int size, String expected) {
        byte[] bytes = PhotoFixtures.padTo(new PhotoFixtures().jpeg(), size);
        assertThat(bytes).hasSize(size);
        assertThat(codes(PhotoInspector.inspect(profile, NO + ".jpg", bytes, NO))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}×{2} → {3}")
    @CsvSource({
            "OUC_GRADUATION, 480, 640, ''",
            "OUC_GRADUATION, 479, 640, WRONG_DIMENSIONS",
            "OUC_GRADUATION, 480, 641, WRONG_DIMENSIONS",
            "ADMISSION, 295, 413, ''",
            "ADMISSION, 89, 413, WRONG_DIMENSIONS",
            "ADMISSION, 480, 600, ''"})
    void dimensions(PhotoProfile profile, int width, int height, String expected) {
        PhotoFixtures f = new PhotoFixtures();
        f.width = width;
        f.height = height;
        f.headTop = height / 8;
        assertThat(codes(PhotoInspector.inspect(profile, NO + ".jpg", f.jpeg(), null))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "背景 RGB({0},{1},{2}) 对 {3} → {4}")
    @CsvSource({
            "100, 197, 255, OUC_GRADUATION, ''",
            "128, 197, 255, OUC_GRADUATION, ''",                  // red +28: just inside ±30
            "134, 197, 255, OUC_GRADUATION, WRONG_BACKGROUND",    // red +34: just outside
            "67, 142, 219, OUC_GRADUATION, ''",                   // 证件蓝
            "255, 255, 255, OUC_GRADUATION, WRONG_BACKGROUND",    // white is not blue
            "255, 255, 255, CHSI_CERTIFICATE, ''",
            "240, 240, 240, CHSI_CERTIFICATE, ''",
            "200, 60, 60, CHSI_CERTIFICATE, WRONG_BACKGROUND"})
    void backgroundColour(int r, int g, int b, PhotoProfile profile, String expected) {
        PhotoFixtures f = new PhotoFixtures();
        f.background = new Color(r, g, b);
        f.quality = 1.0f;
        byte[] bytes = f.jpeg();
        if (profile == PhotoProfile.CHSI_CERTIFICATE) {
            bytes = PhotoFixtures.padTo(bytes, 30 * 1024);
        }
        assertThat(codes(PhotoInspector.inspect(profile, NO + ".jpg", bytes, null))).isEqualTo(expected);
    }

    @Test
    void frameAroundThePhotoIsNotAUniformBackground() {
        PhotoFixtures f = new PhotoFixtures();
        f.frame = true;
        assertThat(codes(PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, null, f.jpeg(), null)))
                .isEqualTo("BACKGROUND_NOT_UNIFORM");
    }

    @Test
    void pngNamedJpgIsNotAJpeg() {
        byte[] png = new PhotoFixtures().png();
        assertThat(codes(PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, NO + ".jpg", png, NO))).endsWith("WRONG_FORMAT");
    }

    @Test
    void greyscaleIsNot24BitColour() {
        PhotoFixtures f = new PhotoFixtures();
        f.grey = true;
        assertThat(codes(PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, null, f.jpeg(), null))).contains("NOT_24BIT_COLOUR");
    }

    @ParameterizedTest(name = "CHSI {0} dpi, 质量 {1} → {2}")
    @CsvSource({"300, 0.9, ''", "72, 0.9, WRONG_DPI", "300, 0.6, ''", "300, 0.4, LOW_JPEG_QUALITY"})
    void chsiDensityAndQuality(int dpi, float quality, String expected) {
        PhotoFixtures f = new PhotoFixtures();
        f.dpi = dpi;
        f.quality = quality;
        byte[] bytes = PhotoFixtures.padTo(f.jpeg(), 25 * 1024);
        assertThat(codes(PhotoInspector.inspect(PhotoProfile.CHSI_CERTIFICATE, null, bytes, null))).isEqualTo(expected);
    }

    // The hair line is found within a couple of pixels (JPEG softens the edge), so the cases sit 2 px
    // inside the 50–110 band and 5 px outside it.
    @ParameterizedTest(name = "CHSI 头顶距上边缘 {0} px → {1}")
    @CsvSource({"52, ''", "108, ''", "30, HEAD_POSITION", "45, HEAD_POSITION", "116, HEAD_POSITION", "140, HEAD_POSITION"})
    void chsiHeadPosition(int headTop, String expected) {
        PhotoFixtures f = new PhotoFixtures();
        f.headTop = headTop;
        byte[] bytes = PhotoFixtures.padTo(f.jpeg(), 25 * 1024);
        assertThat(codes(PhotoInspector.inspect(PhotoProfile.CHSI_CERTIFICATE, null, bytes, null))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "文件名 {0}，应为 {1} → {2}")
    @CsvSource({
            "2440100000001.jpg, 2440100000001, ''",
            "2440100000002.jpg, 2440100000001, WRONG_FILE_NAME",
            "照片.jpg, 2440100000001, WRONG_FILE_NAME",
            "2440100000001.jpeg, 2440100000001, WRONG_EXTENSION",
            "2440100000001.png, 2440100000001, WRONG_EXTENSION EXTENSION_MISMATCH",
            "dir/sub/2440100000001.jpg, 2440100000001, ''"})
    void fileNameAgainstStudentNumber(String fileName, String expectedNo, String expected) {
        assertThat(codes(PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, fileName, new PhotoFixtures().jpeg(), expectedNo)))
                .isEqualTo(expected);
    }

    @Test
    void emptyFile() {
        assertThat(codes(PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, "a.jpg", new byte[0], null))).isEqualTo("EMPTY_FILE");
    }

    @Test
    void randomBytesAreNotAnImage() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 0x12;
        assertThat(codes(PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, "a.jpg", noise, null))).isEqualTo("NOT_AN_IMAGE");
    }

    @Test
    void truncatedJpegIsReportedNotThrown() {
        byte[] jpeg = new PhotoFixtures().jpeg();
        PhotoInspection half = PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, null, Arrays.copyOf(jpeg, jpeg.length / 2), null);
        assertThat(half.ok()).isFalse();
        assertThat(codes(half)).containsAnyOf("TRUNCATED_IMAGE", "CORRUPT_IMAGE");
        PhotoInspection headerOnly = PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, null, Arrays.copyOf(jpeg, 40), null);
        assertThat(codes(headerOnly)).contains("CORRUPT_IMAGE");
    }

    @Test
    void fiftyMegabytesAreReportedWithoutBeingHeld() throws Exception {
        long size = 50L * 1024 * 1024;
        PhotoInspection result = PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, NO + ".jpg",
                PhotoFixtures.huge(new PhotoFixtures().jpeg(), size), NO);
        assertThat(result.sizeBytes()).isEqualTo(size);
        assertThat(codes(result)).startsWith("FILE_TOO_LARGE");
    }

    @Test
    void decompressionBombIsNotDecoded() {
        PhotoInspection result = PhotoInspector.inspect(PhotoProfile.ID_ATTACHMENT, "id.png",
                PhotoFixtures.pngClaiming(100_000, 100_000), null);
        assertThat(codes(result)).isEqualTo("TOO_MANY_PIXELS");
        assertThat(result.width()).isEqualTo(100_000);
    }

    @ParameterizedTest(name = "身份证附件 {0}（{1}）→ {2}")
    @CsvSource({"id.png, PNG, ''", "id.jpeg, JPEG, ''", "id.jpg, JPEG, ''", "id.gif, PNG, WRONG_EXTENSION EXTENSION_MISMATCH"})
    void idAttachments(String fileName, ImageFormat format, String expected) {
        PhotoFixtures f = new PhotoFixtures();
        f.width = 800;
        f.height = 500;
        byte[] bytes = format == ImageFormat.JPEG ? f.jpeg() : f.png();
        assertThat(codes(PhotoInspector.inspect(PhotoProfile.ID_ATTACHMENT, fileName, bytes, null))).isEqualTo(expected);
    }

    @Test
    void idAttachmentMustBeUnderOneMegabyte() {
        byte[] exactlyOneMb = PhotoFixtures.padTo(new PhotoFixtures().jpeg(), 1024 * 1024);
        assertThat(codes(PhotoInspector.inspect(PhotoProfile.ID_ATTACHMENT, "id.jpg", exactlyOneMb, null))).isEqualTo("FILE_TOO_LARGE");
        byte[] justUnder = PhotoFixtures.padTo(new PhotoFixtures().jpeg(), 1024 * 1024 - 1);
        assertThat(codes(PhotoInspector.inspect(PhotoProfile.ID_ATTACHMENT, "id.jpg", justUnder, null))).isEmpty();
    }

    private static String codes(PhotoInspection inspection) {
        List<String> codes = inspection.findings().stream().map(Finding::code).toList();
        return String.join(" ", codes);
    }
}

package cn.gradflow.photo;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGQTable;

import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import cn.gradflow.checks.Finding;
import cn.gradflow.common.Sha256;

/**
 * Inspects photo bytes against a {@link PhotoProfile} (DOMAIN.md §5). Any input at all gives
 * findings, never an exception or an out-of-memory error: at most {@link #READ_CAP} bytes are held,
 * dimensions come from the header before any pixel is decoded, and images claiming more than
 * {@link #MAX_DECODE_PIXELS} pixels are never decoded. Only an I/O failure of the source stream
 * itself (a technical fault) is thrown.
 */
public final class PhotoInspector {

    /** Bytes kept in memory; every profile's limit is below it, so a longer file is too large anyway. */
    static final int READ_CAP = 2 * 1024 * 1024;
    /** A header claiming more pixels is a decompression bomb or a poster, not a photo. */
    static final long MAX_DECODE_PIXELS = 36_000_000L;
    /** Largest channel difference between the border's mean colour and an allowed background. */
    public static final int BACKGROUND_TOLERANCE = 30;
    /** Share of border pixels that must lie near the background colour: no border, text or pattern. */
    static final double BACKGROUND_UNIFORMITY = 0.95;
    /** CHSI: the top of the hair 50–110 px from the top edge. */
    public static final int HEAD_TOP_MIN = 50;
    public static final int HEAD_TOP_MAX = 110;

    private PhotoInspector() {
    }

    public static PhotoInspection inspect(PhotoProfile profile, String fileName, byte[] bytes, String expectedNo) {
        return inspect(profile, fileName, bytes, expectedNo, Decoding.FAST);
    }

    static PhotoInspection inspect(PhotoProfile profile, String fileName, byte[] bytes, String expectedNo, Decoding decoding) {
        if (bytes.length <= READ_CAP) {
            // already in memory: digest it where it lies instead of copying it through a stream
            String digest = HexFormat.of().formatHex(Sha256.digest().digest(bytes));
            return inspect(profile, fileName, bytes, bytes.length, digest, expectedNo, decoding);
        }
        try {
            return inspect(profile, fileName, new ByteArrayInputStream(bytes), expectedNo);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static PhotoInspection inspect(PhotoProfile profile, String fileName, InputStream source, String expectedNo)
            throws IOException {
        MessageDigest sha = Sha256.digest();
        DigestInputStream in = new DigestInputStream(source, sha);
        byte[] kept = in.readNBytes(READ_CAP);
        long size = kept.length;
        if (size == READ_CAP) {
            byte[] skipBuffer = new byte[64 * 1024];
            for (int n; (n = in.read(skipBuffer)) > 0; ) {
                size += n; // count what was really sent; the sender's declared size is only a claim
            }
        }
        return inspect(profile, fileName, kept, size, HexFormat.of().formatHex(sha.digest()), expectedNo, Decoding.FAST);
    }

    /**
     * How the pixels the background and head checks read are decoded. FAST (what GradFlow uses) decodes only the
     * top half those checks read, with a reader (its header read once) and a pixel buffer reused
     * ({@link PhotoPixels.Lease}); FULL decodes the whole image as ImageIO.read does and
     * is kept for {@code PhotoFastPathTest}, which shows both give the same findings.
     */
    enum Decoding { FAST, FULL }

    private static PhotoInspection inspect(PhotoProfile profile, String fileName, byte[] kept, long size, String digest,
                                           String expectedNo, Decoding decoding) {
        boolean complete = size == kept.length;
        String rule = profile.rule();
        List<Finding> findings = new ArrayList<>();

        if (size == 0) {
            findings.add(block(rule, "EMPTY_FILE", "文件为空", "0 字节"));
            return new PhotoInspection(findings, 0, ImageFormat.UNKNOWN, null, null, digest);
        }
        checkName(profile, fileName, expectedNo, findings);
        if (size > profile.maxBytes()) {
            findings.add(block(rule, "FILE_TOO_LARGE", profile.label() + "文件过大", kb(size) + "，上限 " + kb(profile.maxBytes())));
        } else if (size < profile.minBytes()) {
            findings.add(block(rule, "FILE_TOO_SMALL", profile.label() + "文件过小", kb(size) + "，下限 " + kb(profile.minBytes())));
        }
        ImageFormat format = ImageFormat.sniff(kept);
        if (format == ImageFormat.UNKNOWN) {
            findings.add(block(rule, "NOT_AN_IMAGE", "文件不是可识别的图片", "文件头 " + head(kept)));
            return new PhotoInspection(findings, size, format, null, null, digest);
        }
        if (!profile.formats().contains(format)) {
            findings.add(block(rule, "WRONG_FORMAT", "图片格式不符，须为 " + profile.formats(), "文件实际格式为 " + format));
            return new PhotoInspection(findings, size, format, null, null, digest);
        }
        checkExtensionMatchesContent(rule, fileName, format, findings);

        // one lease from the header to the pixels: its reader reads the header once (FAST)
        try (PhotoPixels.Lease lease = PhotoPixels.lease()) {
            PhotoPixels.Header header;
            try {
                header = PhotoPixels.readHeader(lease, kept, decoding);
            } catch (IOException | RuntimeException unreadable) {
                findings.add(block(rule, "CORRUPT_IMAGE", "图片已损坏，无法读取", describe(unreadable)));
                return new PhotoInspection(findings, size, format, null, null, digest);
            }
            long pixels = (long) header.width() * header.height();
            if (pixels > MAX_DECODE_PIXELS) {
                findings.add(block(rule, "TOO_MANY_PIXELS", "图片像素数异常（可能是解压炸弹），未解码",
                        header.width() + "×" + header.height()));
                return new PhotoInspection(findings, size, format, header.width(), header.height(), digest);
            }
            if (!profile.size().contains(header.width(), header.height())) {
                findings.add(block(rule, "WRONG_DIMENSIONS", "图片尺寸不符，须为 " + profile.size().describe() + " 像素（宽×高）",
                        "实际 " + header.width() + "×" + header.height()));
            }
            if (format == ImageFormat.JPEG) {
                checkJpeg(profile, header, kept, complete, findings);
            }
            if (!complete) {
                return new PhotoInspection(findings, size, format, header.width(), header.height(), digest);
            }
            // the pixels are the lease's until the checks are done
            PhotoPixels.Pixels image;
            try {
                image = PhotoPixels.decode(lease, kept, header, !profile.backgrounds().isEmpty(), decoding);
            } catch (IOException | RuntimeException undecodable) {
                findings.add(block(rule, "CORRUPT_IMAGE", "图片数据已损坏，无法解码", describe(undecodable)));
                return new PhotoInspection(findings, size, format, header.width(), header.height(), digest);
            }
            if (image == null) {
                findings.add(block(rule, "CORRUPT_IMAGE", "图片无法解码", format.name()));
            } else if (!profile.backgrounds().isEmpty()) {
                checkBackgroundAndHead(profile, image, findings);
            }
            return new PhotoInspection(findings, size, format, header.width(), header.height(), digest);
        }
    }

    private static void checkName(PhotoProfile profile, String fileName, String expectedNo, List<Finding> findings) {
        if (fileName == null || fileName.isBlank()) {
            return;
        }
        String base = baseName(fileName);
        String extension = extension(base);
        if (!profile.extensions().contains(extension)) {
            findings.add(block(profile.rule(), "WRONG_EXTENSION", "文件扩展名须为 ." + String.join(" / .", profile.extensions()),
                    "文件名 " + base));
        }
        if (profile.nameRule() != PhotoProfile.NameRule.NONE && expectedNo != null && !expectedNo.isBlank()) {
            String stem = extension.isEmpty() ? base : base.substring(0, base.length() - extension.length() - 1);
            if (!stem.equals(expectedNo.strip())) {
                String what = profile.nameRule() == PhotoProfile.NameRule.STUDENT_NO ? "学号" : "考生号";
                findings.add(block(profile.rule(), "WRONG_FILE_NAME", "文件名须为" + what + "（" + expectedNo.strip() + "."
                        + profile.extensions().iterator().next() + "）", "文件名 " + base));
            }
        }
    }

    private static void checkExtensionMatchesContent(String rule, String fileName, ImageFormat format, List<Finding> findings) {
        if (fileName == null || fileName.isBlank()) {
            return;
        }
        String extension = extension(baseName(fileName));
        boolean matches = switch (format) {
            case JPEG -> extension.equals("jpg") || extension.equals("jpeg");
            case PNG -> extension.equals("png");
            default -> true;
        };
        if (!matches && !extension.isEmpty()) {
            findings.add(block(rule, "EXTENSION_MISMATCH", "文件扩展名与实际格式不符", "扩展名 ." + extension + "，实际为 " + format));
        }
    }

    /** Colour model, density, quality and completeness, all from the JPEG's markers. */
    private static void checkJpeg(PhotoProfile profile, PhotoPixels.Header header, byte[] bytes, boolean complete, List<Finding> findings) {
        String rule = profile.rule();
        if (header.metadata() == null) {
            return;
        }
        IIOMetadataNode root = (IIOMetadataNode) header.metadata().getAsTree("javax_imageio_jpeg_image_1.0");
        IIOMetadataNode sof = first(root, "sof");
        int components = sof == null ? 0 : Integer.parseInt(sof.getAttribute("numFrameComponents"));
        if (profile.colourRequired() && components != 3) {
            String model = switch (components) {
                case 1 -> "灰度（单通道）";
                case 4 -> "CMYK（四通道）";
                default -> components + " 通道";
            };
            findings.add(block(rule, "NOT_24BIT_COLOUR", "须为 24 位彩色照片", "实际为 " + model));
        }
        if (profile.dpi() > 0) {
            int[] dpi = density(root);
            if (dpi == null || dpi[0] != profile.dpi() || dpi[1] != profile.dpi()) {
                findings.add(block(rule, "WRONG_DPI", "分辨率须为 " + profile.dpi() + " dpi",
                        dpi == null ? "文件未记录分辨率" : "实际 " + dpi[0] + "×" + dpi[1] + " dpi"));
            }
        }
        if (profile.minQuality() > 0) {
            Integer quality = estimateQuality(root);
            if (quality != null && quality < profile.minQuality()) {
                findings.add(block(rule, "LOW_JPEG_QUALITY", "JPEG 压缩质量须不低于 " + profile.minQuality(),
                        "按量化表估算质量约 " + quality));
            }
        }
        if (complete && !endsWithEoi(bytes)) {
            findings.add(block(rule, "TRUNCATED_IMAGE", "图片文件不完整（被截断），请重新导出上传", "缺少 JPEG 结束标记"));
        }
    }

    private static void checkBackgroundAndHead(PhotoProfile profile, PhotoPixels.Pixels image, List<Finding> findings) {
        int[] samples = borderSamples(image);
        int n = samples.length;
        long r = 0, g = 0, b = 0;
        for (int rgb : samples) {
            r += (rgb >> 16) & 0xFF;
            g += (rgb >> 8) & 0xFF;
            b += rgb & 0xFF;
        }
        if (n == 0) {
            return; // a picture of one row has no top half to look at; its dimensions are already refused
        }
        Color mean = new Color((int) (r / n), (int) (g / n), (int) (b / n));
        PhotoProfile.Background nearest = null;
        int best = Integer.MAX_VALUE;
        for (PhotoProfile.Background candidate : profile.backgrounds()) {
            int d = distance(mean, candidate.color());
            if (d < best) {
                best = d;
                nearest = candidate;
            }
        }
        if (best > BACKGROUND_TOLERANCE) {
            String allowed = profile.backgrounds().stream()
                    .map(c -> c.name() + rgb(c.color())).reduce((a, z) -> a + "、" + z).orElse("");
            findings.add(block(profile.rule(), "WRONG_BACKGROUND", "背景颜色不符，须为 " + allowed + "（各通道容差 ±"
                    + BACKGROUND_TOLERANCE + "）", "边缘区域平均颜色 " + rgb(mean)));
            return;
        }
        int meanRgb = mean.getRGB();
        int near = countNear(samples, meanRgb);
        if (near < BACKGROUND_UNIFORMITY * n) {
            findings.add(block(profile.rule(), "BACKGROUND_NOT_UNIFORM", "背景不均匀，不得有边框、文字或图案",
                    String.format(Locale.ROOT, "边缘区域仅 %.0f%% 接近%s", 100.0 * near / n, nearest.name())));
        }
        if (profile.headPosition()) {
            checkHeadTop(profile, image, meanRgb, findings);
        }
    }

    /**
     * The border of the top half (y < band, x < band or x ≥ w − band), every second pixel of every second row, row by
     * row from the left; below the band only the two side strips are visited, not every pixel tested.
     */
    static int[] borderSamples(PhotoPixels.Pixels image) {
        int w = image.width();
        int h = image.height();
        int band = Math.max(1, Math.min(w, h) / 12);
        int rightFrom = Math.max(band, w - band);
        rightFrom += rightFrom & 1; // even columns only
        int n = 0;
        for (int y = 0; y < h / 2; y += 2) {
            n += y < band ? (w + 1) / 2 : (Math.min(band, w) + 1) / 2 + Math.max(0, (w - rightFrom + 1) / 2);
        }
        int[] samples = new int[n];
        int k = 0;
        for (int y = 0; y < h / 2; y += 2) {
            int leftTo = y < band ? w : Math.min(band, w);
            for (int x = 0; x < leftTo; x += 2) {
                samples[k++] = image.rgb(x, y);
            }
            if (y >= band) {
                for (int x = rightFrom; x < w; x += 2) {
                    samples[k++] = image.rgb(x, y);
                }
            }
        }
        return samples;
    }

    /** The first row, from the top, where the middle of the picture leaves the background: the hair. */
    private static void checkHeadTop(PhotoProfile profile, PhotoPixels.Pixels image, int background, List<Finding> findings) {
        int w = image.width();
        int from = w / 4;
        int to = 3 * w / 4;
        int needed = Math.max(1, (to - from) / 20);
        int[] row = new int[Math.max(0, to - from)];
        for (int y = 0; y < image.height() / 2; y++) {
            for (int x = from; x < to; x++) {
                row[x - from] = image.rgb(x, y);
            }
            int differing = row.length - countNear(row, background);
            if (differing >= needed) {
                if (y < HEAD_TOP_MIN || y > HEAD_TOP_MAX) {
                    findings.add(block(profile.rule(), "HEAD_POSITION", "头部位置不符：头顶（发际）距上边缘须为 "
                            + HEAD_TOP_MIN + "–" + HEAD_TOP_MAX + " 像素", "实际约 " + y + " 像素"));
                }
                return;
            }
        }
        findings.add(block(profile.rule(), "HEAD_NOT_FOUND", "照片上半部分未找到人像头部", "上半部分均为背景色"));
    }

    /** dpi from the JFIF header (units 1 = dpi, 2 = dots per cm), or null where none is recorded. */
    private static int[] density(IIOMetadataNode root) {
        IIOMetadataNode jfif = first(root, "app0JFIF");
        if (jfif == null) {
            return null;
        }
        int units = Integer.parseInt(jfif.getAttribute("resUnits"));
        int x = Integer.parseInt(jfif.getAttribute("Xdensity"));
        int y = Integer.parseInt(jfif.getAttribute("Ydensity"));
        return switch (units) {
            case 1 -> new int[] {x, y};
            case 2 -> new int[] {(int) Math.round(x * 2.54), (int) Math.round(y * 2.54)};
            default -> null;
        };
    }

    /**
     * IJG quality from the luminance quantisation table: the table is the standard one scaled by
     * S = 5000/q (q < 50) or 200 − 2q, so the mean ratio to the standard table gives q back.
     */
    static Integer estimateQuality(IIOMetadataNode root) {
        NodeList tables = root.getElementsByTagName("dqtable");
        for (int i = 0; i < tables.getLength(); i++) {
            IIOMetadataNode table = (IIOMetadataNode) tables.item(i);
            if (!"0".equals(table.getAttribute("qtableId")) || !(table.getUserObject() instanceof JPEGQTable q)) {
                continue;
            }
            int[] actual = q.getTable();
            int[] standard = JPEGQTable.K1Luminance.getTable();
            double sumActual = 0, sumStandard = 0;
            for (int k = 0; k < 64; k++) {
                sumActual += actual[k];
                sumStandard += standard[k];
            }
            double scale = 100.0 * sumActual / sumStandard;
            double quality = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
            return (int) Math.round(Math.max(1, Math.min(100, quality)));
        }
        return null;
    }

    private static boolean endsWithEoi(byte[] bytes) {
        int end = bytes.length;
        while (end > 2 && bytes[end - 1] == 0) {
            end--; // some tools pad after the end marker
        }
        return end >= 2 && (bytes[end - 2] & 0xFF) == 0xFF && (bytes[end - 1] & 0xFF) == 0xD9;
    }

    private static IIOMetadataNode first(IIOMetadataNode root, String name) {
        NodeList nodes = root.getElementsByTagName(name);
        Node node = nodes.getLength() == 0 ? null : nodes.item(0);
        return (IIOMetadataNode) node;
    }

    private static int distance(Color a, Color b) {
        return distance(a.getRGB(), b.getRGB());
    }

    /**
     * How many of the pixels lie within {@code distance ≤ 2 × BACKGROUND_TOLERANCE} of the colour: every channel
     * difference d has d + 60 ≥ 0 and 60 − d ≥ 0, i.e. no sign bit among the six. Without a branch, in a loop of its
     * own, the JIT vectorizes it: several times faster than a {@link #distance} and a comparison per pixel.
     */
    static int countNear(int[] pixels, int colour) {
        int limit = 2 * BACKGROUND_TOLERANCE;
        int r = (colour >> 16) & 0xFF;
        int g = (colour >> 8) & 0xFF;
        int b = colour & 0xFF;
        int near = 0;
        for (int rgb : pixels) {
            int dr = ((rgb >> 16) & 0xFF) - r;
            int dg = ((rgb >> 8) & 0xFF) - g;
            int db = (rgb & 0xFF) - b;
            near += (((dr + limit) | (limit - dr) | (dg + limit) | (limit - dg) | (db + limit) | (limit - db)) >>> 31) ^ 1;
        }
        return near;
    }

    /** The largest of the three channel differences (alpha ignored). */
    private static int distance(int a, int b) {
        return Math.max(Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)),
                Math.max(Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)), Math.abs((a & 0xFF) - (b & 0xFF))));
    }

    private static String rgb(Color c) {
        return "RGB(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
    }

    private static Finding block(String rule, String code, String message, String evidence) {
        return Finding.blocking(rule, code, message, evidence);
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.1f KB（%d 字节）", bytes / 1024.0, bytes);
    }

    private static String head(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(8, bytes.length)).toUpperCase(Locale.ROOT);
    }

    private static String baseName(String fileName) {
        String normalised = fileName.replace('\\', '/');
        return normalised.substring(normalised.lastIndexOf('/') + 1);
    }

    private static String extension(String base) {
        int dot = base.lastIndexOf('.');
        return dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : "：" + message.substring(0, Math.min(120, message.length())));
    }


}

package cn.gradflow.photo;

import java.awt.Color;
import java.util.List;
import java.util.Set;

/**
 * The photo specifications of DOMAIN.md §5. Sizes are in bytes with 1 KB = 1024 bytes; a profile
 * that names no background or density does not check it.
 */
public enum PhotoProfile {

    /** 毕业照片（国开平台）: ≤ 50 KB, 480×640, JPEG .jpg, blue background, named by student number. */
    OUC_GRADUATION("国开毕业照片", "R-PH-01", 1, 50 * 1024, new Size(480, 480, 640, 640), Set.of(ImageFormat.JPEG),
            Set.of("jpg"), true, 0, 0, Background.BLUES, NameRule.STUDENT_NO, false),
    /** 山东毕业照片: 20–40 KB, 480×640, colour JPEG, blue background. */
    SHANDONG_GRADUATION("山东毕业照片", "R-PH-01", 20 * 1024, 40 * 1024, new Size(480, 480, 640, 640),
            Set.of(ImageFormat.JPEG), Set.of("jpg", "jpeg"), true, 0, 0, Background.BLUES, NameRule.STUDENT_NO, false),
    /** 学信网/自考证书照片: 20–40 KB, 480×640, 300 dpi, 24-bit colour, quality ≥ 60, blue/white/grey, head position. */
    CHSI_CERTIFICATE("学信网证书照片", "R-PH-03", 20 * 1024, 40 * 1024, new Size(480, 480, 640, 640),
            Set.of(ImageFormat.JPEG), Set.of("jpg", "jpeg"), true, 300, 60, Background.CHSI, NameRule.NONE, true),
    /** 录取照片（北京）: ≤ 50 KB, width 90–480 px (best 295×413), JPEG, named by candidate number. */
    ADMISSION("录取照片", "R-ID-04", 1, 50 * 1024, new Size(90, 480, 120, 640), Set.of(ImageFormat.JPEG),
            Set.of("jpg", "jpeg"), true, 0, 0, List.of(), NameRule.CANDIDATE_NO, false),
    /** 身份证附件（自考）: < 1 MB, JPG/PNG/JPEG. */
    ID_ATTACHMENT("身份证附件", "R-ID-01", 1, 1024 * 1024 - 1, new Size(200, 6000, 200, 6000),
            Set.of(ImageFormat.JPEG, ImageFormat.PNG), Set.of("jpg", "jpeg", "png"), false, 0, 0, List.of(),
            NameRule.NONE, false);

    /** Inclusive pixel bounds. */
    public record Size(int minWidth, int maxWidth, int minHeight, int maxHeight) {

        boolean contains(int width, int height) {
            return width >= minWidth && width <= maxWidth && height >= minHeight && height <= maxHeight;
        }

        String describe() {
            return (minWidth == maxWidth ? String.valueOf(minWidth) : minWidth + "–" + maxWidth) + "×"
                    + (minHeight == maxHeight ? String.valueOf(minHeight) : minHeight + "–" + maxHeight);
        }
    }

    /** An allowed background colour. */
    public record Background(String name, Color color) {

        static final Background LIGHT_BLUE = new Background("浅蓝", new Color(100, 197, 255));
        static final Background ID_BLUE = new Background("证件蓝", new Color(67, 142, 219));
        static final List<Background> BLUES = List.of(LIGHT_BLUE, ID_BLUE);
        static final List<Background> CHSI = List.of(LIGHT_BLUE, new Background("白色", new Color(255, 255, 255)),
                new Background("浅灰", new Color(240, 240, 240)));
    }

    public enum NameRule { NONE, STUDENT_NO, CANDIDATE_NO }

    private final String label;
    private final String rule;
    private final int minBytes;
    private final int maxBytes;
    private final Size size;
    private final Set<ImageFormat> formats;
    private final Set<String> extensions;
    private final boolean colourRequired;
    private final int dpi;
    private final int minQuality;
    private final List<Background> backgrounds;
    private final NameRule nameRule;
    private final boolean headPosition;

    PhotoProfile(String label, String rule, int minBytes, int maxBytes, Size size, Set<ImageFormat> formats,
                 Set<String> extensions, boolean colourRequired, int dpi, int minQuality, List<Background> backgrounds,
                 NameRule nameRule, boolean headPosition) {
        this.label = label;
        this.rule = rule;
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
        this.size = size;
        this.formats = formats;
        this.extensions = extensions;
        this.colourRequired = colourRequired;
        this.dpi = dpi;
        this.minQuality = minQuality;
        this.backgrounds = backgrounds;
        this.nameRule = nameRule;
        this.headPosition = headPosition;
    }

    public String label() { return label; }
    public String rule() { return rule; }
    public int minBytes() { return minBytes; }
    public int maxBytes() { return maxBytes; }
    public Size size() { return size; }
    public Set<ImageFormat> formats() { return formats; }
    public Set<String> extensions() { return extensions; }
    public boolean colourRequired() { return colourRequired; }
    public int dpi() { return dpi; }
    public int minQuality() { return minQuality; }
    public List<Background> backgrounds() { return backgrounds; }
    public NameRule nameRule() { return nameRule; }
    public boolean headPosition() { return headPosition; }
}

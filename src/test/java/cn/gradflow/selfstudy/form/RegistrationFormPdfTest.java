package cn.gradflow.selfstudy.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

import cn.gradflow.selfstudy.form.PageCanvas.Placement;

/** The 毕业生登记表 PDF read back with PDFBox: text, pages, fonts, images, and every line inside its box. */
class RegistrationFormPdfTest {

    static final List<CourseLine> COURSES = List.of(
            new CourseLine("03708", "中国近现代史纲要", "72", "2021年04月"),
            new CourseLine("03709", "马克思主义基本原理概论", "65", "2021年10月"),
            new CourseLine("00015", "英语（二）", "61", "2022年04月"),
            new CourseLine("00023", "高等数学（工本）", "70", "2022年04月"),
            new CourseLine("02331", "数据结构", "68", "2022年10月"),
            new CourseLine("02325", "计算机系统结构", "75", "2022年10月"),
            new CourseLine("04741", "计算机网络原理", "80", "2023年04月"),
            new CourseLine("02326", "操作系统", "64", "2023年04月"),
            new CourseLine("04747", "Java语言程序设计（一）", "77", "2023年04月"),
            new CourseLine("04735", "数据库系统原理", "69", "2023年04月"),
            new CourseLine("04736", "数据库系统原理（实践）", "合格", "2023年04月"),
            new CourseLine("02142", "数据结构导论", "免考", "2020年10月"),
            new CourseLine("13180", "操作系统概论", "60", "2021年04月"),
            new CourseLine("02197", "概率论与数理统计（二）", "66", "2021年10月"),
            new CourseLine("08001", "毕业设计（论文）", "良好", "2023年05月"));

    static RegistrationFormData sample(String name, List<CourseLine> courses, byte[] photo, String assessment) {
        return new RegistrationFormData("030222100123", name, "女", "44020219950308002X", LocalDate.of(1995, 3, 8),
                "080901", "计算机科学与技术", "本科", "华南理工大学", "2023年上半年", "韶关市招生考试中心",
                "韶关市区（0201）", "韶关学院 计算机应用技术 专科 2016年（教育部学历证书电子注册备案表）", courses, photo,
                assessment, LocalDateTime.of(2023, 6, 15, 10, 30));
    }

    @Test
    void normalFormIsTwoCopiesOfFrontAndBackWhoseTextExtractsAsTheCandidatesChineseData() throws IOException {
        RegistrationFormPdf.Rendered r = RegistrationFormPdf.renderWithLayout(
                sample("林晓雯", COURSES, photoJpeg(), "该同志遵纪守法，工作认真，思想品德合格。"));
        try (PDDocument doc = Loader.loadPDF(r.pdf())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(4);
            assertThat(r.pagesPerCopy()).isEqualTo(2);
            String all = new PDFTextStripper().getText(doc);
            assertThat(all).contains("毕业生登记表", "广东省高等教育自学考试", "林晓雯", "030222100123", "计算机科学与技术",
                    "080901", "44020219950308002X", "1995年03月08日", "华南理工大学", "2023年上半年", "韶关市区（0201）",
                    "该同志遵纪守法，工作认真，思想品德合格。", "单位（盖章）", "市考办审核意见", "省考办审核意见");
            COURSES.forEach(c -> assertThat(all).contains(c.courseName(), c.courseCode()));
            // copy 1 front, copy 1 back, copy 2 front, copy 2 back; the data on both copies' fronts
            assertThat(page(doc, 1)).contains("第一联（考办存档）", "正面", "林晓雯", "中国近现代史纲要", "（以下空白）");
            assertThat(page(doc, 2)).contains("第一联（考办存档）", "反面", "考生思想品德表现", "考生个人简历");
            assertThat(page(doc, 3)).contains("第二联（存入本人档案）", "正面", "林晓雯", "中国近现代史纲要");
            assertThat(page(doc, 4)).contains("第二联（存入本人档案）", "反面", "考生思想品德表现");
            assertThat(images(doc.getPage(0))).hasSize(1);
            assertThat(images(doc.getPage(2))).hasSize(1);
            PDViewerPreferences prefs = doc.getDocumentCatalog().getViewerPreferences();
            assertThat(prefs.getDuplex()).isEqualTo(PDViewerPreferences.DUPLEX.DuplexFlipLongEdge.toString());
        }
        assertInsideBoxes(r);
    }

    @Test
    void theChineseFontIsEmbeddedAsASubsetAndNoFontIsLeftToTheReader() throws IOException {
        byte[] pdf = RegistrationFormPdf.render(sample("林晓雯", COURSES, null, null));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                PDResources res = page.getResources();
                for (COSName n : res.getFontNames()) {
                    fonts.add(res.getFont(n));
                }
            }
            assertThat(fonts).isNotEmpty().allSatisfy(f -> {
                assertThat(f.isEmbedded()).as(f.getName() + " embedded").isTrue();
                assertThat(f.getName()).matches("[A-Z]{6}\\+WenQuanYi.*"); // the subset tag
            });
        }
        // a subset: far below the 3 MB font
        assertThat(pdf.length).isLessThan(400_000);
    }

    @Test
    void aLongCourseListContinuesOnTheBackAndOnExtraSheetsEveryCopyAWholeNumberOfSheets() throws IOException {
        for (int n : new int[] {44, 60, 150}) {
            List<CourseLine> many = IntStream.rangeClosed(1, n)
                    .mapToObj(i -> new CourseLine(String.format("%05d", 10000 + i), "课程第" + i + "门（实践）",
                            String.valueOf(60 + i % 40), "2022年10月"))
                    .toList();
            RegistrationFormPdf.Rendered r = RegistrationFormPdf.renderWithLayout(sample("林晓雯", many, null, null));
            try (PDDocument doc = Loader.loadPDF(r.pdf())) {
                assertThat(r.pagesPerCopy() % 2).as(n + " courses: whole sheets").isZero();
                assertThat(doc.getNumberOfPages()).isEqualTo(2 * r.pagesPerCopy());
                String all = new PDFTextStripper().getText(doc);
                for (CourseLine c : many) {
                    assertThat(countOf(all, c.courseName())).as(c.courseName()).isEqualTo(2); // once per copy
                }
                // the back still carries the assessment and the offices' boxes
                assertThat(page(doc, 2)).contains("考生思想品德表现", "市考办审核意见");
            }
            assertInsideBoxes(r);
        }
        assertThat(RegistrationFormPdf.Plan.of(60).pages()).isEqualTo(2);
        assertThat(RegistrationFormPdf.Plan.of(150).pages()).isEqualTo(4);
    }

    @Test
    void aLongNameMajorAndCourseNameStayInsideTheirBoxes() throws IOException {
        String longName = "欧阳娜娜古丽米娜热依汗阿卜杜热合曼买买提依明";
        List<CourseLine> courses = List.of(new CourseLine("99999",
                "马克思主义基本原理概论与中国特色社会主义理论体系概论及当代世界经济与政治综合实践课程", "100", "2023年10月"));
        RegistrationFormData data = new RegistrationFormData("030222100123", longName, "女", "44020219950308002X",
                LocalDate.of(1995, 3, 8), "080901", "计算机科学与技术（软件工程方向）及人工智能与大数据应用技术", "本科",
                "华南理工大学、广东工业大学、广东外语外贸大学联合主考", "2023年上半年", "韶关市招生考试中心",
                "韶关市区（0201）", null, courses, null, "很长的鉴定意见。".repeat(200),
                LocalDateTime.of(2023, 6, 15, 10, 30));
        RegistrationFormPdf.Rendered r = RegistrationFormPdf.renderWithLayout(data);
        assertInsideBoxes(r);
        // the name, shrunk or wrapped, is printed whole and left of the photo column
        List<Placement> nameLines = r.placements().stream()
                .filter(p -> p.page() == 0 && longName.contains(p.text()))
                .toList();
        assertThat(String.join("", nameLines.stream().map(Placement::text).toList())).isEqualTo(longName);
        float photoColumn = RegistrationFormPdf.X0 + RegistrationFormPdf.W - RegistrationFormPdf.PHOTO_COL_W;
        try (PDDocument doc = Loader.loadPDF(r.pdf())) {
            for (TextPosition t : glyphs(doc, 1)) {
                assertThat(t.getXDirAdj()).isGreaterThanOrEqualTo(RegistrationFormPdf.X0 - 0.5f);
                assertThat(t.getXDirAdj() + t.getWidthDirAdj())
                        .isLessThanOrEqualTo(RegistrationFormPdf.X0 + RegistrationFormPdf.W + 0.5f);
                if (longName.indexOf(t.getUnicode()) >= 0 && t.getYDirAdj() < 160 && t.getYDirAdj() > 120) {
                    assertThat(t.getXDirAdj() + t.getWidthDirAdj()).as(t.getUnicode()).isLessThanOrEqualTo(photoColumn);
                }
            }
        }
        // the over-long assessment is cut with … inside its box, never spilling onto the offices' boxes
        assertThat(r.placements()).anySatisfy(p -> assertThat(p.text()).endsWith(TextFit.ELLIPSIS));
    }

    @Test
    void noPhotoAndNoAssessmentPrintBlanks() throws IOException {
        RegistrationFormPdf.Rendered r = RegistrationFormPdf.renderWithLayout(sample("林晓雯", COURSES, null, null));
        try (PDDocument doc = Loader.loadPDF(r.pdf())) {
            assertThat(images(doc.getPage(0))).isEmpty();
            assertThat(page(doc, 1)).contains("照片");
            String back = page(doc, 2);
            assertThat(back).contains("考生思想品德表现（单位鉴定意见）", "单位（盖章）", "负责人签名", "年　　月　　日");
            assertThat(back).doesNotContain("思想品德合格");
        }
        assertInsideBoxes(r);
    }

    @Test
    void aCharacterTheFontLacksIsReportedAndPrintedAsABox() throws IOException {
        String rare = new String(Character.toChars(0x20BB7)); // 𠮷 (CJK Extension B)
        RegistrationFormData data = sample(rare + "晓雯", COURSES, null, null);
        assertThat(RegistrationFormPdf.unsupportedCharacters(data)).containsExactly(rare);
        assertThat(RegistrationFormPdf.unsupportedCharacters(sample("林晓雯", COURSES, null, null))).isEmpty();
        try (PDDocument doc = Loader.loadPDF(RegistrationFormPdf.render(data))) {
            assertThat(page(doc, 1)).contains(FormFont.MISSING + "晓雯");
        }
    }

    @Test
    void aPhotoThatIsNoImageIsRefusedInChinese() {
        assertThatThrownBy(() -> RegistrationFormPdf.render(sample("林晓雯", COURSES, new byte[] {1, 2, 3}, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("照片");
    }

    /** For looking at the form by eye: -Dgradflow.form.sample=target/form-sample.pdf writes the normal form there. */
    @Test
    void writesTheSampleWhenAsked() throws IOException {
        String target = System.getProperty("gradflow.form.sample");
        byte[] pdf = RegistrationFormPdf.render(sample("林晓雯", COURSES, photoJpeg(), null));
        assertThat(pdf).startsWith("%PDF-".getBytes());
        if (target != null) {
            Files.write(Path.of(target), pdf);
            List<CourseLine> many = IntStream.rangeClosed(1, 60)
                    .mapToObj(i -> new CourseLine(String.format("%05d", 10000 + i),
                            i % 7 == 0 ? "马克思主义基本原理概论与中国特色社会主义理论体系概论" : "课程第" + i + "门",
                            String.valueOf(60 + i % 40), "2022年10月"))
                    .toList();
            Files.write(Path.of(target.replace(".pdf", "-long.pdf")), RegistrationFormPdf.render(
                    sample("欧阳娜娜古丽米娜热依汗阿卜杜热合曼", many, photoJpeg(), "该同志遵纪守法，工作认真。".repeat(12))));
        }
    }

    static void assertInsideBoxes(RegistrationFormPdf.Rendered r) {
        assertThat(r.placements()).isNotEmpty().allSatisfy(p -> {
            float eps = 0.01f;
            assertThat(p.x()).as(p.text()).isGreaterThanOrEqualTo(p.box().x() - eps);
            assertThat(p.x() + p.width()).as(p.text()).isLessThanOrEqualTo(p.box().right() + eps);
            assertThat(p.baseline() - 0.86f * p.size()).as(p.text()).isGreaterThanOrEqualTo(p.box().top() - eps);
            assertThat(p.baseline() + 0.14f * p.size()).as(p.text()).isLessThanOrEqualTo(p.box().bottom() + eps);
            assertThat(p.box().right()).as(p.text()).isLessThanOrEqualTo(RegistrationFormPdf.X0 + RegistrationFormPdf.W + eps);
        });
    }

    static String page(PDDocument doc, int page) throws IOException {
        PDFTextStripper s = new PDFTextStripper();
        s.setStartPage(page);
        s.setEndPage(page);
        return s.getText(doc);
    }

    static List<TextPosition> glyphs(PDDocument doc, int page) throws IOException {
        List<TextPosition> out = new ArrayList<>();
        PDFTextStripper s = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                out.addAll(positions);
            }
        };
        s.setStartPage(page);
        s.setEndPage(page);
        s.getText(doc);
        return out;
    }

    static List<PDImageXObject> images(PDPage page) throws IOException {
        List<PDImageXObject> out = new ArrayList<>();
        for (COSName n : page.getResources().getXObjectNames()) {
            if (page.getResources().getXObject(n) instanceof PDImageXObject img) {
                out.add(img);
            }
        }
        return out;
    }

    static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    /** A 480 × 640 JPEG like a graduation photo: light blue ground, a figure. */
    static byte[] photoJpeg() throws IOException {
        BufferedImage img = new BufferedImage(480, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(100, 197, 255));
        g.fillRect(0, 0, 480, 640);
        g.setColor(new Color(60, 60, 70));
        g.fillOval(150, 100, 180, 230);
        g.fillRoundRect(70, 380, 340, 300, 120, 120);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}

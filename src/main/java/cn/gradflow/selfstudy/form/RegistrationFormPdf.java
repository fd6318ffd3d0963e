package cn.gradflow.selfstudy.form;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Stream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

import cn.gradflow.selfstudy.form.PageCanvas.Align;
import cn.gradflow.selfstudy.form.PageCanvas.Box;
import cn.gradflow.selfstudy.form.PageCanvas.Placement;

/**
 * The self-study graduate registration form (《广东省高等教育自学考试毕业生登记表》, 韶关 notice 四(三)) as a PDF:
 * A4, printed on both sides (双面打印), two copies in one file (一式两份). Each copy is one sheet or more — front:
 * the candidate's data, photo and passed courses; back: courses that did not fit, the candidate's résumé, the unit's
 * character assessment (盖章, 日期) and the exam offices' boxes — so a copy always has an even number of pages and
 * copy 2 starts on a fresh sheet when the file is printed duplex.
 *
 * <p>Copies are marked 第一联（考办存档）and 第二联（存入本人档案）: the notice has the candidate hand in both
 * copies (四(四)1), so neither stays with the candidate ("本人联" would say otherwise); the exam office files one
 * and the other goes into the graduate's personal dossier.
 */
public final class RegistrationFormPdf {

    static final String[] COPIES = {"第一联（考办存档）", "第二联（存入本人档案）"};
    static final String PROVINCE_TITLE = "广东省高等教育自学考试";
    static final String TITLE = "毕业生登记表";
    static final String BLANK_BELOW = "（以下空白）";

    // A4 in points; the form's frame
    static final float PAGE_W = PDRectangle.A4.getWidth();
    static final float PAGE_H = PDRectangle.A4.getHeight();
    static final float X0 = 42f;
    static final float W = PAGE_W - 2 * X0;
    static final float HEADER_TOP = 30f;
    static final float CONTENT_TOP = 52f;
    static final float FOOTER_TOP = PAGE_H - 66f;
    static final float CONTENT_BOTTOM = FOOTER_TOP - 6f;

    // the data table of the front
    static final float DATA_TOP = 132f;
    static final float ROW = 26f;
    static final float LABEL_W = 64f;
    static final float VALUE1_W = 132f;
    static final float VALUE2_W = 151f;
    static final float PHOTO_COL_W = W - 2 * LABEL_W - VALUE1_W - VALUE2_W;
    static final int PHOTO_ROWS = 5;
    static final int DATA_ROWS = 8;
    /** 90 × 120 pt ≈ 32 × 42 mm: the 3:4 of the 480 × 640 graduation photo. */
    static final float PHOTO_W = 90f;
    static final float PHOTO_H = 120f;

    // course tables: two halves side by side, filled column by column
    static final float CAPTION_H = 20f;
    static final float COURSE_HEADER_H = 20f;
    static final float COURSE_ROW = 17f;
    static final float CODE_W = 46f;
    static final float SCORE_W = 36f;
    static final float SESSION_W = 62f;
    static final int MIN_COURSE_ROWS = 16;

    // the back's fixed boxes
    static final int RESUME_ROWS = 6;
    static final float RESUME_ROW = 22f;
    /** The least height of the assessment box; it takes what the back has left. */
    static final float ASSESSMENT_H = 190f;
    static final float OFFICE_H = 130f;
    static final float GAP = 8f;

    static final float CELL_PAD = 4f;
    static final float VALUE_SIZE = 10.5f;
    static final float LABEL_SIZE = 10f;
    static final float MIN_SIZE = 6f;

    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("yyyy年MM月dd日");
    private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("yyyy年MM月dd日 HH:mm");
    private static final ZoneId SCHOOL_ZONE = ZoneId.of("Asia/Shanghai");

    private RegistrationFormPdf() {
    }

    /** The form for {@code data}: two copies, each front and back, ready to print duplex on A4. */
    public static byte[] render(RegistrationFormData data) {
        return renderWithLayout(data).pdf();
    }

    /**
     * The characters of {@code data} the embedded font cannot print (rare name characters beyond the basic CJK
     * block): they print as □, so a caller can refuse or flag such a form before handing it out.
     */
    public static Set<String> unsupportedCharacters(RegistrationFormData data) {
        FormFont font = FormFont.get();
        Set<String> missing = new LinkedHashSet<>();
        Stream.concat(Stream.of(data.candidateNo(), data.name(), data.sex(), data.idNumber(), data.majorCode(),
                        data.majorName(), data.level(), data.examiningUniversity(), data.session(), data.cityOffice(),
                        data.processingLocation(), data.priorDegree(), data.characterAssessment()),
                data.courses().stream().flatMap(c -> Stream.of(c.courseCode(), c.courseName(), c.score(), c.examSession())))
                .filter(s -> s != null)
                .flatMapToInt(String::codePoints)
                .filter(cp -> !Character.isISOControl(cp) && !font.covers(cp))
                .forEach(cp -> missing.add(new String(Character.toChars(cp))));
        return missing;
    }

    /** The PDF and every line printed with its box, for the tests that prove nothing runs over a ruling. */
    record Rendered(byte[] pdf, List<Placement> placements, int pagesPerCopy) {
    }

    static Rendered renderWithLayout(RegistrationFormData data) {
        FormFont formFont = FormFont.get();
        List<Placement> placements = new ArrayList<>();
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font = formFont.loadInto(doc);
            PDImageXObject photo = photo(doc, data.photoJpeg());
            Plan plan = Plan.of(data.courses().size());
            for (int copy = 0; copy < COPIES.length; copy++) {
                new CopyWriter(doc, font, formFont, data, photo, plan, copy, placements).write();
            }
            describe(doc, data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return new Rendered(out.toByteArray(), List.copyOf(placements), plan.pages());
        } catch (IOException e) {
            throw new UncheckedIOException("registration form of " + data.candidateNo() + " not rendered", e);
        }
    }

    private static PDImageXObject photo(PDDocument doc, byte[] jpeg) {
        if (jpeg == null || jpeg.length == 0) {
            return null;
        }
        try {
            return PDImageXObject.createFromByteArray(doc, jpeg, "photo.jpg");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("毕业证照片不是可读的 JPEG 图像", e);
        }
    }

    private static void describe(PDDocument doc, RegistrationFormData data) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(PROVINCE_TITLE + TITLE + " " + data.candidateNo() + " " + data.name());
        info.setSubject("一式两份，双面打印");
        info.setCreator("GradFlow");
        GregorianCalendar created = GregorianCalendar.from(data.generatedAt().atZone(SCHOOL_ZONE));
        created.setTimeZone(TimeZone.getTimeZone(SCHOOL_ZONE));
        info.setCreationDate(created);
        doc.getDocumentCatalog().setLanguage("zh-CN");
        // a printer dialog offers duplex (long edge) and 100 % scale: the boxes are sized for A4 as is
        PDViewerPreferences prefs = new PDViewerPreferences(doc.getDocumentCatalog().getCOSObject());
        prefs.setDuplex(PDViewerPreferences.DUPLEX.DuplexFlipLongEdge);
        prefs.setPrintScaling(PDViewerPreferences.PRINT_SCALING.None);
        doc.getDocumentCatalog().setViewerPreferences(prefs);
    }

    /**
     * How the courses spread over a copy: rows on the front, rows continued on the back above its fixed boxes,
     * then extra sheets (续页) of course tables only — each copy stays a whole number of sheets.
     */
    record Plan(int courses, int frontRows, int backRows, List<Integer> extraPageRows) {

        static final int FRONT_CAPACITY_ROWS = rowsIn(CONTENT_BOTTOM - courseTableTop());
        static final int BACK_CAPACITY_ROWS = rowsIn(CONTENT_BOTTOM - backFixedHeight() - CONTENT_TOP - GAP - CAPTION_H);
        static final int EXTRA_CAPACITY_ROWS = rowsIn(CONTENT_BOTTOM - CONTENT_TOP - CAPTION_H);

        static float courseTableTop() {
            return DATA_TOP + DATA_ROWS * ROW + GAP + CAPTION_H;
        }

        private static int rowsIn(float height) {
            return Math.max(0, (int) Math.floor((height - COURSE_HEADER_H) / COURSE_ROW));
        }

        static float backFixedHeight() {
            return CAPTION_H + COURSE_HEADER_H + RESUME_ROWS * RESUME_ROW + GAP
                    + CAPTION_H + ASSESSMENT_H + GAP + OFFICE_H;
        }

        /** Rows for {@code n} courses and the 以下空白 mark, at least {@code min}, at most {@code capacity}. */
        private static int rowsFor(int n, int min, int capacity) {
            return Math.min(capacity, Math.max(min, (n + 2) / 2));
        }

        static Plan of(int n) {
            int front = rowsFor(n, MIN_COURSE_ROWS, FRONT_CAPACITY_ROWS);
            int left = Math.max(0, n - 2 * front);
            int back = left == 0 ? 0 : rowsFor(left, 1, BACK_CAPACITY_ROWS);
            left = Math.max(0, left - 2 * back);
            List<Integer> extra = new ArrayList<>();
            while (left > 0) {
                int rows = rowsFor(left, 1, EXTRA_CAPACITY_ROWS);
                extra.add(rows);
                left = Math.max(0, left - 2 * rows);
            }
            if (extra.size() % 2 == 1) {
                extra.add(0); // the back of the last extra sheet stays blank
            }
            return new Plan(n, front, back, List.copyOf(extra));
        }

        int pages() {
            return 2 + extraPageRows.size();
        }
    }

    /** One copy: its front, its back and any extra sheets, the copy marked on every page. */
    private static final class CopyWriter {
        private final PDDocument doc;
        private final PDType0Font font;
        private final FormFont formFont;
        private final RegistrationFormData data;
        private final PDImageXObject photo;
        private final Plan plan;
        private final int copy;
        private final List<Placement> placements;
        private final List<CourseLine> courses;
        private int nextCourse;

        CopyWriter(PDDocument doc, PDType0Font font, FormFont formFont, RegistrationFormData data, PDImageXObject photo,
                   Plan plan, int copy, List<Placement> placements) {
            this.doc = doc;
            this.font = font;
            this.formFont = formFont;
            this.data = data;
            this.photo = photo;
            this.plan = plan;
            this.copy = copy;
            this.placements = placements;
            this.courses = data.courses();
        }

        void write() throws IOException {
            int page = 0;
            try (Page front = newPage(page++, "正面")) {
                front(front.canvas);
            }
            try (Page back = newPage(page++, "反面")) {
                back(back.canvas);
            }
            for (int i = 0; i < plan.extraPageRows().size(); i++) {
                try (Page extra = newPage(page++, "续页" + (i % 2 == 0 ? "正面" : "反面"))) {
                    extra(extra.canvas, plan.extraPageRows().get(i));
                }
            }
        }

        private final class Page implements AutoCloseable {
            final PDPageContentStream cs;
            final PageCanvas canvas;

            Page(int pageInCopy, String side) throws IOException {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                cs = new PDPageContentStream(doc, page);
                canvas = new PageCanvas(cs, font, PAGE_H, doc.getNumberOfPages() - 1, placements);
                canvas.lineWidth(0.8f);
                header(canvas, side, pageInCopy);
                footer(canvas, pageInCopy);
            }

            @Override
            public void close() throws IOException {
                cs.close();
            }
        }

        private Page newPage(int pageInCopy, String side) throws IOException {
            return new Page(pageInCopy, side);
        }

        private String p(String s) {
            return formFont.printable(s);
        }

        private void header(PageCanvas c, String side, int pageInCopy) throws IOException {
            Box left = new Box(X0, HEADER_TOP, W * 0.6f, 16f);
            Box right = new Box(X0 + W * 0.6f, HEADER_TOP, W * 0.4f, 16f);
            c.text("准考证号 " + p(data.candidateNo()) + "　" + p(data.name()), left, 9f, MIN_SIZE, Align.LEFT, false);
            c.text(COPIES[copy] + "　" + side + "　第" + (pageInCopy + 1) + "/" + plan.pages() + "页",
                    right, 9f, MIN_SIZE, Align.RIGHT, true);
            c.lineWidth(0.5f);
            c.hline(X0, X0 + W, HEADER_TOP + 18f);
            c.lineWidth(0.8f);
        }

        private void footer(PageCanvas c, int pageInCopy) throws IOException {
            c.lineWidth(0.5f);
            c.hline(X0, X0 + W, FOOTER_TOP);
            c.lineWidth(0.8f);
            String note = pageInCopy == 0
                    ? "注：本表正面各项由系统打印，不得用笔填写或涂改；如有空白或错误，请在「基本信息维护」中修改后重新打印。"
                    + "\n请用激光打印机、80g/m²以上A4纸双面打印，一式两份，两份均须单位签署意见并加盖公章后交市考办。"
                    : "注：「考生个人简历」由考生如实填写；「考生思想品德表现」由考生所在单位填写并加盖公章，须用黑色签字笔。";
            c.text(note, new Box(X0, FOOTER_TOP + 3f, W, 24f), 8f, MIN_SIZE, Align.LEFT, false);
            c.text("打印时间：" + PRINTED.format(data.generatedAt()) + "　" + COPIES[copy],
                    new Box(X0, FOOTER_TOP + 28f, W, 12f), 8f, MIN_SIZE, Align.RIGHT, false);
        }

        private void front(PageCanvas c) throws IOException {
            c.text(PROVINCE_TITLE, new Box(X0, 56f, W, 22f), 15f, 10f, Align.CENTER, false);
            c.text(TITLE, new Box(X0, 80f, W, 32f), 24f, 16f, Align.CENTER, true);
            c.text("（一式两份　双面打印）", new Box(X0, 112f, W, 14f), 9f, MIN_SIZE, Align.CENTER, false);
            dataTable(c);
            courseSection(c, Plan.courseTableTop() - CAPTION_H, "课程合格成绩（共" + courses.size() + "门）",
                    plan.frontRows());
        }

        private void dataTable(PageCanvas c) throws IOException {
            float x1 = X0 + LABEL_W;
            float x2 = x1 + VALUE1_W;
            float x3 = x2 + LABEL_W;
            float x4 = x3 + VALUE2_W;
            float x5 = X0 + W;
            float top = DATA_TOP;
            c.lineWidth(1.2f);
            c.rect(new Box(X0, top, W, DATA_ROWS * ROW));
            c.lineWidth(0.6f);
            for (int r = 1; r < DATA_ROWS; r++) {
                c.hline(X0, r < PHOTO_ROWS ? x4 : x5, top + r * ROW);
            }
            float bottom = top + DATA_ROWS * ROW;
            c.vline(x1, top, bottom);
            c.vline(x4, top, top + PHOTO_ROWS * ROW);
            // label 2 / value 2 rulings where a row has them
            for (int r : new int[] {0, 1, 3, 4, 7}) {
                c.vline(x2, top + r * ROW, top + (r + 1) * ROW);
                c.vline(x3, top + r * ROW, top + (r + 1) * ROW);
            }
            String level = data.level();
            String prior = data.priorDegree() != null ? data.priorDegree() : "专科".equals(level) ? "—" : "";
            row(c, 0, "准考证号", data.candidateNo(), x1, x2, "姓名", data.name(), x3, x4);
            row(c, 1, "性别", data.sex(), x1, x2, "出生日期",
                    data.birthDate() == null ? "" : BIRTH.format(data.birthDate()), x3, x4);
            row(c, 2, "身份证号", data.idNumber(), x1, x4, null, null, 0, 0);
            row(c, 3, "层次", level, x1, x2, "毕业批次", data.session(), x3, x4);
            row(c, 4, "专业代码", data.majorCode(), x1, x2, "专业名称", data.majorName(), x3, x4);
            row(c, 5, "主考学校", data.examiningUniversity(), x1, x5, null, null, 0, 0);
            row(c, 6, "前置学历", prior, x1, x5, null, null, 0, 0);
            row(c, 7, "市考办", data.cityOffice(), x1, x2, "办理地点", data.processingLocation(), x3, x5);
            Box photoBox = new Box(x4 + (PHOTO_COL_W - PHOTO_W) / 2, top + (PHOTO_ROWS * ROW - PHOTO_H) / 2,
                    PHOTO_W, PHOTO_H);
            if (photo != null) {
                c.image(photo, photoBox);
            } else {
                c.lineWidth(0.4f);
                c.rect(photoBox);
                c.lineWidth(0.6f);
                c.text("照片", photoBox, 10f, MIN_SIZE, Align.CENTER, false);
            }
        }

        private void row(PageCanvas c, int r, String label1, String value1, float v1x, float v1end,
                         String label2, String value2, float v2x, float v2end) throws IOException {
            float top = DATA_TOP + r * ROW;
            c.text(label1, new Box(X0, top, LABEL_W, ROW).inset(CELL_PAD, 2f), LABEL_SIZE, MIN_SIZE, Align.CENTER, false);
            c.text(p(value1), new Box(v1x, top, v1end - v1x, ROW).inset(CELL_PAD, 1.5f), VALUE_SIZE, MIN_SIZE,
                    Align.LEFT, false);
            if (label2 != null) {
                c.text(label2, new Box(v1end, top, LABEL_W, ROW).inset(CELL_PAD, 2f), LABEL_SIZE, MIN_SIZE,
                        Align.CENTER, false);
                c.text(p(value2), new Box(v2x, top, v2end - v2x, ROW).inset(CELL_PAD, 1.5f), VALUE_SIZE, MIN_SIZE,
                        Align.LEFT, false);
            }
        }

        /** A caption and a two-halves course table of {@code rows} rows at {@code top}; returns its bottom. */
        private float courseSection(PageCanvas c, float top, String caption, int rows) throws IOException {
            c.text(caption, new Box(X0, top, W, CAPTION_H).inset(0, 2f), 11f, 8f, Align.LEFT, true);
            float tableTop = top + CAPTION_H;
            float half = W / 2;
            float height = COURSE_HEADER_H + rows * COURSE_ROW;
            c.lineWidth(1.2f);
            c.rect(new Box(X0, tableTop, W, height));
            c.vline(X0 + half, tableTop, tableTop + height);
            c.lineWidth(0.5f);
            for (int r = 0; r < rows; r++) {
                c.hline(X0, X0 + W, tableTop + COURSE_HEADER_H + r * COURSE_ROW);
            }
            for (int h = 0; h < 2; h++) {
                float hx = X0 + h * half;
                float[] xs = columns(hx, half);
                for (int k = 1; k < 4; k++) {
                    c.vline(xs[k], tableTop, tableTop + height);
                }
                String[] heads = {"课程代码", "课程名称", "成绩", "考试时间"};
                for (int k = 0; k < 4; k++) {
                    c.text(heads[k], new Box(xs[k], tableTop, xs[k + 1] - xs[k], COURSE_HEADER_H).inset(2f, 2f),
                            9f, MIN_SIZE, Align.CENTER, false);
                }
            }
            // column by column: the left half top to bottom, then the right half
            for (int slot = 0; slot < 2 * rows; slot++) {
                int h = slot / rows;
                int r = slot % rows;
                float[] xs = columns(X0 + h * half, half);
                float rowTop = tableTop + COURSE_HEADER_H + r * COURSE_ROW;
                if (nextCourse < courses.size()) {
                    CourseLine course = courses.get(nextCourse++);
                    String[] cells = {course.courseCode(), course.courseName(), course.score(), course.examSession()};
                    for (int k = 0; k < 4; k++) {
                        c.text(p(cells[k]), new Box(xs[k], rowTop, xs[k + 1] - xs[k], COURSE_ROW).inset(2.5f, 1f),
                                9f, MIN_SIZE, k == 1 ? Align.LEFT : Align.CENTER, false);
                    }
                } else if (nextCourse == courses.size()) {
                    nextCourse++; // the mark once, right after the last course
                    c.text(BLANK_BELOW, new Box(xs[1], rowTop, xs[2] - xs[1], COURSE_ROW).inset(2.5f, 1f),
                            9f, MIN_SIZE, Align.LEFT, false);
                }
            }
            return tableTop + height;
        }

        private float[] columns(float x, float width) {
            float nameW = width - CODE_W - SCORE_W - SESSION_W;
            return new float[] {x, x + CODE_W, x + CODE_W + nameW, x + CODE_W + nameW + SCORE_W, x + width};
        }

        private void back(PageCanvas c) throws IOException {
            float top = CONTENT_TOP;
            if (plan.backRows() > 0) {
                top = courseSection(c, top, "课程合格成绩（续）", plan.backRows()) + GAP;
            }
            top = resume(c, top) + GAP;
            float assessmentH = Math.max(ASSESSMENT_H, CONTENT_BOTTOM - OFFICE_H - GAP - top - CAPTION_H);
            top = assessment(c, top, assessmentH) + GAP;
            offices(c, top);
        }

        private float resume(PageCanvas c, float top) throws IOException {
            c.text("考生个人简历（由考生本人如实填写）", new Box(X0, top, W, CAPTION_H).inset(0, 2f), 11f, 8f,
                    Align.LEFT, true);
            float t = top + CAPTION_H;
            float[] xs = {X0, X0 + 120f, X0 + W - 110f, X0 + W};
            float height = COURSE_HEADER_H + RESUME_ROWS * RESUME_ROW;
            c.lineWidth(1.2f);
            c.rect(new Box(X0, t, W, height));
            c.lineWidth(0.5f);
            c.vline(xs[1], t, t + height);
            c.vline(xs[2], t, t + height);
            for (int r = 0; r < RESUME_ROWS; r++) {
                c.hline(X0, X0 + W, t + COURSE_HEADER_H + r * RESUME_ROW);
            }
            String[] heads = {"起止年月", "在何地、何单位学习或工作", "任何职务"};
            for (int k = 0; k < 3; k++) {
                c.text(heads[k], new Box(xs[k], t, xs[k + 1] - xs[k], COURSE_HEADER_H).inset(2f, 2f), 9.5f,
                        MIN_SIZE, Align.CENTER, false);
            }
            return t + height;
        }

        private float assessment(PageCanvas c, float top, float height) throws IOException {
            c.text("考生思想品德表现（单位鉴定意见）", new Box(X0, top, W, CAPTION_H).inset(0, 2f), 11f, 8f,
                    Align.LEFT, true);
            float t = top + CAPTION_H;
            Box box = new Box(X0, t, W, height);
            c.lineWidth(1.2f);
            c.rect(box);
            c.lineWidth(0.6f);
            float signTop = t + height - 46f;
            Box textArea = new Box(X0 + 10f, t + 8f, W - 20f, signTop - t - 12f);
            String text = data.characterAssessment();
            if (text == null || text.isBlank()) {
                for (float y = textArea.top() + 24f; y <= textArea.bottom(); y += 24f) {
                    c.writingLine(textArea.x(), textArea.right(), y);
                }
            } else {
                Box inner = new Box(textArea.x(), textArea.top(), textArea.w(), textArea.h());
                TextFit.Fitted fitted = TextFit.fit(p(text), c::width, inner.w(), inner.h(), 10.5f, MIN_SIZE);
                // top-aligned like handwriting: a box just as tall as the fitted text
                c.text(String.join("\n", fitted.lines()),
                        new Box(inner.x(), inner.top(), inner.w(), Math.min(inner.h(), fitted.blockHeight() + 0.5f)),
                        fitted.size(), fitted.size(), Align.LEFT, false);
            }
            signatureLine(c, new Box(X0 + 10f, signTop, W - 20f, 20f), "单位（盖章）：", "负责人签名：");
            c.text("日期：　　　　年　　月　　日", new Box(X0 + W - 190f, signTop + 22f, 180f, 18f), 10f, MIN_SIZE,
                    Align.RIGHT, false);
            return t + height;
        }

        private void signatureLine(PageCanvas c, Box b, String first, String second) throws IOException {
            c.text(first, new Box(b.x(), b.top(), b.w() / 2, b.h()), 10f, MIN_SIZE, Align.LEFT, false);
            c.text(second, new Box(b.x() + b.w() / 2, b.top(), b.w() / 2, b.h()), 10f, MIN_SIZE, Align.LEFT, false);
        }

        private void offices(PageCanvas c, float top) throws IOException {
            float half = W / 2;
            String[][] boxes = {
                    {"市考办审核意见", "（" + blankIfNull(data.cityOffice()) + "）"},
                    {"省考办审核意见（省考委复核）", ""}};
            for (int k = 0; k < 2; k++) {
                Box b = new Box(X0 + k * half, top, half, OFFICE_H);
                c.lineWidth(1.2f);
                c.rect(b);
                c.lineWidth(0.6f);
                Box inner = b.inset(8f, 4f);
                c.text(boxes[k][0] + p(boxes[k][1]), new Box(inner.x(), inner.top(), inner.w(), 18f), 10.5f, MIN_SIZE,
                        Align.LEFT, true);
                c.text("审核人：　　　　　　（盖章）", new Box(inner.x(), inner.bottom() - 40f, inner.w(), 18f), 10f,
                        MIN_SIZE, Align.LEFT, false);
                c.text("年　　月　　日", new Box(inner.x(), inner.bottom() - 20f, inner.w(), 18f), 10f, MIN_SIZE,
                        Align.RIGHT, false);
            }
        }

        private void extra(PageCanvas c, int rows) throws IOException {
            if (rows == 0) {
                c.text("（本页空白）", new Box(X0, PAGE_H / 2 - 10f, W, 20f), 11f, MIN_SIZE, Align.CENTER, false);
                return;
            }
            courseSection(c, CONTENT_TOP, "课程合格成绩（续）", rows);
        }

        private static String blankIfNull(String s) {
            return s == null ? "" : s;
        }
    }
}

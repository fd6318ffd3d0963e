package cn.gradflow.selfstudy.form;

import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Drawing on one page of the form in the form's own coordinates: points from the top-left corner, as a form is
 * measured on paper (PDF counts from the bottom). Every text goes through {@link TextFit} into a box and is
 * recorded as a {@link Placement}, so a test can prove nothing runs over its box.
 */
final class PageCanvas {

    /** A box on the page: left, top, width, height in points from the top-left corner. */
    record Box(float x, float top, float w, float h) {
        float right() {
            return x + w;
        }

        float bottom() {
            return top + h;
        }

        Box inset(float dx, float dy) {
            return new Box(x + dx, top + dy, w - 2 * dx, h - 2 * dy);
        }
    }

    /** One printed line: where it went, how wide it is, and the box it had to stay in. */
    record Placement(int page, String text, float x, float baseline, float width, float size, Box box) {
    }

    enum Align { LEFT, CENTER, RIGHT }

    private final PDPageContentStream cs;
    private final PDFont font;
    private final float pageHeight;
    private final int pageIndex;
    private final List<Placement> placements;

    PageCanvas(PDPageContentStream cs, PDFont font, float pageHeight, int pageIndex, List<Placement> placements) {
        this.cs = cs;
        this.font = font;
        this.pageHeight = pageHeight;
        this.pageIndex = pageIndex;
        this.placements = placements;
    }

    float width(String text, float size) {
        try {
            return font.getStringWidth(text) / 1000f * size;
        } catch (IOException e) {
            throw new IllegalStateException("cannot measure text in the form font", e);
        }
    }

    void lineWidth(float w) throws IOException {
        cs.setLineWidth(w);
    }

    void rect(Box b) throws IOException {
        cs.addRect(b.x(), pageHeight - b.bottom(), b.w(), b.h());
        cs.stroke();
    }

    void hline(float x1, float x2, float top) throws IOException {
        cs.moveTo(x1, pageHeight - top);
        cs.lineTo(x2, pageHeight - top);
        cs.stroke();
    }

    void vline(float x, float top, float bottom) throws IOException {
        cs.moveTo(x, pageHeight - top);
        cs.lineTo(x, pageHeight - bottom);
        cs.stroke();
    }

    /** A dotted writing line for handwriting (the employer's assessment, the candidate's résumé). */
    void writingLine(float x1, float x2, float top) throws IOException {
        cs.saveGraphicsState();
        cs.setLineDashPattern(new float[] {1.5f, 2f}, 0);
        cs.setLineWidth(0.4f);
        hline(x1, x2, top);
        cs.restoreGraphicsState();
    }

    /**
     * Prints {@code text} inside {@code box} (padding included by the caller), vertically centred, shrunk, wrapped
     * or cut as {@link TextFit} decides. {@code bold} strokes the glyph outlines too (the font has one weight).
     */
    TextFit.Fitted text(String text, Box box, float size, float minSize, Align align, boolean bold) throws IOException {
        TextFit.Fitted fitted = TextFit.fit(text, this::width, box.w(), box.h(), size, minSize);
        float s = fitted.size();
        float y = box.top() + (box.h() - fitted.blockHeight()) / 2 + 0.86f * s;
        for (String line : fitted.lines()) {
            float w = width(line, s);
            float x = switch (align) {
                case LEFT -> box.x();
                case CENTER -> box.x() + (box.w() - w) / 2;
                case RIGHT -> box.right() - w;
            };
            if (!line.isEmpty()) {
                cs.saveGraphicsState(); // the stroke width and rendering mode of "bold" end with the line
                cs.beginText();
                if (bold) {
                    cs.setRenderingMode(RenderingMode.FILL_STROKE);
                    cs.setLineWidth(s / 30f);
                }
                cs.setFont(font, s);
                cs.newLineAtOffset(x, pageHeight - y);
                cs.showText(line);
                cs.endText();
                cs.restoreGraphicsState();
                placements.add(new Placement(pageIndex, line, x, y, w, s, box));
            }
            y += s * TextFit.LEADING;
        }
        return fitted;
    }

    /** The image scaled to fit {@code box}, aspect kept, centred. */
    void image(PDImageXObject image, Box box) throws IOException {
        float scale = Math.min(box.w() / image.getWidth(), box.h() / image.getHeight());
        float w = image.getWidth() * scale;
        float h = image.getHeight() * scale;
        float x = box.x() + (box.w() - w) / 2;
        float top = box.top() + (box.h() - h) / 2;
        cs.drawImage(image, x, pageHeight - top - h, w, h);
    }
}

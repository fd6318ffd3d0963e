package cn.gradflow.selfstudy.form;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The Chinese font of the form, from the classpath (src/main/resources/fonts, WenQuanYi Micro Hei subset; see its
 * README): never a font of the machine, so a fresh server prints the same form. Embedded as a subset of the
 * glyphs a document uses, so the PDF is small and renders and extracts anywhere.
 */
final class FormFont {

    static final String RESOURCE = "/fonts/wqy-microhei-gradflow.ttf";
    /** Printed in place of a character the font lacks (e.g. CJK Extension B in a name). */
    static final char MISSING = '□';

    private static volatile FormFont instance;

    private final byte[] bytes;
    private final BitSet covered;

    private FormFont(byte[] bytes, BitSet covered) {
        this.bytes = bytes;
        this.covered = covered;
    }

    static FormFont get() {
        FormFont f = instance;
        if (f == null) {
            synchronized (FormFont.class) {
                f = instance;
                if (f == null) {
                    f = load();
                    instance = f;
                }
            }
        }
        return f;
    }

    private static FormFont load() {
        try (InputStream in = FormFont.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("form font missing from the classpath: " + RESOURCE);
            }
            byte[] bytes = in.readAllBytes();
            BitSet covered = new BitSet(0x10000);
            try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
                CmapLookup cmap = ttf.getUnicodeCmapLookup();
                for (int cp = 0x20; cp <= 0xFFFF; cp++) {
                    if (cmap.getGlyphId(cp) > 0) {
                        covered.set(cp);
                    }
                }
            }
            return new FormFont(bytes, covered);
        } catch (IOException e) {
            throw new UncheckedIOException("form font unreadable: " + RESOURCE, e);
        }
    }

    /** A new subset-embedding font for {@code doc}: one per document, as PDFBox collects the subset per document. */
    PDType0Font loadInto(PDDocument doc) throws IOException {
        return PDType0Font.load(doc, new ByteArrayInputStream(bytes), true);
    }

    boolean covers(int codePoint) {
        return codePoint >= 0 && codePoint <= 0xFFFF && covered.get(codePoint);
    }

    /** {@code text} with tabs as spaces, other control characters dropped and characters the font lacks as □. */
    String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                out.append('\n');
            } else if (cp == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(cp)) {
                // dropped: nothing to print
            } else if (covers(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(MISSING);
            }
        });
        return out.toString();
    }
}

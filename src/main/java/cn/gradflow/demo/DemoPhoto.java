package cn.gradflow.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Invented portraits, drawn here so the demo ships no binary of unknown origin: the platform's 480×640
 * blue-background graduation photo, the CHSI academic photo (the same picture, as 山东 requires 同版, or
 * another person's for the R-PH-03 demo) and a 295×413 white-background admission photo (R-ID-04).
 */
final class DemoPhoto {

    /** Who is drawn: the student, or someone else (for the comparisons that must fail). */
    enum Person { STUDENT, SOMEONE_ELSE }

    private static final Color LIGHT_BLUE = new Color(100, 197, 255);

    private DemoPhoto() {
    }

    static byte[] graduationPhoto() {
        return portrait(480, 640, LIGHT_BLUE, Person.STUDENT);
    }

    static byte[] academicPhoto(Person person) {
        return portrait(480, 640, LIGHT_BLUE, person);
    }

    static byte[] admissionPhoto(Person person) {
        return portrait(295, 413, Color.WHITE, person);
    }

    private static byte[] portrait(int width, int height, Color background, Person person) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, width, height);
        // drawn on the 480×640 grid, scaled to the photo's size
        g.scale(width / 480.0, height / 640.0);
        if (person == Person.STUDENT) {
            g.setColor(new Color(60, 60, 70));
            g.fillOval(165, 120, 150, 190);
            g.fillRect(110, 330, 260, 310);
        } else {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(150, 95, 45));
            g.fillOval(135, 90, 210, 200);
            g.setColor(new Color(225, 190, 160));
            g.fillOval(170, 150, 140, 170);
            g.setColor(new Color(140, 30, 30));
            g.fillRoundRect(80, 340, 320, 300, 80, 80);
        }
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

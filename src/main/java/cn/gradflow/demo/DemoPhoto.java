package cn.gradflow.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** A plain 480×640 blue-background JPEG, drawn here so the demo ships no binary of unknown origin. */
final class DemoPhoto {

    private DemoPhoto() {
    }

    static byte[] graduationPhoto() {
        BufferedImage image = new BufferedImage(480, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(100, 197, 255));
        g.fillRect(0, 0, 480, 640);
        g.setColor(new Color(60, 60, 70));
        g.fillOval(165, 120, 150, 190);
        g.fillRect(110, 330, 260, 310);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

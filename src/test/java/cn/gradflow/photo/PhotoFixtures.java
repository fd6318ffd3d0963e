package cn.gradflow.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Photos drawn by the tests (ImageIO), so every fixture's origin and properties are known. */
public final class PhotoFixtures {

    static final Color LIGHT_BLUE = new Color(100, 197, 255);

    /** A valid OUC graduation photo (480×640, light blue). */
    public static byte[] graduationJpeg() {
        return new PhotoFixtures().jpeg();
    }

    /** A valid CHSI certificate photo (自考毕业证照, R-PH-03): 480×640, light blue, 300 dpi, 30 KB. */
    public static byte[] chsiCertificateJpeg() {
        return padTo(new PhotoFixtures().jpeg(), 30 * 1024);
    }

    /** A valid admission photo (295×413). */
    public static byte[] admissionJpeg() {
        PhotoFixtures f = new PhotoFixtures();
        f.width = 295;
        f.height = 413;
        f.headTop = 50;
        return f.jpeg();
    }

    /** Another admission photo of the same person: the head a few pixels lower (other bytes, same profile). */
    public static byte[] admissionJpeg(int headTop) {
        PhotoFixtures f = new PhotoFixtures();
        f.width = 295;
        f.height = 413;
        f.headTop = headTop;
        return f.jpeg();
    }

    /** A graduation photo on white: wrong background for OUC. */
    public static byte[] whiteBackgroundJpeg() {
        PhotoFixtures f = new PhotoFixtures();
        f.background = Color.WHITE;
        return f.jpeg();
    }

    int width = 480;
    int height = 640;
    Color background = LIGHT_BLUE;
    float quality = 0.9f;
    int dpi = 300;
    int headTop = 80;
    boolean grey = false;
    boolean frame = false;
    /** Width of a yellow stripe down the left edge (0: none). */
    int leftStripe = 0;

    BufferedImage image() {
        BufferedImage image = new BufferedImage(width, height, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(40, 30, 30));
        int headWidth = width * 5 / 12;
        g.fillOval((width - headWidth) / 2, headTop, headWidth, height * 2 / 5);
        g.fillRect(width / 5, height * 3 / 5, width * 3 / 5, height * 2 / 5);
        if (frame) {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, width, 4);
            g.fillRect(0, 0, 4, height);
            g.fillRect(width - 4, 0, 4, height);
        }
        if (leftStripe > 0) {
            g.setColor(new Color(250, 250, 40));
            g.fillRect(0, 0, leftStripe, height);
        }
        g.dispose();
        return image;
    }

    byte[] jpeg() {
        BufferedImage image = image();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
            IIOMetadataNode jfif = (IIOMetadataNode) root.getElementsByTagName("app0JFIF").item(0);
            jfif.setAttribute("resUnits", "1");
            jfif.setAttribute("Xdensity", String.valueOf(dpi));
            jfif.setAttribute("Ydensity", String.valueOf(dpi));
            metadata.setFromTree("javax_imageio_jpeg_image_1.0", root);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, metadata), param);
            ios.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    byte[] png() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image(), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same JPEG grown to exactly {@code size} bytes with comment segments after the JFIF header. */
    static byte[] padTo(byte[] jpeg, int size) {
        int missing = size - jpeg.length;
        if (missing < 0) {
            throw new IllegalArgumentException("fixture already " + jpeg.length + " bytes, more than " + size);
        }
        // SOI (2) + APP0 marker (2) + APP0 length: JFIF must stay the first segment
        int afterJfif = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, afterJfif);
        while (missing > 0) {
            int segment = Math.min(missing, 65535 + 2);
            if (segment < 4) {
                // too small for a segment of its own: pad after the end marker instead
                out.write(jpeg, afterJfif, jpeg.length - afterJfif);
                out.write(new byte[missing], 0, missing);
                return out.toByteArray();
            }
            int payload = segment - 4;
            out.write(0xFF);
            out.write(0xFE);
            out.write(((payload + 2) >> 8) & 0xFF);
            out.write((payload + 2) & 0xFF);
            out.write(new byte[payload], 0, payload);
            missing -= segment;
        }
        out.write(jpeg, afterJfif, jpeg.length - afterJfif);
        return out.toByteArray();
    }

    /** A PNG whose header claims width×height but carries almost no data: a decompression bomb's shape. */
    static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** The PNG with one more chunk right after its header (IHDR, 8 + 25 bytes from the start). */
    static byte[] withChunk(byte[] png, String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        chunk(out, type, data);
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /** A huge upload streamed from a JPEG's first bytes and then zeros, never held in memory. */
    static InputStream huge(byte[] start, long size) {
        return new InputStream() {
            long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                int b = position < start.length ? start[(int) position] & 0xFF : 0;
                position++;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, size - position);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = position + i < start.length ? start[(int) (position + i)] : 0;
                }
                position += n;
                return n;
            }
        };
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}

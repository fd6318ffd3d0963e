package cn.gradflow.photo;

import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.image.DataBuffer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The header and the pixels {@link PhotoInspector} reads, decoded once per photo with as little work as gives the
 * same answers. The background check reads every second pixel of every second row of the top half and the head
 * check every pixel of the top half's middle, so the fast way decodes the top half only (JPEG is decoded from the
 * top, and the decoder stops after the last row asked for). No source subsampling: the decoder decodes every row
 * and pixel anyway, and copies a subsampled row pixel by pixel, a whole one as a block (2×2 cost more CPU than
 * 1×1). The reader (ImageIO's registry look-up and the native decoder's set-up) and the pixel buffer are reused
 * ({@link Lease}), the header is read once for both the checks and the pixels, and the bytes are read from memory
 * (ImageIO.createImageInputStream would cache them in a temporary file).
 */
final class PhotoPixels {

    private PhotoPixels() {
    }

    /** What the header says; {@code metadata} only for JPEG (markers for colour, density and quality). */
    record Header(int width, int height, IIOMetadata metadata, String formatName) {
    }

    /** Pixels addressed in the full picture's coordinates, whatever part and step was decoded. */
    interface Pixels {
        int width();

        int height();

        /** The pixel at (x, y) of the full picture as 0xAARRGGBB; only coordinates the checks read are decoded. */
        int rgb(int x, int y);
    }

    /**
     * Readers (by provider) and a pixel buffer, lent to one inspection at a time. At most one set a core is kept
     * idle, not one a thread: a web server's threads come and go by the hundred, and a buffer is up to 460 KB.
     * While lent it holds the photo's reader with its input set, from the header to the pixels: the header (and the
     * markers the metadata parse) is read once, not again for the pixels.
     */
    static final class Lease implements AutoCloseable {
        private final Map<ImageReaderSpi, ImageReader> readers = new HashMap<>();
        private BufferedImage buffer;
        private ImageReader reader;
        private ImageInputStream in;

        /** Drops the photo's input and any state a failed read left; the native decoder stays. */
        private void endPhoto() {
            if (reader == null) {
                return;
            }
            ImageInputStream open = in;
            reader.reset();
            reader = null;
            in = null;
            try {
                open.close();
            } catch (IOException impossible) { // a stream over memory, with its cache in memory
                throw new UncheckedIOException(impossible);
            }
        }

        @Override
        public void close() {
            endPhoto();
            if (!IDLE.offer(this)) {
                readers.values().forEach(ImageReader::dispose);
            }
        }
    }

    private static final BlockingQueue<Lease> IDLE = new ArrayBlockingQueue<>(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** An idle set of readers and buffer, or a new one; give it back by closing it when its pixels are read. */
    static Lease lease() {
        Lease idle = IDLE.poll();
        return idle != null ? idle : new Lease();
    }

    /**
     * The header, the metadata only for JPEG. FAST leaves the reader on these bytes in the lease for {@link #decode};
     * FULL reads it as ImageIO does, with a reader of its own.
     */
    static Header readHeader(Lease lease, byte[] bytes, PhotoInspector.Decoding decoding) throws IOException {
        ImageInputStream in = stream(bytes, decoding);
        ImageReader reader = decoding == PhotoInspector.Decoding.FAST ? open(lease, in) : reader(lease, in, decoding);
        try {
            reader.setInput(in, true, false);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            String format = reader.getFormatName();
            IIOMetadata metadata = "jpeg".equalsIgnoreCase(format) ? reader.getImageMetadata(0) : null;
            return new Header(width, height, metadata, format);
        } finally {
            if (decoding == PhotoInspector.Decoding.FULL) {
                reader.dispose();
                in.close();
            }
        }
    }

    /**
     * The pixels the checks need, or null where no reader takes the bytes. The whole picture is decoded where no
     * background is checked (that decode is what finds damage in the compressed data) and where the JPEG is not
     * {@link #oneScanThenEnd one sequential scan followed by the end marker}: a progressive file, or one whose
     * markers after the image data are broken, can fail after the top half, and must fail the same way here.
     */
    static Pixels decode(Lease lease, byte[] bytes, Header header, boolean backgroundChecked,
                         PhotoInspector.Decoding decoding) throws IOException {
        if (decoding == PhotoInspector.Decoding.FULL) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            return image == null ? null : whole(image);
        }
        if (!backgroundChecked || !"jpeg".equalsIgnoreCase(header.formatName()) || !oneScanThenEnd(bytes)) {
            // read afresh, the metadata ignored, as ImageIO.read does: a PNG reader would otherwise parse (and could
            // fail on) every ancillary chunk
            ImageInputStream in = stream(bytes, decoding);
            ImageReader reader = open(lease, in);
            reader.setInput(in, true, true);
            BufferedImage image = reader.read(0);
            return image == null ? null : whole(image);
        }
        // a JPEG's decode does not depend on its metadata having been read: the header's reader goes on
        ImageReader reader = lease.reader;
        int w = header.width();
        int h = header.height();
        int top = Math.max(1, h / 2); // rows 0 … h/2 − 1 are all the checks read
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceRegion(new Rectangle(0, 0, w, top));
        BufferedImage buffer = buffer(lease, reader, w, top);
        if (buffer != null) {
            param.setDestination(buffer);
        }
        BufferedImage image = reader.read(0, param);
        return part(image, image == lease.buffer, w, h);
    }

    /**
     * True where the JPEG's image data is one sequential Huffman scan of all components (SOF0 or SOF1, one SOS)
     * followed directly by the end marker. In such a file the decoder reads nothing after the top half but more
     * compressed rows, whose damage it reports as warnings, not errors; the markers before the scan are read for
     * the header either way. Anything else (progressive or arithmetic coding, several scans, a marker between the
     * data and the end, no end marker) answers false.
     */
    static boolean oneScanThenEnd(byte[] b) {
        int components = -1;
        int i = 2; // after SOI
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return false;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == 0x01 || marker == 0x00 || (marker >= 0xD0 && marker <= 0xD9)) {
                return false; // a marker without a length before the scan: let the full decode judge it
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (length < 2 || i + 2 + length > b.length) {
                return false;
            }
            if (marker == 0xC0 || marker == 0xC1) {
                if (length < 8) {
                    return false;
                }
                components = b[i + 9] & 0xFF;
            } else if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return false; // progressive, lossless or arithmetic-coded frame
            } else if (marker == 0xDA) {
                if (components < 1 || length < 3 || (b[i + 4] & 0xFF) != components) {
                    return false;
                }
                return endMarkerFollowsData(b, i + 2 + length);
            }
            i += 2 + length;
        }
        return false;
    }

    /** From the start of compressed data: is the first marker that is no stuffed zero, fill or restart the end? */
    private static boolean endMarkerFollowsData(byte[] b, int from) {
        for (int j = from; j + 1 < b.length; j++) {
            if ((b[j] & 0xFF) != 0xFF) {
                continue;
            }
            int next = b[j + 1] & 0xFF;
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                j++;
            } else if (next != 0xFF) {
                return next == 0xD9;
            }
        }
        return false;
    }

    /**
     * The lease's buffer where the reader would decode into a 3-byte BGR image (a colour JPEG, the photos inspected
     * by the thousand); else null and the reader makes its own image. The buffer keeps the bytes in R, G, B order, the
     * decoder's own, so each decoded row is copied as a block (into BGR it is copied byte by byte); the colour space
     * and values are the same. It is not cleared: the decoder writes every row of the region or throws (its loop
     * stops early only on {@code ImageReader.abort()}, never called here), so no row of another photo is left in it.
     */
    private static BufferedImage buffer(Lease lease, ImageReader reader, int width, int height) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (!types.hasNext() || types.next().getBufferedImageType() != BufferedImage.TYPE_3BYTE_BGR) {
            return null;
        }
        BufferedImage buffer = lease.buffer;
        if (buffer == null || buffer.getWidth() != width || buffer.getHeight() != height) {
            buffer = RGB.createBufferedImage(width, height);
            lease.buffer = buffer;
        }
        return buffer;
    }

    private static final ImageTypeSpecifier RGB = ImageTypeSpecifier.createInterleaved(
            ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {0, 1, 2}, DataBuffer.TYPE_BYTE, false, false);

    private static Pixels whole(BufferedImage image) {
        return new Pixels() {
            public int width() { return image.getWidth(); }
            public int height() { return image.getHeight(); }
            public int rgb(int x, int y) { return image.getRGB(x, y); }
        };
    }

    /** The decoded part: the full width, rows from 0; this class's RGB buffer read directly. */
    private static Pixels part(BufferedImage image, boolean ours, int width, int height) {
        if (ours) {
            byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            int stride = width * 3;
            return new Pixels() {
                public int width() { return width; }
                public int height() { return height; }
                public int rgb(int x, int y) {
                    int i = y * stride + x * 3;
                    return 0xFF000000 | (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF);
                }
            };
        }
        return whole(image);
    }

    /** The lease's reader for these bytes, left on them until the lease is closed or the next photo opened. */
    private static ImageReader open(Lease lease, ImageInputStream in) throws IOException {
        lease.endPhoto();
        ImageReader reader = reader(lease, in, PhotoInspector.Decoding.FAST);
        lease.reader = reader;
        lease.in = in;
        return reader;
    }

    private static ImageInputStream stream(byte[] bytes, PhotoInspector.Decoding decoding) throws IOException {
        return decoding == PhotoInspector.Decoding.FULL
                ? ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))
                : new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
    }

    /**
     * ImageIO's first reader for these bytes (the providers in ImageIO's order, the first that can decode them): a
     * new one for FULL; for FAST the lease's reader from that provider, made once.
     */
    private static ImageReader reader(Lease lease, ImageInputStream in, PhotoInspector.Decoding decoding) throws IOException {
        if (decoding == PhotoInspector.Decoding.FULL) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no reader");
            }
            return readers.next();
        }
        Iterator<ImageReaderSpi> providers = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
        while (providers.hasNext()) {
            ImageReaderSpi provider = providers.next();
            in.mark();
            boolean decodes;
            try {
                decodes = provider.canDecodeInput(in);
            } finally {
                in.reset();
            }
            if (decodes) {
                Map<ImageReaderSpi, ImageReader> mine = lease.readers;
                ImageReader reader = mine.get(provider);
                if (reader == null) {
                    reader = provider.createReaderInstance();
                    mine.put(provider, reader);
                }
                return reader;
            }
        }
        throw new IOException("no reader");
    }
}

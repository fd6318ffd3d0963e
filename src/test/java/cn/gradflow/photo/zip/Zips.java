package cn.gradflow.photo.zip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Photo ZIPs, clean and hostile, written by the tests (commons-compress writes any name and symlinks). */
final class Zips {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipArchiveOutputStream zip = new ZipArchiveOutputStream((OutputStream) bytes);

    static Zips create() {
        return new Zips();
    }

    /** ZIP64 records throughout, as Info-ZIP writes them for input of unknown size (a pipe). */
    Zips zip64() {
        zip.setUseZip64(org.apache.commons.compress.archivers.zip.Zip64Mode.Always);
        return this;
    }

    Zips add(String name, byte[] content) {
        return add(name, content, ZipArchiveEntry.DEFLATED);
    }

    Zips stored(String name, byte[] content) {
        return add(name, content, ZipArchiveEntry.STORED);
    }

    Zips add(String name, byte[] content, int method) {
        try {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setMethod(method);
            if (method == ZipArchiveEntry.STORED) {
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(content);
                entry.setSize(content.length);
                entry.setCrc(crc.getValue());
            }
            zip.putArchiveEntry(entry);
            zip.write(content);
            zip.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An entry whose name is kept as written, backslashes included: the library turns \ into / only for
     * names made on DOS/Windows, so this one is marked as made on unix.
     */
    Zips raw(String name, byte[] content) {
        try {
            ZipArchiveEntry entry = new ZipArchiveEntry("placeholder") {
                {
                    setUnixMode(0100644);
                    setName(name); // protected: the public constructor has already turned \ into /
                }
            };
            zip.putArchiveEntry(entry);
            zip.write(content);
            zip.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A unix symlink entry (mode 0120777) pointing at {@code target}. */
    Zips symlink(String name, String target) {
        try {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(0120777);
            zip.putArchiveEntry(entry);
            zip.write(target.getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Zips folder(String name) {
        try {
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            zip.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code size} zeros, deflated, streamed through without holding them. */
    Zips zeros(String name, long size) {
        try {
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            byte[] block = new byte[1024 * 1024];
            for (long left = size; left > 0; left -= block.length) {
                zip.write(block, 0, (int) Math.min(block.length, left));
            }
            zip.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        try {
            zip.finish();
            zip.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes that do not compress (ratio about 1:1). */
    static byte[] noise(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * The archive with every central-directory header's declared uncompressed size set to {@code declared}:
     * the sender's word, which the reader must not believe.
     */
    static byte[] declaringSize(byte[] zip, long declared) {
        byte[] copy = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 <= copy.length; i++) {
            if (b.getInt(i) == 0x02014b50) {
                b.putInt(i + 24, (int) declared);
            } else if (b.getInt(i) == 0x04034b50 && i + 30 <= copy.length) {
                b.putInt(i + 22, (int) declared);
            }
        }
        return copy;
    }

    /** The end record's declared entry counts replaced: a directory claiming fewer entries than it holds. */
    static byte[] declaringEntries(byte[] zip, int declared) {
        byte[] copy = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = copy.length - 22; i >= 0; i--) {
            if (b.getInt(i) == 0x06054b50) {
                b.putShort(i + 8, (short) declared);
                b.putShort(i + 10, (short) declared);
                return copy;
            }
        }
        throw new IllegalArgumentException("no end record");
    }
}

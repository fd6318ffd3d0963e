package cn.gradflow.photo.zip;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.Collections;
import java.util.List;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * A photo ZIP read in place (never extracted): its central directory — the only place that holds an
 * entry's unix mode, hence symlinks — and its entries' bytes, counted as they are inflated. The sizes an
 * entry declares are the sender's word; the limits below hold on the bytes actually read, and reading stops
 * at the first limit crossed. {@link #checkLimits()} inflates the whole archive once before anything is
 * saved, so an archive refused as a whole leaves nothing behind.
 */
final class PhotoArchive implements Closeable {

    /** The platform's photo ZIP: 1,000 photos of at most 50 KB fit well under this. */
    public static final long MAX_ARCHIVE_BYTES = 64L * 1024 * 1024;
    public static final int MAX_ENTRIES = 1000;
    /** Ten times a camera's photo: an entry inflating beyond it is a bomb, not a photo too large. */
    public static final long MAX_ENTRY_BYTES = 10L * 1024 * 1024;
    public static final long MAX_TOTAL_BYTES = 128L * 1024 * 1024;
    /** JPEGs hardly compress; an entry inflating over 100 times its compressed bytes is a bomb. */
    public static final int MAX_RATIO = 100;
    /** Below this an entry's ratio says nothing (a tiny file of zeros compresses 1:1000 harmlessly). */
    static final long RATIO_FLOOR = 1024L * 1024;

    /** Why an archive is refused as a whole. */
    public record Refusal(String code, String message) {
    }

    /** An archive refused as a whole; nothing of it is saved. */
    public static final class RefusedException extends IOException {
        private final transient Refusal refusal;

        RefusedException(String code, String message) {
            super(message);
            this.refusal = new Refusal(code, message);
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
    private static final int ZIP64_EOCD_BYTES = 56;
    private static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
    private static final int CENTRAL_HEADER_BYTES = 46;
    private static final int EOCD_BYTES = 22;

    private final ZipFile zip;
    private final List<ZipArchiveEntry> entries;

    private PhotoArchive(ZipFile zip) {
        this.zip = zip;
        this.entries = Collections.list(zip.getEntriesInPhysicalOrder());
    }

    /** By magic bytes, whatever the file is called: a local file header, or the end record of an empty archive. */
    public static boolean looksLikeZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    /**
     * Opens the archive after counting its central directory's headers without keeping them, so a
     * directory of a million tiny headers is refused before any library builds a million entries.
     */
    public static PhotoArchive open(ReopeningChannel.Source source, long size) throws IOException {
        if (size > MAX_ARCHIVE_BYTES) {
            throw new RefusedException("ARCHIVE_TOO_LARGE", "照片压缩包超过 " + mb(MAX_ARCHIVE_BYTES) + " 上限");
        }
        ReopeningChannel channel = new ReopeningChannel(source, size);
        try {
            countCentralDirectory(channel, size);
            ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).setIgnoreLocalFileHeader(true).get();
            PhotoArchive archive = new PhotoArchive(zip);
            if (archive.entries.size() > MAX_ENTRIES) {
                archive.close();
                throw tooManyEntries();
            }
            return archive;
        } catch (RefusedException refused) {
            channel.close();
            throw refused;
        } catch (IOException | RuntimeException unreadable) {
            channel.close();
            throw new RefusedException("CORRUPT_ZIP", "不是有效的 ZIP 压缩包，无法读取其目录");
        }
    }

    /** Opens, inflates every entry once against the limits and closes: the refusal, if any, else null. */
    public static Refusal inspect(ReopeningChannel.Source source, long size) throws IOException {
        try (PhotoArchive archive = open(source, size)) {
            archive.checkLimits();
            return null;
        } catch (RefusedException refused) {
            return refused.refusal();
        }
    }

    public List<ZipArchiveEntry> entries() {
        return entries;
    }

    /** Whether the library can inflate the entry at all (not encrypted, a known method). */
    public boolean readable(ZipArchiveEntry entry) {
        return zip.canReadEntryData(entry);
    }

    /** Inflates every readable file entry, counting, and throws at the first limit crossed. */
    public void checkLimits() throws IOException {
        long[] total = {0};
        byte[] buffer = new byte[64 * 1024];
        for (ZipArchiveEntry entry : entries) {
            if (entry.isDirectory() || entry.isUnixSymlink() || !readable(entry)) {
                continue;
            }
            try (InputStream in = open(entry, total)) {
                while (in.read(buffer) >= 0) {
                    // counting is all
                }
            }
        }
    }

    /**
     * The entry's bytes, counted against the per-entry limit and the ratio, and against {@code total}
     * (one cell shared by the entries of a pass) for the archive's limit.
     */
    public InputStream open(ZipArchiveEntry entry, long[] total) throws IOException {
        InputStream raw;
        try {
            raw = zip.getInputStream(entry);
        } catch (IOException | RuntimeException unreadable) {
            throw new RefusedException("CORRUPT_ZIP", "压缩包已损坏，条目无法读取：" + EntryNames.shown(entry.getName()));
        }
        return new CountingStream(raw, entry, total);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private static RefusedException tooManyEntries() {
        return new RefusedException("TOO_MANY_ENTRIES", "照片压缩包最多 " + MAX_ENTRIES + " 个条目，请分成几个压缩包上传");
    }

    private static void countCentralDirectory(SeekableByteChannel channel, long size) throws IOException {
        int tailLength = (int) Math.min(size, EOCD_BYTES + 0xFFFF);
        ByteBuffer tail = read(channel, size - tailLength, tailLength);
        int eocd = -1;
        for (int i = tailLength - EOCD_BYTES; i >= 0; i--) {
            if (tail.getInt(i) == EOCD_SIGNATURE) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new RefusedException("CORRUPT_ZIP", "不是有效的 ZIP 压缩包：找不到压缩包目录");
        }
        long directoryOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
        long declaredEntries = Short.toUnsignedInt(tail.getShort(eocd + 10));
        if (eocd >= 20 && tail.getInt(eocd - 20) == ZIP64_LOCATOR_SIGNATURE) {
            // ZIP64 (Info-ZIP writes it for input of unknown size, e.g. from a pipe): its own end record has the figures
            long zip64End = tail.getLong(eocd - 20 + 8);
            if (zip64End < 0 || zip64End + ZIP64_EOCD_BYTES > size) {
                throw new RefusedException("CORRUPT_ZIP", "不是有效的 ZIP 压缩包：ZIP64 目录位置有误");
            }
            ByteBuffer record = read(channel, zip64End, ZIP64_EOCD_BYTES);
            if (record.getInt(0) != ZIP64_EOCD_SIGNATURE) {
                throw new RefusedException("CORRUPT_ZIP", "不是有效的 ZIP 压缩包：找不到 ZIP64 目录");
            }
            declaredEntries = record.getLong(32);
            directoryOffset = record.getLong(48);
        }
        if (declaredEntries < 0 || declaredEntries > MAX_ENTRIES) {
            throw tooManyEntries();
        }
        if (directoryOffset < 0 || directoryOffset > size) {
            throw new RefusedException("CORRUPT_ZIP", "不是有效的 ZIP 压缩包：目录位置有误");
        }
        // the declared count is the sender's word too: count the headers the way a reader walks them
        long position = directoryOffset;
        int count = 0;
        while (position + CENTRAL_HEADER_BYTES <= size) {
            ByteBuffer header = read(channel, position, CENTRAL_HEADER_BYTES);
            if (header.getInt(0) != CENTRAL_HEADER_SIGNATURE) {
                break;
            }
            if (++count > MAX_ENTRIES) {
                throw tooManyEntries();
            }
            position += CENTRAL_HEADER_BYTES + Short.toUnsignedInt(header.getShort(28))
                    + Short.toUnsignedInt(header.getShort(30)) + Short.toUnsignedInt(header.getShort(32));
        }
    }

    private static ByteBuffer read(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(position);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // fill
        }
        if (buffer.hasRemaining()) {
            throw new RefusedException("CORRUPT_ZIP", "不是有效的 ZIP 压缩包：目录被截断");
        }
        return buffer.flip();
    }

    static String mb(long bytes) {
        return bytes / (1024 * 1024) + " MB";
    }

    /** Counts inflated bytes as they are read, and stops at the first limit crossed. */
    private static final class CountingStream extends FilterInputStream {
        private final ZipArchiveEntry entry;
        private final long[] total;
        private long count;

        CountingStream(InputStream in, ZipArchiveEntry entry, long[] total) {
            super(in);
            this.entry = entry;
            this.total = total;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException | RuntimeException broken) {
                throw new RefusedException("CORRUPT_ZIP", "压缩包已损坏，条目无法解压：" + EntryNames.shown(entry.getName()));
            }
            if (n > 0) {
                count += n;
                total[0] += n;
                check();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            if (n <= 0) {
                return 0;
            }
            // through read, so skipped bytes are counted too
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        private void check() throws RefusedException {
            String name = EntryNames.shown(entry.getName());
            if (count > MAX_ENTRY_BYTES) {
                throw new RefusedException("ENTRY_TOO_LARGE", "压缩包条目 " + name + " 解压后超过 " + mb(MAX_ENTRY_BYTES)
                        + "（可能是压缩炸弹），整个压缩包不予导入");
            }
            if (total[0] > MAX_TOTAL_BYTES) {
                throw new RefusedException("ARCHIVE_TOO_LARGE_INFLATED", "压缩包解压后总大小超过 " + mb(MAX_TOTAL_BYTES)
                        + "（可能是压缩炸弹），整个压缩包不予导入");
            }
            if (count > RATIO_FLOOR) {
                long compressed = in instanceof InputStreamStatistics statistics
                        ? statistics.getCompressedCount() : entry.getCompressedSize();
                if (compressed <= 0 || count / Math.max(1, compressed) > MAX_RATIO) {
                    throw new RefusedException("RATIO_TOO_HIGH", "压缩包条目 " + name + " 的压缩比超过 " + MAX_RATIO
                            + ":1（可能是压缩炸弹），整个压缩包不予导入");
                }
            }
        }
    }
}

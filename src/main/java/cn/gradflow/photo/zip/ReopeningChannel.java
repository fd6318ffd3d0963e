package cn.gradflow.photo.zip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel over an upload that can only be streamed (from the database, or a multipart part),
 * so a ZIP's central directory can be read without extracting or copying the archive anywhere. The tail,
 * where the end record and usually the central directory lie, is kept in memory (ZipFile searches the end
 * record backwards, byte by byte); before it, reads go forward on one stream, and a jump back reopens it.
 */
final class ReopeningChannel implements SeekableByteChannel {

    /** Opens a new stream over the same bytes, from the first. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    /** Room for the end record with the longest comment and the central directory of 1,000 plain names. */
    static final int TAIL_BYTES = 1024 * 1024;

    private final Source source;
    private final long size;
    private final byte[] tail;
    private final long tailStart;
    private InputStream stream;
    private long streamPosition;
    private long position;
    private int reopened;
    private boolean open = true;

    ReopeningChannel(Source source, long size) throws IOException {
        this.source = source;
        this.size = size;
        this.tailStart = Math.max(0, size - TAIL_BYTES);
        try (InputStream in = source.open()) {
            in.skipNBytes(tailStart);
            this.tail = in.readNBytes((int) (size - tailStart));
        }
        if (tail.length != size - tailStart) {
            throw new IOException("上传内容比记录的大小短：" + size + " 字节");
        }
    }

    /** How often the stream was opened again for a jump backwards (a test measures it). */
    int reopened() {
        return reopened;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (position >= tailStart) {
            int n = (int) Math.min(dst.remaining(), size - position);
            dst.put(tail, (int) (position - tailStart), n);
            position += n;
            return n;
        }
        if (stream == null || streamPosition > position) {
            if (stream != null) {
                stream.close();
                reopened++;
            }
            stream = source.open();
            streamPosition = 0;
        }
        if (streamPosition < position) {
            stream.skipNBytes(position - streamPosition);
            streamPosition = position;
        }
        int wanted = (int) Math.min(Math.min(dst.remaining(), 64 * 1024), tailStart - position);
        byte[] buffer = new byte[wanted];
        int n = stream.read(buffer, 0, wanted);
        if (n < 0) {
            throw new IOException("上传内容比记录的大小短：" + size + " 字节");
        }
        dst.put(buffer, 0, n);
        position += n;
        streamPosition += n;
        return n;
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    private void ensureOpen() throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}

package cn.gradflow.photo.zip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Archives refused as a whole: limits counted on the bytes actually inflated, not on what entries declare. */
class PhotoArchiveTest {

    private static final byte[] SMALL = Zips.noise(20_000, 1);

    @Test
    void aBombOf500MegabytesOfZerosIsRefusedByItsRatio() throws IOException {
        byte[] bomb = Zips.create().zeros("2440100000001.jpg", 500L * 1024 * 1024).bytes();
        assertThat(bomb.length).isLessThan(1024 * 1024);
        assertThat(refusal(bomb)).isEqualTo("RATIO_TOO_HIGH");
    }

    @Test
    void anEntryLyingAboutItsSizeIsCountedAsItInflates() throws IOException {
        // 11 MB of noise (no ratio to speak of) declared as 1,000 bytes: the per-entry limit still stops it
        byte[] lying = Zips.declaringSize(Zips.create().add("2440100000001.jpg", Zips.noise(11 * 1024 * 1024, 2)).bytes(), 1000);
        assertThat(refusal(lying)).isEqualTo("ENTRY_TOO_LARGE");
        // 2 MB of zeros declared as 100 bytes: the ratio on the inflated bytes stops it
        byte[] zeros = Zips.declaringSize(Zips.create().zeros("2440100000002.jpg", 2L * 1024 * 1024).bytes(), 100);
        assertThat(refusal(zeros)).isEqualTo("RATIO_TOO_HIGH");
    }

    @Test
    void atMostAThousandEntriesWhateverTheEndRecordSays() throws IOException {
        Zips thousand = Zips.create();
        for (int i = 0; i < 1000; i++) {
            thousand.stored("24401" + String.format("%08d", i) + ".jpg", new byte[] {1});
        }
        assertThat(refusal(thousand.bytes())).isNull();

        Zips tooMany = Zips.create();
        for (int i = 0; i < 1001; i++) {
            tooMany.stored("24401" + String.format("%08d", i) + ".jpg", new byte[] {1});
        }
        byte[] archive = tooMany.bytes();
        assertThat(refusal(archive)).isEqualTo("TOO_MANY_ENTRIES");
        assertThat(refusal(Zips.declaringEntries(archive, 5))).isEqualTo("TOO_MANY_ENTRIES");
    }

    @Test
    void zip64ArchivesAreReadAndLimitedTheSameWay() throws IOException {
        assertThat(refusal(Zips.create().zip64().add("2440100000001.jpg", SMALL).bytes())).isNull();
        assertThat(refusal(Zips.create().zip64().zeros("2440100000001.jpg", 50L * 1024 * 1024).bytes()))
                .isEqualTo("RATIO_TOO_HIGH");
        Zips tooMany = Zips.create().zip64();
        for (int i = 0; i < 1001; i++) {
            tooMany.stored("24401" + String.format("%08d", i) + ".jpg", new byte[] {1});
        }
        assertThat(refusal(tooMany.bytes())).isEqualTo("TOO_MANY_ENTRIES");
    }

    @Test
    void notAZipOrABrokenOneIsRefusedAsCorrupt() throws IOException {
        assertThat(refusal("PK\u0003\u0004 and then nothing of a zip".getBytes())).isEqualTo("CORRUPT_ZIP");
        assertThat(refusal(new byte[0])).isEqualTo("CORRUPT_ZIP");
        byte[] clean = Zips.create().add("2440100000001.jpg", SMALL).bytes();
        byte[] truncated = java.util.Arrays.copyOf(clean, clean.length - 10);
        assertThat(refusal(truncated)).isEqualTo("CORRUPT_ZIP");
        assertThat(PhotoArchive.looksLikeZip(clean)).isTrue();
        assertThat(PhotoArchive.looksLikeZip(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isFalse();
    }

    @Test
    void anArchiveOverItsSizeLimitIsRefusedUnread() throws IOException {
        AtomicInteger opened = new AtomicInteger();
        String code = PhotoArchive.inspect(() -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(new byte[0]);
        }, PhotoArchive.MAX_ARCHIVE_BYTES + 1).code();
        assertThat(code).isEqualTo("ARCHIVE_TOO_LARGE");
        assertThat(opened).hasValue(0);
    }

    @Test
    void bothPassesReadTheUploadForwardReopeningItOnlyAFewTimes() throws IOException {
        Zips zips = Zips.create();
        for (int i = 0; i < 200; i++) {
            zips.stored("24401" + String.format("%08d", i) + ".jpg", Zips.noise(8_000, i));
        }
        byte[] archive = zips.bytes();
        AtomicInteger opened = new AtomicInteger();
        ReopeningChannel.Source source = () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(archive);
        };
        try (PhotoArchive zip = PhotoArchive.open(source, archive.length)) {
            zip.checkLimits();
            zip.checkLimits();
            assertThat(zip.entries()).hasSize(200);
        }
        // the tail once, the directory, then each pass from the start
        assertThat(opened.get()).isLessThanOrEqualTo(5);
    }

    private static String refusal(byte[] archive) throws IOException {
        PhotoArchive.Refusal refusal = PhotoArchive.inspect(() -> new ByteArrayInputStream(archive), archive.length);
        return refusal == null ? null : refusal.code();
    }
}

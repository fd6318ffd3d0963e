package cn.gradflow.photo;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast decoding (top half only, 2×2 subsampled where no head is looked for, reused reader and buffer) gives
 * the same inspection as decoding the whole picture: every fixture the photo tests draw, cases a pixel or two
 * either side of each threshold, odd sizes, and damaged files, under every profile.
 */
class PhotoFastPathTest {

    @Test
    void fastAndFullDecodingGiveTheSameFindingsForEveryFixtureUnderEveryProfile() {
        List<byte[]> photos = fixtures();
        int compared = 0;
        int withPixelFindings = 0;
        for (byte[] photo : photos) {
            for (PhotoProfile profile : PhotoProfile.values()) {
                PhotoInspection full = PhotoInspector.inspect(profile, "2440100000001.jpg", photo, "2440100000001",
                        PhotoInspector.Decoding.FULL);
                PhotoInspection fast = PhotoInspector.inspect(profile, "2440100000001.jpg", photo, "2440100000001",
                        PhotoInspector.Decoding.FAST);
                assertThat(fast).as("%s, fixture %d of %d bytes", profile, compared, photo.length).isEqualTo(full);
                if (full.findings().stream().anyMatch(f -> f.code().contains("BACKGROUND") || f.code().startsWith("HEAD_"))) {
                    withPixelFindings++;
                }
                compared++;
            }
        }
        // the comparison covers pictures the pixel checks refuse, not only ones they pass
        assertThat(withPixelFindings).isGreaterThan(40);
        assertThat(compared).isEqualTo(photos.size() * PhotoProfile.values().length);
    }

    @Test
    void theFastPathGivesTheSameAnswerWhenTheSameThreadAlternatesBetweenSizesAndProfiles() {
        byte[] small = draw(f -> { f.width = 295; f.height = 413; f.headTop = 50; });
        byte[] frame = draw(f -> f.frame = true);
        byte[] valid = PhotoFixtures.graduationJpeg();
        for (int round = 0; round < 3; round++) {
            for (byte[] photo : List.of(valid, small, frame, valid)) {
                for (PhotoProfile profile : List.of(PhotoProfile.OUC_GRADUATION, PhotoProfile.CHSI_CERTIFICATE, PhotoProfile.ADMISSION)) {
                    assertThat(PhotoInspector.inspect(profile, null, photo, null, PhotoInspector.Decoding.FAST))
                            .isEqualTo(PhotoInspector.inspect(profile, null, photo, null, PhotoInspector.Decoding.FULL));
                }
            }
        }
    }

    @Test
    void aPngWithBrokenAncillaryChunksIsDecodedAsImageIoReadDecodesIt() {
        byte[] png = new PhotoFixtures().png();
        // a colour profile whose compressed data is not zlib, and a compressed text likewise: metadata a reader
        // parses only where metadata is not ignored; ImageIO.read ignores it, so must the fast way
        byte[] brokenProfile = PhotoFixtures.withChunk(png, "iCCP", new byte[] {'x', 0, 0, 1, 2, 3, 4, 5});
        byte[] brokenText = PhotoFixtures.withChunk(png, "zTXt", new byte[] {'k', 0, 0, 9, 9, 9, 9});
        for (byte[] photo : List.of(brokenProfile, brokenText)) {
            PhotoInspection full = PhotoInspector.inspect(PhotoProfile.ID_ATTACHMENT, "id.png", photo, null, PhotoInspector.Decoding.FULL);
            assertThat(full.findings()).as("ImageIO.read decodes it").isEmpty();
            for (PhotoProfile profile : PhotoProfile.values()) {
                assertThat(PhotoInspector.inspect(profile, "id.png", photo, null, PhotoInspector.Decoding.FAST))
                        .isEqualTo(PhotoInspector.inspect(profile, "id.png", photo, null, PhotoInspector.Decoding.FULL));
            }
        }
    }

    @Test
    void onlyOneSequentialScanFollowedByTheEndMarkerTakesTheShortWay() {
        byte[] valid = PhotoFixtures.graduationJpeg();
        assertThat(PhotoPixels.oneScanThenEnd(valid)).isTrue();
        assertThat(PhotoPixels.oneScanThenEnd(PhotoFixtures.padTo(valid, 30 * 1024))).isTrue();
        assertThat(PhotoPixels.oneScanThenEnd(Arrays.copyOf(valid, valid.length - 1))).as("no end marker").isFalse();
        assertThat(PhotoPixels.oneScanThenEnd(Arrays.copyOf(valid, valid.length / 2))).as("cut short").isFalse();
        assertThat(PhotoPixels.oneScanThenEnd(trailingScan(valid))).as("a second scan header").isFalse();
        assertThat(PhotoPixels.oneScanThenEnd(new PhotoFixtures().png())).isFalse();
    }

    @Test
    void theBorderIsVisitedOnlyWhereItIsAndInTheOrderEveryPixelTestedGave() {
        // each pixel's value is its coordinates; the old loop tested every even (x, y) of the top half
        int compared = 0;
        for (int w = 1; w <= 60; w++) {
            for (int h = 1; h <= 60; h++) {
                compared += sameBorder(w, h);
            }
        }
        for (int[] size : new int[][] {{480, 640}, {481, 641}, {479, 639}, {295, 413}, {90, 120}, {800, 500}, {640, 480}, {25, 2000}, {2000, 25}}) {
            compared += sameBorder(size[0], size[1]);
        }
        assertThat(compared).isGreaterThan(3_600);
    }

    private static int sameBorder(int w, int h) {
        PhotoPixels.Pixels coordinates = new PhotoPixels.Pixels() {
            public int width() { return w; }
            public int height() { return h; }
            public int rgb(int x, int y) { return x << 16 | y; }
        };
        int band = Math.max(1, Math.min(w, h) / 12);
        List<Integer> expected = new ArrayList<>();
        for (int y = 0; y < h / 2; y += 2) {
            for (int x = 0; x < w; x += 2) {
                if (y < band || x < band || x >= w - band) {
                    expected.add(x << 16 | y);
                }
            }
        }
        assertThat(PhotoInspector.borderSamples(coordinates)).as("%d×%d", w, h)
                .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        return 1;
    }

    @Test
    void countNearAgreesWithTheLargestChannelDifferenceAroundEveryBound() {
        Random random = new Random(13);
        int[] bases = {0, 1, 59, 60, 61, 128, 194, 195, 196, 254, 255};
        int checked = 0;
        for (int base : bases) {
            for (int d = -62; d <= 62; d++) {
                for (int channel = 0; channel < 3; channel++) {
                    int other = Math.max(0, Math.min(255, base + d));
                    int colour = random.nextInt(1 << 24);
                    int a = (colour & ~(0xFF << (8 * channel))) | base << (8 * channel);
                    int b = (colour & ~(0xFF << (8 * channel))) | other << (8 * channel);
                    int[] pixels = {a | random.nextInt(256) << 24};
                    assertThat(PhotoInspector.countNear(pixels, b)).as("%06X against %06X", a, b)
                            .isEqualTo(largestChannelDifference(a, b) <= 2 * PhotoInspector.BACKGROUND_TOLERANCE ? 1 : 0);
                    checked++;
                }
            }
        }
        int[] noise = random.ints(10_000, 0, 1 << 24).toArray();
        int colour = 0x64C5FF;
        long near = Arrays.stream(noise).filter(p -> largestChannelDifference(p, colour) <= 60).count();
        assertThat(PhotoInspector.countNear(noise, colour)).isEqualTo((int) near);
        assertThat(checked).isEqualTo(bases.length * 125 * 3);
    }

    private static int largestChannelDifference(int a, int b) {
        return Math.max(Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)),
                Math.max(Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)), Math.abs((a & 0xFF) - (b & 0xFF))));
    }

    private static byte[] trailingScan(byte[] valid) {
        byte[] trailing = Arrays.copyOf(valid, valid.length + 6);
        System.arraycopy(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 4, 1, 2}, 0, trailing, valid.length - 2, 6);
        trailing = Arrays.copyOf(trailing, trailing.length + 2);
        trailing[trailing.length - 2] = (byte) 0xFF;
        trailing[trailing.length - 1] = (byte) 0xD9;
        return trailing;
    }

    private static List<byte[]> fixtures() {
        List<byte[]> photos = new ArrayList<>();
        photos.add(PhotoFixtures.graduationJpeg());
        photos.add(PhotoFixtures.admissionJpeg());
        photos.add(PhotoFixtures.whiteBackgroundJpeg());
        photos.add(new PhotoFixtures().png());
        photos.add(draw(f -> f.frame = true));
        photos.add(draw(f -> f.grey = true));
        photos.add(draw(f -> { f.grey = true; f.background = Color.WHITE; }));
        // background colours either side of the ±30 tolerance, for the blues and for CHSI's white and grey
        for (int delta : new int[] {28, 29, 30, 31, 32, 34}) {
            photos.add(draw(f -> { f.background = new Color(100 + delta, 197, 255); f.quality = 1.0f; }));
            photos.add(draw(f -> { f.background = new Color(67, 142 - delta, 219); f.quality = 1.0f; }));
            photos.add(draw(f -> { f.background = new Color(255 - delta, 255 - delta, 255); f.quality = 1.0f; }));
            photos.add(draw(f -> { f.background = new Color(240, 240 - delta, 240); f.quality = 1.0f; }));
        }
        // the head's top either side of 50 and of 110 pixels, and no head in the top half
        for (int headTop : new int[] {30, 45, 48, 49, 50, 51, 52, 108, 109, 110, 111, 112, 116, 140, 330}) {
            photos.add(draw(f -> f.headTop = headTop));
            photos.add(draw(f -> { f.headTop = headTop; f.quality = 0.5f; }));
        }
        // odd and even sizes (subsampled rows and columns fall differently), tiny ones, a frame on an odd size
        for (int[] size : new int[][] {{480, 640}, {481, 641}, {479, 639}, {295, 413}, {90, 120}, {3, 5}, {2, 2}, {1, 2}, {800, 500}}) {
            photos.add(draw(f -> { f.width = size[0]; f.height = size[1]; f.headTop = size[1] / 8; }));
            photos.add(draw(f -> { f.width = size[0]; f.height = size[1]; f.headTop = size[1] / 8; f.frame = true; }));
        }
        // borders and stripes near the 95 % uniformity bound
        photos.addAll(stripes());
        photos.add(draw(f -> f.dpi = 72));
        photos.add(draw(f -> f.quality = 0.4f));
        photos.add(PhotoFixtures.padTo(PhotoFixtures.graduationJpeg(), 30 * 1024));
        // damaged files: cut short anywhere, bytes flipped in the top and the bottom half, garbage after the image
        byte[] valid = PhotoFixtures.graduationJpeg();
        for (int cut : new int[] {40, 200, 700, valid.length / 4, valid.length / 2, 3 * valid.length / 4, valid.length - 2, valid.length - 1}) {
            photos.add(Arrays.copyOf(valid, cut));
        }
        Random random = new Random(13);
        for (int i = 0; i < 24; i++) {
            byte[] damaged = valid.clone();
            int from = i % 2 == 0 ? 700 : valid.length / 2;
            for (int k = 0; k < 1 + i % 4; k++) {
                damaged[from + random.nextInt(valid.length - from - 2)] = (byte) random.nextInt(256);
            }
            photos.add(damaged);
        }
        photos.add(trailingScan(valid)); // a second scan header where the end marker should be
        return photos;
    }

    /** Stripes of another colour down the left border: the share of border pixels near the mean moves by steps. */
    private static List<byte[]> stripes() {
        List<byte[]> photos = new ArrayList<>();
        for (int width : new int[] {6, 8, 10, 11, 12, 14, 16}) {
            photos.add(draw(f -> { f.leftStripe = width; f.quality = 0.95f; }));
        }
        return photos;
    }

    private static byte[] draw(Consumer<PhotoFixtures> change) {
        PhotoFixtures f = new PhotoFixtures();
        change.accept(f);
        return f.jpeg();
    }
}

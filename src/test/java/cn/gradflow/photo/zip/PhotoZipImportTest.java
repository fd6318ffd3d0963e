package cn.gradflow.photo.zip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each entry of a photo ZIP decided on its own, as the clerk who sent it (th1, 天河学习中心). */
@GradFlowSpringTest
class PhotoZipImportTest {

    @Autowired PhotoZipImport importer;
    @Autowired PhotoRepository photos;
    @Autowired TestRoster roster;
    @Autowired IdentityService identity;

    @BeforeEach
    void asCentreClerk() {
        roster.ensureBase();
        roster.authenticate("th1");
    }

    @AfterEach
    void clear() {
        identity.clearAuthentication();
    }

    @Test
    void goodPhotosAreSavedByteForByte() throws IOException {
        String a = roster.studentWithoutPhoto(TestRoster.LC_A);
        String b = roster.studentWithoutPhoto(TestRoster.LC_A);
        byte[] photoA = PhotoFixtures.graduationJpeg();
        byte[] photoB = PhotoFixtures.graduationJpeg();
        photoB[photoB.length - 3] ^= 1; // a different photo, still a valid one
        byte[] zip = Zips.create().add(a + ".jpg", photoA).stored(b + ".JPG", photoB).bytes();

        Map<String, PhotoZipImport.EntryResult> results = run(zip, PhotoZipImport.Type.GRADUATION, false);

        assertThat(results.values()).extracting(PhotoZipImport.EntryResult::result)
                .containsOnly(PhotoZipImport.Result.SAVED);
        assertThat(photos.find(a, PhotoRepository.Kind.GRADUATION).orElseThrow().content()).isEqualTo(photoA);
        assertThat(photos.find(b, PhotoRepository.Kind.GRADUATION).orElseThrow().content()).isEqualTo(photoB);
    }

    @Test
    void everyHostileEntryIsRefusedOnItsOwnAndNothingOfItWritten() throws IOException {
        String good = roster.studentWithoutPhoto(TestRoster.LC_A);
        String duplicated = roster.studentWithoutPhoto(TestRoster.LC_A);
        String png = roster.studentWithoutPhoto(TestRoster.LC_A);
        String white = roster.studentWithoutPhoto(TestRoster.LC_A);
        String otherUnit = roster.studentWithoutPhoto(TestRoster.LC_B);
        String linked = roster.studentWithoutPhoto(TestRoster.LC_A);
        String nested = roster.studentWithoutPhoto(TestRoster.LC_A);
        String locked = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        photos.lockGraduationPhoto(locked, true);
        byte[] lockedBefore = photos.find(locked, PhotoRepository.Kind.GRADUATION).orElseThrow().content();
        String existing = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        byte[] existingBefore = photos.find(existing, PhotoRepository.Kind.GRADUATION).orElseThrow().content();
        byte[] jpeg = PhotoFixtures.graduationJpeg();

        byte[] zip = Zips.create()
                .add(good + ".jpg", jpeg)
                .symlink(linked + ".jpg", "/etc/passwd")
                .folder("photos/")
                .add("photos/" + nested + ".jpg", jpeg)
                .add("../" + nested + ".jpg", jpeg)
                .add("/" + nested + ".jpg", jpeg)
                .raw("..\\" + nested + ".jpg", jpeg)
                .raw("sub\\" + nested + ".jpg", jpeg)
                .add(duplicated + ".jpg", jpeg)
                .add(duplicated + ".JPG", jpeg)
                .add(png + ".jpg", png())
                .add(white + ".jpg", PhotoFixtures.whiteBackgroundJpeg())
                .add("9999999999999.jpg", jpeg)
                .add(otherUnit + ".jpg", jpeg)
                .add(locked + ".jpg", jpeg)
                .add(existing + ".jpg", jpeg)
                .add("readme.txt", "hello".getBytes())
                .bytes();

        Map<String, PhotoZipImport.EntryResult> results = run(zip, PhotoZipImport.Type.GRADUATION, false);

        Map<String, String> verdicts = new LinkedHashMap<>();
        results.forEach((entry, r) -> verdicts.put(entry, r.result() + " " + r.code()));
        assertThat(verdicts).containsExactly(
                Map.entry(good + ".jpg", "SAVED SAVED"),
                Map.entry(linked + ".jpg", "REFUSED SYMLINK"),
                Map.entry("photos/", "REFUSED FOLDER"),
                Map.entry("photos/" + nested + ".jpg", "REFUSED PATH_IN_NAME"),
                Map.entry("../" + nested + ".jpg", "REFUSED PARENT_PATH"),
                Map.entry("/" + nested + ".jpg", "REFUSED ABSOLUTE_PATH"),
                Map.entry("..\\" + nested + ".jpg", "REFUSED PARENT_PATH"),
                Map.entry("sub\\" + nested + ".jpg", "REFUSED PATH_IN_NAME"),
                Map.entry(duplicated + ".jpg", "REFUSED DUPLICATE_NAME"),
                Map.entry(duplicated + ".JPG", "REFUSED DUPLICATE_NAME"),
                Map.entry(png + ".jpg", "REFUSED NOT_JPEG"),
                Map.entry(white + ".jpg", "REFUSED WRONG_BACKGROUND"),
                Map.entry("9999999999999.jpg", "REFUSED UNKNOWN_STUDENT"),
                Map.entry(otherUnit + ".jpg", "REFUSED OTHER_UNIT"),
                Map.entry(locked + ".jpg", "REFUSED PHOTO_LOCKED"),
                Map.entry(existing + ".jpg", "SKIPPED PHOTO_EXISTS"),
                Map.entry("readme.txt", "REFUSED BAD_NAME"));
        assertThat(results.get(white + ".jpg").message()).contains("背景").contains("R-PH-01");
        for (String no : List.of(duplicated, png, white, otherUnit, linked, nested)) {
            assertThat(photos.locked(no, PhotoRepository.Kind.GRADUATION)).as(no).isEmpty();
        }
        assertThat(photos.find(locked, PhotoRepository.Kind.GRADUATION).orElseThrow().content()).isEqualTo(lockedBefore);
        assertThat(photos.find(existing, PhotoRepository.Kind.GRADUATION).orElseThrow().content()).isEqualTo(existingBefore);
        assertThat(photos.find(good, PhotoRepository.Kind.GRADUATION).orElseThrow().content()).isEqualTo(jpeg);
    }

    @Test
    void overwriteReplacesAnUnlockedPhotoAndAdmissionPhotosUseTheirProfile() throws IOException {
        String existing = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        byte[] jpeg = PhotoFixtures.graduationJpeg();
        byte[] admission = PhotoFixtures.admissionJpeg();

        assertThat(run(Zips.create().add(existing + ".jpg", jpeg).bytes(), PhotoZipImport.Type.GRADUATION, true)
                .get(existing + ".jpg").result()).isEqualTo(PhotoZipImport.Result.SAVED);
        assertThat(photos.find(existing, PhotoRepository.Kind.GRADUATION).orElseThrow().content()).isEqualTo(jpeg);

        assertThat(run(Zips.create().add(existing + ".jpg", admission).bytes(), PhotoZipImport.Type.ADMISSION, false)
                .get(existing + ".jpg").result()).isEqualTo(PhotoZipImport.Result.SAVED);
        assertThat(photos.find(existing, PhotoRepository.Kind.ADMISSION).orElseThrow().content()).isEqualTo(admission);
        // a 295×413 admission photo is no graduation photo
        assertThat(run(Zips.create().add(existing + ".jpg", admission).bytes(), PhotoZipImport.Type.GRADUATION, true)
                .get(existing + ".jpg").code()).isEqualTo("WRONG_DIMENSIONS");
    }

    @Test
    void aBombAnywhereInTheArchiveSavesNothingAtAll() {
        String first = roster.studentWithoutPhoto(TestRoster.LC_A);
        byte[] zip = Zips.create().add(first + ".jpg", PhotoFixtures.graduationJpeg())
                .zeros("9999999999998.jpg", 50L * 1024 * 1024).bytes();

        assertThatThrownBy(() -> run(zip, PhotoZipImport.Type.GRADUATION, false))
                .isInstanceOf(PhotoArchive.RefusedException.class)
                .extracting(e -> ((PhotoArchive.RefusedException) e).refusal().code()).isEqualTo("RATIO_TOO_HIGH");
        assertThat(photos.locked(first, PhotoRepository.Kind.GRADUATION)).isEmpty();
    }

    private Map<String, PhotoZipImport.EntryResult> run(byte[] zip, PhotoZipImport.Type type, boolean overwrite)
            throws IOException {
        List<PhotoZipImport.EntryResult> seen = new ArrayList<>();
        importer.run(() -> new ByteArrayInputStream(zip), zip.length, type, overwrite, sink(seen));
        Map<String, PhotoZipImport.EntryResult> byEntry = new LinkedHashMap<>();
        seen.forEach(r -> byEntry.putIfAbsent(r.entry(), r));
        assertThat(byEntry).hasSameSizeAs(new LinkedHashMap<>(byEntry));
        return byEntry;
    }

    private static PhotoZipImport.Sink sink(List<PhotoZipImport.EntryResult> seen) {
        return new PhotoZipImport.Sink() {
            @Override
            public void total(int entries) {
            }

            @Override
            public void entry(PhotoZipImport.EntryResult result) {
                seen.add(result);
            }
        };
    }

    static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(480, 640, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    static byte[] pngBytes() {
        try {
            return png();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

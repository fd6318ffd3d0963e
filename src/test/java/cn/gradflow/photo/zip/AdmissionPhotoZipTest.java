package cn.gradflow.photo.zip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.admission.AdmissionFixture;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** R-ID-05: admission photos in the ZIP import are named by 考生号, and the school's enrolment office may import them. */
@GradFlowSpringTest
class AdmissionPhotoZipTest {

    @Autowired PhotoZipImport importer;
    @Autowired PhotoRepository photos;
    @Autowired AdmissionFixture fixture;
    @Autowired TestRoster roster;
    @Autowired IdentityService identity;

    @BeforeEach
    void setUp() {
        fixture.ensure();
    }

    @AfterEach
    void clear() {
        identity.clearAuthentication();
    }

    @Test
    void enrolmentOfficeImportsAdmissionPhotosNamedByCandidateNumber() throws IOException {
        String byCandidate = fixture.student(false);
        String byStudentNo = fixture.student(false);
        String otherSchool = roster.eligibleStudent(TestRoster.LC_A, "XZGL");
        byte[] photo = PhotoFixtures.admissionJpeg();
        byte[] zip = Zips.create()
                .add(AdmissionFixture.candidateNo(byCandidate) + ".jpg", photo)
                .add(byStudentNo + ".jpg", photo)
                .add(otherSchool + ".jpg", photo)
                .add("26119999999999.jpg", photo)
                .bytes();
        roster.authenticate(AdmissionFixture.ENROLMENT_USER);
        List<PhotoZipImport.EntryResult> results = new ArrayList<>();
        importer.run(() -> new ByteArrayInputStream(zip), zip.length, PhotoZipImport.Type.ADMISSION, false, new PhotoZipImport.Sink() {
            @Override
            public void total(int entries) {
            }

            @Override
            public void entry(PhotoZipImport.EntryResult result) {
                results.add(result);
            }
        });

        assertThat(results).extracting(PhotoZipImport.EntryResult::code)
                .containsExactly("SAVED", "SAVED", "OTHER_UNIT", "UNKNOWN_STUDENT");
        assertThat(photos.find(byCandidate, PhotoRepository.Kind.ADMISSION)).get()
                .satisfies(p -> assertThat(p.content()).isEqualTo(photo));
        assertThat(photos.find(byStudentNo, PhotoRepository.Kind.ADMISSION)).isPresent();
        assertThat(photos.find(otherSchool, PhotoRepository.Kind.ADMISSION)).isEmpty();
        assertThat(results.get(3).message()).contains("考生号");

        // graduation photos stay the centres' (and by 学号): the enrolment office imports none
        byte[] graduation = Zips.create().add(byStudentNo + ".jpg", PhotoFixtures.graduationJpeg()).bytes();
        List<PhotoZipImport.EntryResult> refused = new ArrayList<>();
        importer.run(() -> new ByteArrayInputStream(graduation), graduation.length, PhotoZipImport.Type.GRADUATION, true,
                new PhotoZipImport.Sink() {
                    @Override
                    public void total(int entries) {
                    }

                    @Override
                    public void entry(PhotoZipImport.EntryResult result) {
                        refused.add(result);
                    }
                });
        assertThat(refused).extracting(PhotoZipImport.EntryResult::code).containsExactly("OTHER_UNIT");
    }
}

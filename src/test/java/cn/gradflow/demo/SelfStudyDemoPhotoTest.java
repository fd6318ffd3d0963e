package cn.gradflow.demo;

import org.junit.jupiter.api.Test;

import cn.gradflow.photo.PhotoInspector;
import cn.gradflow.photo.PhotoProfile;

import static org.assertj.core.api.Assertions.assertThat;

/** The self-study demo's sample photo passes both profiles the candidate's upload forms check. */
class SelfStudyDemoPhotoTest {

    @Test
    void theSamplePhotoMeetsTheCertificateAndTheIdImageProfiles() {
        byte[] photo = SelfStudyDemo.certificatePhoto();
        assertThat(PhotoInspector.inspect(PhotoProfile.CHSI_CERTIFICATE, "certificate-photo.jpg", photo, null).findings()).isEmpty();
        assertThat(PhotoInspector.inspect(PhotoProfile.ID_ATTACHMENT, "id-image.jpg", photo, null).ok()).isTrue();
    }
}

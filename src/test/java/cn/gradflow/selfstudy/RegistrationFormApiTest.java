package cn.gradflow.selfstudy;

import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.camunda.bpm.engine.ProcessEngine;

import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.selfstudy.SelfStudyFixture.SESSION;
import static cn.gradflow.selfstudy.SelfStudyFixture.spec;
import static cn.gradflow.selfstudy.SelfStudyFixture.userOf;
import static org.assertj.core.api.Assertions.assertThat;

/** 毕业生登记表 through GET …/registration-form.pdf: the candidate's and the offices' own, once applied, from the records. */
@GradFlowSpringTest
class RegistrationFormApiTest {

    @Autowired TestRestTemplate http;
    @Autowired SelfStudyFixture fixture;
    @Autowired ProcessEngine engine;

    @Test
    void theFormIsPrintableOnceAppliedAndCarriesTheCandidatesChineseData() throws Exception {
        AbstractAssertions.init(engine);
        fixture.ensureBase();
        String no = fixture.candidate(spec());
        String other = fixture.candidate(spec());
        ProcessInstance pi = fixture.start(no);
        fixture.fire(pi, "WaitApplicationWindow");
        assertThat(get(userOf(no), no).getStatusCode().value()).isEqualTo(409);

        fixture.act(pi, userOf(no), Map.of("recordAnswer", "CORRECT"));
        fixture.act(pi, userOf(no), Map.of("processingLocation", "0201", "phone", "13800138000"));
        fixture.act(pi, userOf(no), Map.of("certificatePhoto", org.camunda.bpm.engine.variable.Variables.fileValue("p.jpg")
                .file(PhotoFixtures.chsiCertificateJpeg()).mimeType("image/jpeg").create()));
        fixture.approve(pi, SelfStudyFixture.CITY_USER);

        ResponseEntity<byte[]> pdf = get(userOf(no), no);
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        assertThat(pdf.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PDF)).isTrue();
        String name = fixture.name(no);
        try (PDDocument doc = Loader.loadPDF(pdf.getBody())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(no, name, "行政管理", "韶关市区（0201）", "测试市考办", "必考一");
        }
        assertThat(get(SelfStudyFixture.CITY_USER, no).getStatusCode().value()).isEqualTo(200);
        assertThat(get(userOf(other), no).getStatusCode().value()).isEqualTo(404);
        assertThat(get(SelfStudyFixture.OTHER_CITY_USER, no).getStatusCode().value()).isEqualTo(404);
    }

    private ResponseEntity<byte[]> get(String user, String no) {
        return http.withBasicAuth(user, TestRoster.PASSWORD)
                .getForEntity("/api/self-study/sessions/" + SESSION + "/cases/" + no + "/registration-form.pdf", byte[].class);
    }
}

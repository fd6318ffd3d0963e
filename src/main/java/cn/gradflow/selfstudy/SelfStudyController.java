package cn.gradflow.selfstudy;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.web.ApiException;

/**
 * Self-study graduation registration on {@code /api}: a case started for a candidate and session, the
 * session's cases for an exam office (or the candidate's own), one case with its trail and documents.
 * Every answer passes {@link SelfStudyScope}.
 */
@RestController
@RequestMapping("/api/self-study/sessions/{session}")
class SelfStudyController {

    record StartRequest(String candidateNo) {
    }

    record CaseSummary(String candidateNo, String name, String level, String majorName, String cityOffice, String state,
                       String stateLabel) {
    }

    record CaseDetail(CaseSummary candidate, String priorDegreeKind, String priorDegreeNo, boolean priorDegreeVerified,
                      boolean certificatePending, String processingLocation, String characterAssessment,
                      List<SelfStudyRepository.CaseEvent> trail, List<SelfStudyRepository.StoredDocument> documents) {
    }

    private final SelfStudyRepository repository;
    private final SelfStudyScope scope;
    private final SelfStudyStarter starter;
    private final RegistrationForms forms;

    SelfStudyController(SelfStudyRepository repository, SelfStudyScope scope, SelfStudyStarter starter, RegistrationForms forms) {
        this.repository = repository;
        this.scope = scope;
        this.starter = starter;
        this.forms = forms;
    }

    @PostMapping("/cases")
    ResponseEntity<CaseSummary> start(@PathVariable String session, @RequestBody(required = false) StartRequest request) {
        if (request == null || request.candidateNo() == null || request.candidateNo().isBlank()) {
            throw ApiException.badRequest("请提供准考证号 candidateNo");
        }
        SelfStudyRepository.CaseRow row = starter.start(session, request.candidateNo().strip());
        return ResponseEntity.status(HttpStatus.CREATED).body(summary(row));
    }

    /** An office's list: its city's cases, or every city's for the province; a candidate gets their own case only. */
    @GetMapping("/cases")
    List<CaseSummary> list(@PathVariable String session) {
        var own = scope.ownCandidate();
        if (own.isPresent()) {
            return repository.findCase(session, own.get().candidateNo()).map(this::summary).stream().toList();
        }
        return repository.casesOf(session, scope.officeCity().orElse(null)).stream().map(this::summary).toList();
    }

    @GetMapping("/cases/{candidateNo}")
    CaseDetail detail(@PathVariable String session, @PathVariable String candidateNo) {
        SelfStudyRepository.CaseRow row = caseOf(session, candidateNo);
        return new CaseDetail(summary(row), row.priorDegreeKind(), row.priorDegreeNo(), row.priorDegreeVerified(),
                row.certificatePending(), row.processingLocation(), row.characterAssessment(), repository.events(row.id()),
                repository.documents(row.id()));
    }

    /** An uploaded ID image or the certificate photo, for the reviewing offices and the candidate. */
    @GetMapping("/cases/{candidateNo}/documents/{kind}")
    ResponseEntity<byte[]> document(@PathVariable String session, @PathVariable String candidateNo, @PathVariable String kind) {
        SelfStudyRepository.CaseRow row = caseOf(session, candidateNo);
        SelfStudyRepository.StoredDocument stored = repository.documents(row.id()).stream().filter(d -> d.kind().equals(kind))
                .findFirst().orElseThrow(() -> ApiException.notFound("没有该材料：" + kind));
        byte[] content = repository.documentContent(row.id(), kind).orElseThrow();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(
                        Map.of("image/png", "image/png").getOrDefault(stored.contentType(), "image/jpeg")))
                .body(content);
    }

    /** 毕业生登记表 (PDF, two copies for duplex printing), for the candidate and the exam offices, once applied. */
    @GetMapping("/cases/{candidateNo}/registration-form.pdf")
    ResponseEntity<byte[]> registrationForm(@PathVariable String session, @PathVariable String candidateNo) {
        byte[] pdf = forms.pdf(caseOf(session, candidateNo));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"registration-form-" + candidateNo + ".pdf\"")
                .body(pdf);
    }

    private SelfStudyRepository.CaseRow caseOf(String session, String candidateNo) {
        scope.requireCandidate(candidateNo);
        return repository.findCase(session, candidateNo)
                .orElseThrow(() -> ApiException.notFound("该考生本批次没有毕业登记：" + candidateNo));
    }

    private CaseSummary summary(SelfStudyRepository.CaseRow row) {
        SelfStudyCandidate c = repository.candidate(row.candidateNo()).orElseThrow();
        return new CaseSummary(c.candidateNo(), c.name(), c.levelLabel(), c.majorName(), c.cityOffice(), row.state().name(),
                row.state().label());
    }
}

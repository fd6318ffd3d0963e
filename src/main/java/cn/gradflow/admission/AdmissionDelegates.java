package cn.gradflow.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import cn.gradflow.admission.AdmissionCaseRepository.AdmissionCase;
import cn.gradflow.admission.AdmissionCaseRepository.CaseStep;
import cn.gradflow.admission.AdmissionReviewProcess.Decision;
import cn.gradflow.admission.AdmissionReviewProcess.Office;
import cn.gradflow.admission.AdmissionReviewProcess.Step;
import cn.gradflow.checks.Finding;
import cn.gradflow.photo.PhotoInspection;
import cn.gradflow.photo.PhotoInspector;
import cn.gradflow.photo.PhotoProfile;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.security.AsSystem;
import cn.gradflow.security.UnitAuthorizations;

import static cn.gradflow.admission.AdmissionReviewProcess.PHOTO_FINDINGS;
import static cn.gradflow.admission.AdmissionReviewProcess.PHOTO_OK;

/** The service tasks and the start listener of admission-review.bpmn: each a few lines over the tables. */
final class AdmissionDelegates {

    private AdmissionDelegates() {
    }

    /** R-ID-05: the stored admission photo against the ADMISSION profile (录取照片规格); a gap goes to the enrolment office. */
    @Component("checkAdmissionPhoto")
    static class CheckAdmissionPhoto implements JavaDelegate {

        private final AdmissionRouting routing;
        private final PhotoRepository photos;

        CheckAdmissionPhoto(AdmissionRouting routing, PhotoRepository photos) {
            this.routing = routing;
            this.photos = photos;
        }

        @Override
        public void execute(DelegateExecution execution) {
            AdmissionCase c = routing.caseOf(execution);
            List<Finding> findings = findings(photos.find(c.studentNo(), PhotoRepository.Kind.ADMISSION).map(PhotoRepository.StoredPhoto::content)
                    .orElse(null));
            PHOTO_OK.set(execution, findings.stream().noneMatch(Finding::isBlocking));
            PHOTO_FINDINGS.set(execution, findings.isEmpty() ? "录取照片符合规格（" + PhotoProfile.ADMISSION.label() + "）"
                    : findings.stream().map(f -> "- " + f.describe()).collect(Collectors.joining("\n")));
        }

        static List<Finding> findings(byte[] photo) {
            if (photo == null) {
                return List.of(Finding.blocking("R-ID-05", "NO_ADMISSION_PHOTO", "没有录取照片", null));
            }
            // stored photos carry no file name; the name (考生号.jpg) is checked where photos come in
            PhotoInspection inspection = PhotoInspector.inspect(PhotoProfile.ADMISSION, null, photo, null);
            return new ArrayList<>(inspection.findings());
        }
    }

    /** R-ID-04: the enrolment office proved an impostor: marked in identity_verdict, never to be registered. */
    @Component("markImpostor")
    static class MarkImpostor implements JavaDelegate {

        private final AdmissionRouting routing;
        private final AdmissionCaseRepository cases;
        private final IdentityVerdicts verdicts;

        MarkImpostor(AdmissionRouting routing, AdmissionCaseRepository cases, IdentityVerdicts verdicts) {
            this.routing = routing;
            this.cases = cases;
            this.verdicts = verdicts;
        }

        @Override
        public void execute(DelegateExecution execution) {
            AdmissionCase c = routing.caseOf(execution);
            CaseStep proof = cases.steps(c.id()).stream()
                    .filter(s -> s.step().equals(Step.VERIFY_IDENTITY.id()) && s.decision().equals(Decision.IMPOSTOR.name()))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new IllegalStateException("案件 " + c.id() + " 没有认定冒名顶替的核实记录"));
            verdicts.markImpostor(c.studentNo(), c.id(), proof.reason(), proof.actor());
        }
    }

    /** R-ID-06: the enrolment office approved the corrected photo: it becomes the student's admission photo. */
    @Component("applyCorrectedPhoto")
    static class ApplyCorrectedPhoto implements JavaDelegate {

        private final AdmissionRouting routing;
        private final AdmissionCaseRepository cases;
        private final PhotoRepository photos;

        ApplyCorrectedPhoto(AdmissionRouting routing, AdmissionCaseRepository cases, PhotoRepository photos) {
            this.routing = routing;
            this.cases = cases;
            this.photos = photos;
        }

        @Override
        public void execute(DelegateExecution execution) {
            AdmissionCase c = routing.caseOf(execution);
            byte[] photo = cases.correctedPhoto(c.id())
                    .orElseThrow(() -> new IllegalStateException("案件 " + c.id() + " 没有待勘误的录取照片"));
            photos.save(c.studentNo(), PhotoRepository.Kind.ADMISSION, photo);
            cases.clearCorrectedPhoto(c.id());
        }
    }

    /** Start listener: both offices of the school read the instance (beside {@code grantUnits}, for the student's units). */
    @Component("grantAdmissionOffices")
    static class GrantOffices implements ExecutionListener {

        private final AdmissionRouting routing;
        private final AdmissionOffices offices;
        private final UnitAuthorizations authorizations;
        private final AsSystem asSystem;

        GrantOffices(AdmissionRouting routing, AdmissionOffices offices, UnitAuthorizations authorizations, AsSystem asSystem) {
            this.routing = routing;
            this.offices = offices;
            this.authorizations = authorizations;
            this.asSystem = asSystem;
        }

        @Override
        public void notify(DelegateExecution execution) {
            Student student = routing.student(routing.caseOf(execution));
            List<String> groups = List.of(offices.groupFor(student, Office.ENROLMENT), offices.groupFor(student, Office.ACADEMIC_AFFAIRS));
            asSystem.run(() -> authorizations.grantInstance(execution.getProcessInstanceId(), groups));
        }
    }

    /**
     * R-ID-04 on graduation-application.bpmn's start: whichever door starts it (GradFlow's /api, Tasklist,
     * /engine-rest, an operator in Cockpit), a proven impostor's application does not start. The business key
     * {@code <batch>-<studentNo>} names the student; the refusal reaches every door as a 4xx with this text.
     */
    @Component("refuseProvenImpostor")
    static class RefuseProvenImpostor implements ExecutionListener {

        private final IdentityVerdicts verdicts;

        RefuseProvenImpostor(IdentityVerdicts verdicts) {
            this.verdicts = verdicts;
        }

        @Override
        public void notify(DelegateExecution execution) {
            String key = execution.getProcessBusinessKey();
            int dash = key == null ? -1 : key.indexOf('-');
            if (dash < 0) {
                return; // no student named: the application's own listeners refuse such a start
            }
            String studentNo = key.substring(dash + 1);
            AdmissionRules.applicationRefusal(verdicts.isImpostorAtStart(studentNo)).ifPresent(f -> {
                throw new BadUserRequestException(f.rule() + " " + f.message() + "：" + studentNo);
            });
        }
    }
}

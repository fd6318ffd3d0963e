package cn.gradflow.admission;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import cn.gradflow.admission.AdmissionCaseRepository.AdmissionCase;
import cn.gradflow.admission.AdmissionReviewProcess.Decision;
import cn.gradflow.admission.AdmissionReviewProcess.Office;
import cn.gradflow.admission.AdmissionReviewProcess.Step;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;

/**
 * As bean {@code admissionRouting}: what the admission-review BPMN routes by, read from GradFlow's tables
 * through the business key {@code A<case id>-<student number>} (which only GradFlow sets): the kind of
 * the case and the office groups of the student's school. No form can change either.
 */
@Component("admissionRouting")
public class AdmissionRouting {

    private final AdmissionCaseRepository cases;
    private final AdmissionOffices offices;
    private final RosterRepository roster;

    AdmissionRouting(AdmissionCaseRepository cases, AdmissionOffices offices, RosterRepository roster) {
        this.cases = cases;
        this.offices = offices;
        this.roster = roster;
    }

    public String kind(DelegateExecution execution) {
        return caseOf(execution).kind().name();
    }

    public String enrolmentOffice(DelegateExecution execution) {
        return offices.groupFor(student(caseOf(execution)), Office.ENROLMENT);
    }

    public String academicAffairsOffice(DelegateExecution execution) {
        return offices.groupFor(student(caseOf(execution)), Office.ACADEMIC_AFFAIRS);
    }

    /** The enrolment office replaced the admission photo in this case: the academic affairs office re-reports it. */
    public boolean photoReplaced(DelegateExecution execution) {
        return cases.hasStep(caseOf(execution).id(), Step.VERIFY_IDENTITY.id(), Decision.NEW_PHOTO.name());
    }

    AdmissionCase caseOf(DelegateExecution execution) {
        long id = caseId(execution.getProcessBusinessKey());
        return cases.find(id).orElseThrow(() -> new IllegalStateException("录取审核案件不存在：" + execution.getProcessBusinessKey()));
    }

    Student student(AdmissionCase c) {
        return roster.findStudent(c.studentNo()).orElseThrow(() -> new IllegalStateException("学号不存在：" + c.studentNo()));
    }

    static long caseId(String businessKey) {
        int dash = businessKey == null ? -1 : businessKey.indexOf('-');
        if (dash < 2 || businessKey.charAt(0) != 'A') {
            throw new IllegalStateException("录取审核流程的业务键应为 A<案件号>-<学号>：" + businessKey);
        }
        return Long.parseLong(businessKey.substring(1, dash));
    }
}

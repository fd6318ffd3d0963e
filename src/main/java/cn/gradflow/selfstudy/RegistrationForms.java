package cn.gradflow.selfstudy;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.gradflow.common.SchoolClock;
import cn.gradflow.selfstudy.SelfStudyProcess.State;
import cn.gradflow.selfstudy.form.CourseLine;
import cn.gradflow.selfstudy.form.RegistrationFormData;
import cn.gradflow.selfstudy.form.RegistrationFormPdf;
import cn.gradflow.web.ApiException;

/**
 * The registration form (毕业生登记表) of a case, rendered by {@link RegistrationFormPdf} from GradFlow's records
 * only (the notice forbids writing on its front): printable once the application is in (韶关 notice 第七步).
 */
@Component
class RegistrationForms {

    /** States reached only after 提交毕业申请. */
    static final Set<State> APPLIED = EnumSet.of(State.APPLIED, State.ONSITE_MISSED, State.ONSITE_REFUSED,
            State.FRESH_GRADUATE_LAPSED, State.NOT_APPROVED, State.APPROVED, State.CERTIFICATE_COLLECTED);

    private final SelfStudyRepository repository;
    private final SchoolClock clock;

    RegistrationForms(SelfStudyRepository repository, SchoolClock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    byte[] pdf(SelfStudyRepository.CaseRow row) {
        if (!APPLIED.contains(row.state())) {
            throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "NOT_APPLIED",
                    "尚未提交毕业申请，不能打印《毕业生登记表》（当前：" + row.state().label() + "）");
        }
        return RegistrationFormPdf.render(data(row));
    }

    RegistrationFormData data(SelfStudyRepository.CaseRow row) {
        SelfStudyCandidate c = repository.candidate(row.candidateNo()).orElseThrow();
        SelfStudySession session = repository.session(row.sessionCode()).orElseThrow();
        String office = repository.office(c.cityOffice()).map(SelfStudyRepository.Office::name).orElse(c.cityOffice());
        String prior = row.priorDegreeKind() == null ? null : PriorDegree.Kind.valueOf(row.priorDegreeKind()).label()
                + (row.priorDegreeNo() == null ? "" : " " + row.priorDegreeNo());
        var courses = repository.grades(c.candidateNo()).stream().filter(g -> g.score() >= 60)
                .map(g -> new CourseLine(g.courseCode(), g.courseName(), String.valueOf(g.score()), examSession(g.examSession())))
                .toList();
        byte[] photo = repository.documentContent(row.id(), SelfStudyTaskListener.PHOTO).orElse(null);
        String assessment = row.characterAssessment() == null || "MISSING".equals(row.characterAssessment()) ? null
                : ("PASSED".equals(row.characterAssessment()) ? "合格" : "不合格")
                        + (row.assessmentUnit() == null ? "" : "（" + row.assessmentUnit() + "）");
        return new RegistrationFormData(c.candidateNo(), c.name(), c.sex(), c.idNumber(), c.birthDate(), c.majorCode(),
                c.majorName(), c.levelLabel(), c.examiningUniversity(), session.name(), office,
                row.processingLocation() == null ? null : SelfStudyTaskListener.LOCATIONS.getOrDefault(row.processingLocation(),
                        row.processingLocation()),
                prior, courses, photo, assessment, clock.now());
    }

    /** 202210 → 2022年10月, as the form prints it; anything else as recorded. */
    static String examSession(String yyyymm) {
        return yyyymm != null && yyyymm.matches("\\d{6}") ? yyyymm.substring(0, 4) + "年" + yyyymm.substring(4) + "月" : yyyymm;
    }
}

package cn.gradflow.admission;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.admission.AdmissionReviewProcess.Kind;
import cn.gradflow.checks.Finding;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.roster.ApprovalChain;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.security.AsSystem;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.web.ApiException;

import static cn.gradflow.admission.AdmissionReviewProcess.*;

/**
 * Opens one admission-review case: the caller must be the office that opens this kind (or an admin), the
 * rules of {@link AdmissionRules#startRefusal} must let it; the row and the process instance commit together.
 * No staff group may start the process in the engine (no start form), so every case comes through here.
 */
@Service
public class AdmissionReviewStarter {

    private final RosterRepository roster;
    private final AdmissionOffices offices;
    private final AdmissionCaseRepository cases;
    private final IdentityVerdicts verdicts;
    private final CandidateNumbers candidateNumbers;
    private final PhotoRepository photos;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final AsSystem asSystem;
    private final CurrentUser currentUser;

    AdmissionReviewStarter(RosterRepository roster, AdmissionOffices offices, AdmissionCaseRepository cases, IdentityVerdicts verdicts,
                           CandidateNumbers candidateNumbers, PhotoRepository photos, RuntimeService runtime, TransactionTemplate tx,
                           AsSystem asSystem, CurrentUser currentUser) {
        this.roster = roster;
        this.offices = offices;
        this.cases = cases;
        this.verdicts = verdicts;
        this.candidateNumbers = candidateNumbers;
        this.photos = photos;
        this.runtime = runtime;
        this.tx = tx;
        this.asSystem = asSystem;
        this.currentUser = currentUser;
    }

    /** The new case's id; refusals as {@link ApiException} with the rule's Chinese message. */
    public long start(Kind kind, String studentNo, String reason) {
        return start(kind, studentNo, reason, true);
    }

    /** GradFlow's own start (the demo's seeding): no office check, the rules all the same. Never a request handler. */
    public long startBySystem(Kind kind, String studentNo, String reason) {
        return start(kind, studentNo, reason, false);
    }

    private long start(Kind kind, String studentNo, String reason, boolean checkOffice) {
        Student student = roster.findStudent(studentNo).orElseThrow(() -> ApiException.notFound("学号不存在：" + studentNo));
        if (checkOffice && offices.configuredFor(student) && !offices.userIs(kind.starter(), student)) {
            throw ApiException.forbidden(kind.label() + "由该生所在学校的" + kind.starter().label() + "发起，您无权办理：" + studentNo);
        }
        AdmissionRules.StartFacts facts = new AdmissionRules.StartFacts(kind, offices.configuredFor(student),
                verdicts.isImpostor(studentNo), cases.hasOpen(studentNo, kind),
                photos.find(studentNo, PhotoRepository.Kind.GRADUATION).isPresent(), candidateNumbers.of(studentNo).isPresent());
        AdmissionRules.startRefusal(facts).ifPresent(AdmissionReviewStarter::refuse);
        String user = currentUser.id();
        try {
            return tx.execute(status -> {
                long id = cases.insert(studentNo, kind, reason, user);
                ProcessInstance pi = asSystem.call(() -> runtime.createProcessInstanceByKey(KEY)
                        .businessKey(businessKey(id, studentNo))
                        .setVariables(variables(id, kind, student, reason))
                        .execute());
                cases.attachProcess(id, pi.getId());
                return id;
            });
        } catch (DuplicateKeyException raceLost) {
            throw new ApiException(HttpStatus.CONFLICT, "CASE_OPEN", kind.rule() + " 该生已有未办结的" + kind.label());
        }
    }

    private static void refuse(Finding f) {
        HttpStatus status = switch (f.code()) {
            case "CASE_OPEN" -> HttpStatus.CONFLICT;
            case "IMPOSTOR" -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        throw new ApiException(status, f.code(), f.rule() + " " + f.message());
    }

    private Map<String, Object> variables(long id, Kind kind, Student student, String reason) {
        ApprovalChain chain = roster.chainOf(student.unitCode());
        String candidateNo = candidateNumbers.of(student.studentNo()).orElse("（未登记）");
        String base = "/api/admission-reviews/" + id + "/photos/";
        Map<String, Object> v = new HashMap<>();
        v.put(CASE_ID.name(), id);
        v.put(STUDENT_NO.name(), student.studentNo());
        v.put(STUDENT_NAME.name(), student.name());
        v.put(SUMMARY.name(), "- 事项：" + kind.label() + "（" + kind.rule() + "，案件 " + id + "）" + (reason == null ? "" : "：" + reason) + "\n"
                + "- 姓名：" + student.name() + "　学号：" + student.studentNo() + "　考生号：" + candidateNo + "\n"
                + "- 学习中心：" + chain.learningCenter().name() + "　学校：" + chain.branch().name() + "\n"
                + "- 照片：[录取照片](" + base + "admission)　[毕业照片](" + base + "graduation)"
                + (kind == Kind.PHOTO_CORRECTION ? "　[勘误照片](" + base + "corrected)" : ""));
        v.put(HISTORY.name(), "（暂无）");
        v.put(PHOTO_FINDINGS.name(), kind == Kind.PHOTO_COMPARISON ? "（检查中）" : "（本事项不检查录取照片规格）");
        v.put(PHOTO_OK.name(), null);
        v.put(DECISION.name(), null);
        v.put(REASON.name(), null);
        return v;
    }
}

package cn.gradflow.admission;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.gradflow.admission.AdmissionCaseRepository.AdmissionCase;
import cn.gradflow.admission.AdmissionReviewProcess.Kind;
import cn.gradflow.admission.AdmissionReviewProcess.Office;
import cn.gradflow.admission.AdmissionReviewProcess.Step;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.common.TextLimits;
import cn.gradflow.photo.PhotoInspection;
import cn.gradflow.photo.PhotoInspector;
import cn.gradflow.photo.PhotoProfile;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.security.AsSystem;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.web.ApiException;

/**
 * The admission review's doors for the two offices (北京 notice): open a case, upload the photo a step
 * needs, see the case and its photos, record a CHSI self-check and read the self-check lists. Every
 * endpoint asks {@link AdmissionOffices} whether the caller is an office of the student's school.
 */
@RestController
@RequestMapping("/api")
class AdmissionController {

    private final AdmissionReviewStarter starter;
    private final AdmissionCaseRepository cases;
    private final AdmissionOffices offices;
    private final IdentityVerdicts verdicts;
    private final CandidateNumbers candidateNumbers;
    private final PhotoRepository photos;
    private final RosterRepository roster;
    private final RuntimeService runtime;
    private final AsSystem asSystem;
    private final ChsiSelfChecks selfChecks;
    private final CurrentUser currentUser;
    private final SchoolClock clock;

    AdmissionController(AdmissionReviewStarter starter, AdmissionCaseRepository cases, AdmissionOffices offices, IdentityVerdicts verdicts,
                        CandidateNumbers candidateNumbers, PhotoRepository photos, RosterRepository roster, RuntimeService runtime,
                        AsSystem asSystem, ChsiSelfChecks selfChecks, CurrentUser currentUser, SchoolClock clock) {
        this.starter = starter;
        this.cases = cases;
        this.offices = offices;
        this.verdicts = verdicts;
        this.candidateNumbers = candidateNumbers;
        this.photos = photos;
        this.roster = roster;
        this.runtime = runtime;
        this.asSystem = asSystem;
        this.selfChecks = selfChecks;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    record StartRequest(String kind, String studentNo, String reason) {
    }

    record StepView(String step, String decision, String reason, String actor, LocalDateTime decidedAt) {
    }

    record CaseView(long caseId, String kind, String kindLabel, String studentNo, String name, String candidateNo, String state,
                    String waitingAt, String outcome, String outcomeLabel, boolean impostor, String startedBy,
                    LocalDateTime startedAt, LocalDateTime closedAt, List<StepView> steps) {
    }

    @PostMapping("/admission-reviews")
    ResponseEntity<CaseView> start(@RequestBody(required = false) StartRequest request) {
        String expected = "请求体须为 {\"kind\": \"PHOTO_COMPARISON|PHOTO_CORRECTION|PRIOR_DEGREE\", \"studentNo\": \"学号\", \"reason\": \"说明（可选）\"}";
        if (request == null || request.kind() == null || request.studentNo() == null || request.studentNo().isBlank()) {
            throw ApiException.badRequest(expected);
        }
        Kind kind;
        try {
            kind = Kind.valueOf(request.kind().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("kind 不认识：" + request.kind() + "；" + expected);
        }
        String problem = TextLimits.problem("说明", request.reason(), TextLimits.DECISION_REASON);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        long id = starter.start(kind, request.studentNo().strip(), reason);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(cases.find(id).orElseThrow()));
    }

    @GetMapping("/admission-reviews/{caseId}")
    CaseView get(@PathVariable long caseId) {
        return view(scopedCase(caseId));
    }

    /** All cases of one student, for either office of the student's school. */
    @GetMapping("/students/{studentNo}/admission-reviews")
    List<CaseView> ofStudent(@PathVariable String studentNo) {
        Student student = scopedStudent(studentNo);
        return cases.forStudent(student.studentNo()).stream().map(this::view).toList();
    }

    /**
     * The photo a step waits for, from the enrolment office, checked against the 录取照片 profile and named
     * {@code <考生号>.jpg} (R-ID-05): for a comparison (补交 / 录取照片有误) it becomes the student's admission
     * photo at once; for a photo correction (R-ID-06) it waits on the case until the office approves it.
     */
    @RequestMapping(path = "/admission-reviews/{caseId}/photo", method = {RequestMethod.PUT, RequestMethod.POST})
    ResponseEntity<Map<String, Object>> upload(@PathVariable long caseId,
                                               @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        AdmissionCase c = scopedCase(caseId);
        Student student = roster.findStudent(c.studentNo()).orElseThrow();
        if (!offices.userIs(Office.ENROLMENT, student)) {
            throw ApiException.forbidden("录取照片由该生所在学校的招生办上传");
        }
        String waitingAt = waitingAt(c);
        boolean correction = c.kind() == Kind.PHOTO_CORRECTION;
        boolean open = correction ? Step.REVIEW_CORRECTED_PHOTO.id().equals(waitingAt)
                : Step.RESUBMIT_ADMISSION_PHOTO.id().equals(waitingAt) || Step.VERIFY_IDENTITY.id().equals(waitingAt);
        if (!open) {
            throw new ApiException(HttpStatus.CONFLICT, "NOT_AWAITING_PHOTO", "案件 " + caseId + " 当前不在等待录取照片的步骤"
                    + (waitingAt == null ? "（已办结）" : ""));
        }
        if (file == null) {
            throw ApiException.badRequest("缺少照片文件：请以 multipart/form-data 的 file 字段上传，文件名为“考生号.jpg”");
        }
        if (file.getOriginalFilename() != null && file.getOriginalFilename().length() > TextLimits.FILE_NAME) {
            throw ApiException.badRequest("照片的文件名 最多 " + TextLimits.FILE_NAME + " 字");
        }
        String candidateNo = candidateNumbers.of(c.studentNo()).orElse(null);
        PhotoInspection inspection;
        try (InputStream in = file.getInputStream()) {
            inspection = PhotoInspector.inspect(PhotoProfile.ADMISSION, file.getOriginalFilename(), in, candidateNo);
        }
        List<Map<String, String>> findings = inspection.findings().stream().map(f -> Map.of("rule", f.rule(), "code", f.code(),
                "severity", f.severity().name(), "message", f.message() + (f.evidence() == null ? "" : "（" + f.evidence() + "）"))).toList();
        if (!inspection.ok()) {
            return ResponseEntity.unprocessableEntity().body(Map.of("ok", false, "findings", findings));
        }
        byte[] bytes = file.getBytes(); // at most 50 KB: the inspection refused anything larger
        if (correction) {
            cases.storeCorrectedPhoto(caseId, bytes);
        } else {
            photos.save(c.studentNo(), PhotoRepository.Kind.ADMISSION, bytes);
        }
        return ResponseEntity.ok(Map.of("ok", true, "findings", findings,
                "message", correction ? "勘误照片已上传，待招生办审核" : "录取照片已更换"));
    }

    @GetMapping("/admission-reviews/{caseId}/photos/{kind}")
    ResponseEntity<byte[]> photo(@PathVariable long caseId, @PathVariable String kind) {
        AdmissionCase c = scopedCase(caseId);
        byte[] content = switch (kind) {
            case "admission" -> photos.find(c.studentNo(), PhotoRepository.Kind.ADMISSION).map(PhotoRepository.StoredPhoto::content).orElse(null);
            case "graduation" -> photos.find(c.studentNo(), PhotoRepository.Kind.GRADUATION).map(PhotoRepository.StoredPhoto::content).orElse(null);
            case "corrected" -> cases.correctedPhoto(caseId).orElse(null);
            default -> throw ApiException.notFound("未知的照片种类：" + kind + "，可选：admission、graduation、corrected");
        };
        if (content == null) {
            throw ApiException.notFound("案件 " + caseId + " 没有这张照片：" + kind);
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).header("Cache-Control", "no-store").body(content);
    }

    record SelfCheckRequest(String checkedOn) {
    }

    /** R-ID-08: the academic affairs office records that the student checked their CHSI record (学信网学籍自查). */
    @RequestMapping(path = "/students/{studentNo}/chsi-self-check", method = {RequestMethod.PUT, RequestMethod.POST})
    Map<String, Object> selfChecked(@PathVariable String studentNo, @RequestBody(required = false) SelfCheckRequest request) {
        Student student = scopedStudent(studentNo);
        if (!offices.userIs(Office.ACADEMIC_AFFAIRS, student)) {
            throw ApiException.forbidden("学信网学籍自查由该生所在学校的教务处登记");
        }
        LocalDate day = clock.today();
        if (request != null && request.checkedOn() != null && !request.checkedOn().isBlank()) {
            try {
                day = LocalDate.parse(request.checkedOn().strip());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("checkedOn 应为日期，如 2026-11-20：" + request.checkedOn());
            }
        }
        if (day.isAfter(clock.today())) {
            throw ApiException.badRequest("自查日期不能晚于今天：" + day);
        }
        selfChecks.record(student.studentNo(), day, currentUser.id());
        return Map.of("studentNo", student.studentNo(), "checkedOn", day.toString(), "message", "已登记学信网学籍自查");
    }

    /** R-ID-08: the newest self-check lists of the caller's schools. */
    @GetMapping("/chsi-self-check-lists")
    List<ChsiSelfChecks.ListView> lists() {
        List<String> schools = offices.schoolsOfUser();
        if (schools.isEmpty()) {
            throw ApiException.forbidden("学信网学籍自查名单只对学校的招生办和教务处开放");
        }
        return selfChecks.lists(schools, 20);
    }

    @GetMapping("/chsi-self-check-lists/{listId}/students")
    List<ChsiSelfChecks.ListedStudent> listStudents(@PathVariable long listId, @RequestParam(defaultValue = "0") int page) {
        if (page < 0 || page > 1_000_000) {
            // page * 1000 past an int was a negative offset the database refused: a 500
            throw ApiException.badRequest("分页参数有误：page 从 0 起，每页 1000 人");
        }
        ChsiSelfChecks.ListView list = selfChecks.list(listId).orElseThrow(() -> ApiException.notFound("名单不存在：" + listId));
        if (!offices.schoolsOfUser().contains(list.school())) {
            throw ApiException.forbidden("只能查看本校的学信网学籍自查名单");
        }
        return selfChecks.students(listId, page * 1000, 1000);
    }

    private CaseView view(AdmissionCase c) {
        Student student = roster.findStudent(c.studentNo()).orElseThrow();
        List<StepView> steps = cases.steps(c.id()).stream()
                .map(s -> new StepView(s.step(), s.decision(), s.reason(), s.actor(), s.decidedAt())).toList();
        return new CaseView(c.id(), c.kind().name(), c.kind().label(), c.studentNo(), student.name(),
                candidateNumbers.of(c.studentNo()).orElse(null), c.state(), waitingAt(c),
                c.outcome() == null ? null : c.outcome().name(), c.outcome() == null ? null : c.outcome().label(),
                verdicts.isImpostor(c.studentNo()), c.startedBy(), c.startedAt(), c.closedAt(), steps);
    }

    /** The user task the case waits at, or null when it has ended. */
    private String waitingAt(AdmissionCase c) {
        if (!c.open() || c.processInstanceId() == null) {
            return null;
        }
        List<String> active = asSystem.call(() -> runtime.getActiveActivityIds(c.processInstanceId()));
        return active.isEmpty() ? null : active.get(0);
    }

    private AdmissionCase scopedCase(long caseId) {
        AdmissionCase c = cases.find(caseId).orElseThrow(() -> ApiException.notFound("录取审核案件不存在：" + caseId));
        scopedStudent(c.studentNo());
        return c;
    }

    private Student scopedStudent(String studentNo) {
        Student student = roster.findStudent(studentNo).orElseThrow(() -> ApiException.notFound("学号不存在：" + studentNo));
        if (!offices.userCovers(student)) {
            throw ApiException.forbidden("只有该生所在学校的招生办、教务处可以办理：" + studentNo);
        }
        return student;
    }
}

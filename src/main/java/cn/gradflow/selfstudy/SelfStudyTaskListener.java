package cn.gradflow.selfstudy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import cn.gradflow.application.ApplicationForms;
import cn.gradflow.checks.Finding;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.photo.PhotoInspection;
import cn.gradflow.photo.PhotoInspector;
import cn.gradflow.photo.PhotoProfile;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.selfstudy.OnsiteDocuments.Document;
import cn.gradflow.selfstudy.SelfStudyProcess.Decision;
import cn.gradflow.selfstudy.SelfStudyProcess.RecordAnswer;
import cn.gradflow.selfstudy.SelfStudyProcess.State;
import cn.gradflow.selfstudy.SelfStudyProcess.Step;

import static cn.gradflow.selfstudy.SelfStudyProcess.APPROVED;
import static cn.gradflow.selfstudy.SelfStudyProcess.ASSESSMENT_UNIT;
import static cn.gradflow.selfstudy.SelfStudyProcess.CASE_ID;
import static cn.gradflow.selfstudy.SelfStudyProcess.CASE_SUMMARY;
import static cn.gradflow.selfstudy.SelfStudyProcess.CERTIFICATE_PENDING;
import static cn.gradflow.selfstudy.SelfStudyProcess.CHARACTER_ASSESSMENT;
import static cn.gradflow.selfstudy.SelfStudyProcess.DECISION;
import static cn.gradflow.selfstudy.SelfStudyProcess.ERROR_DESCRIPTION;
import static cn.gradflow.selfstudy.SelfStudyProcess.FINDINGS_TEXT;
import static cn.gradflow.selfstudy.SelfStudyProcess.ONSITE_PASSED;
import static cn.gradflow.selfstudy.SelfStudyProcess.PHONE;
import static cn.gradflow.selfstudy.SelfStudyProcess.PRIOR_DEGREE_KIND;
import static cn.gradflow.selfstudy.SelfStudyProcess.PRIOR_DEGREE_NO;
import static cn.gradflow.selfstudy.SelfStudyProcess.PRIOR_DEGREE_VERIFIED;
import static cn.gradflow.selfstudy.SelfStudyProcess.PROCESSING_LOCATION;
import static cn.gradflow.selfstudy.SelfStudyProcess.REASON;
import static cn.gradflow.selfstudy.SelfStudyProcess.RECORD_ANSWER;
import static cn.gradflow.selfstudy.SelfStudyProcess.RECORD_CORRECT;

/**
 * Completing any task of {@code self-study-graduation.bpmn} (bean {@code selfStudyTaskDone}): what the form
 * sent is checked (a refusal keeps the task open, 4xx at every door), stored in GradFlow's records, and
 * turned into the flag the next gateway reads; every step goes to the case's trail.
 */
@Component("selfStudyTaskDone")
class SelfStudyTaskListener implements TaskListener {

    /** The processing locations this city office takes (韶关 notice, 注意事项 1). */
    static final Map<String, String> LOCATIONS = Map.of("0201", "韶关市区（0201）");
    private static final Pattern PHONE_PATTERN = Pattern.compile("1\\d{10}|0\\d{2,3}-?\\d{7,8}");

    /** The three ID images of the notice (第二步 (1)), each an {@link PhotoProfile#ID_ATTACHMENT}. */
    static final Map<String, String> ID_IMAGES = new LinkedHashMap<>();

    static {
        ID_IMAGES.put("ID_FRONT", "身份证正面");
        ID_IMAGES.put("ID_BACK", "身份证反面");
        ID_IMAGES.put("ID_HANDHELD", "手持身份证");
    }

    static final String PHOTO = "CERTIFICATE_PHOTO";

    /** The file variables of the upload forms: {@code idFront}, {@code idBack}, {@code idHandheld}, {@code certificatePhoto}. */
    static String variableOf(String kind) {
        String[] parts = kind.toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return name.toString();
    }

    private final SelfStudyRepository repository;
    private final CurrentUser user;
    private final SelfStudySteps steps;
    private final SelfStudySummary summary;
    private final SchoolClock clock;

    SelfStudyTaskListener(SelfStudyRepository repository, CurrentUser user, SelfStudySteps steps, SelfStudySummary summary,
                          SchoolClock clock) {
        this.repository = repository;
        this.user = user;
        this.steps = steps;
        this.summary = summary;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        Step step = Step.byId(task.getTaskDefinitionKey())
                .orElseThrow(() -> new IllegalStateException("未知任务：" + task.getTaskDefinitionKey()));
        long caseId = CASE_ID.require(task);
        SelfStudyRepository.CaseRow row = repository.requireCase(caseId);
        SelfStudyCandidate candidate = repository.candidate(row.candidateNo()).orElseThrow();
        switch (step) {
            case COMPLETE_RECORD_CHANGES -> {
                repository.clearRecordChangePending(candidate.candidateNo());
                record(caseId, step, "RECORD_CHANGES_DONE", "转考、免考、考籍更正手续已办结", null);
            }
            case REGISTER_PRIOR_DEGREE -> registerPriorDegree(task, caseId, candidate, false);
            case FILL_IN_CERTIFICATE -> registerPriorDegree(task, caseId, candidate, true);
            case VERIFY_PRIOR_DEGREE -> {
                boolean approved = decide(task, caseId, step, "前置学历查验");
                if (approved) {
                    repository.priorDegreeVerified(caseId, true);
                }
                PRIOR_DEGREE_VERIFIED.set(task, approved);
                CERTIFICATE_PENDING.set(task, repository.requireCase(caseId).certificatePending());
            }
            case VERIFY_CERTIFICATE -> {
                if (decide(task, caseId, step, "补填前置学历核查")) {
                    repository.certificateFilled(caseId);
                }
            }
            case CONFIRM_RECORD -> confirmRecord(task, caseId, candidate);
            case APPLY -> apply(task, caseId, candidate);
            case UPLOAD_ID_ATTACHMENTS -> upload(task, caseId, ID_IMAGES, PhotoProfile.ID_ATTACHMENT, step);
            case CAPTURE_PHOTO -> upload(task, caseId, Map.of(PHOTO, "毕业证书照片"), PhotoProfile.CHSI_CERTIFICATE, step);
            case CITY_REVIEW_ID -> decide(task, caseId, step, "市考办审核身份证附件");
            case PROVINCE_REVIEW_ID -> decide(task, caseId, step, "省考办审核身份证附件");
            case CITY_REVIEW_PHOTO -> decide(task, caseId, step, "市考办审核毕业证照");
            case ONSITE_CHECK -> onsite(task, caseId, candidate, row);
            case PROVINCIAL_DECISION -> {
                if (decide(task, caseId, step, "省考委复核")) {
                    repository.state(caseId, State.APPROVED);
                }
            }
            case HAND_OUT_CERTIFICATE -> record(caseId, step, "CERTIFICATE_HANDED_OUT", "毕业证书已发放", null);
        }
        CASE_SUMMARY.set(task, summary.of(caseId));
    }

    private void registerPriorDegree(DelegateTask task, long caseId, SelfStudyCandidate candidate, boolean filling) {
        PriorDegree.Kind kind = ApplicationForms.parse(PriorDegree.Kind.class, PRIOR_DEGREE_KIND.get(task), "前置学历认证方式");
        String number = PRIOR_DEGREE_NO.get(task);
        List<Finding> findings = PriorDegree.check(kind, number, candidate.freshGraduate(), filling);
        refuse(findings);
        boolean pending = kind == PriorDegree.Kind.FRESH_GRADUATE;
        repository.priorDegree(caseId, kind.name(), pending ? null : number.strip(), false, pending || filling);
        record(caseId, Step.byId(task.getTaskDefinitionKey()).orElseThrow(), filling ? "CERTIFICATE_FILLED" : "PRIOR_DEGREE_REGISTERED",
                (filling ? "补填前置学历：" : "登记前置学历：") + kind.label(), pending ? null : number.strip());
    }

    private void confirmRecord(DelegateTask task, long caseId, SelfStudyCandidate candidate) {
        RecordAnswer answer = ApplicationForms.parse(RecordAnswer.class, RECORD_ANSWER.get(task), "信息确认");
        String description = ERROR_DESCRIPTION.get(task);
        if (answer == RecordAnswer.ERROR && (description == null || description.isBlank())) {
            throw new BadUserRequestException("请说明哪项信息有误（姓名、性别、身份证号、相片或成绩）");
        }
        Map<String, String> basic = new LinkedHashMap<>();
        for (String field : SelfStudyProcess.BASIC_DATA) {
            Object value = task.getVariable(field);
            basic.put(field, value instanceof String s && !s.isBlank() ? s.strip() : null);
        }
        repository.updateBasicData(candidate.candidateNo(), basic.get("nativePlace"), basic.get("ethnicity"),
                basic.get("lastEducation"), basic.get("occupation"), basic.get("employer"), null);
        RECORD_CORRECT.set(task, answer == RecordAnswer.CORRECT);
        record(caseId, Step.CONFIRM_RECORD, answer == RecordAnswer.CORRECT ? "RECORD_CONFIRMED" : "RECORD_ERROR_REPORTED",
                answer == RecordAnswer.CORRECT ? "考生确认信息无误" : "考生报告信息有误", description);
    }

    private void apply(DelegateTask task, long caseId, SelfStudyCandidate candidate) {
        String location = PROCESSING_LOCATION.get(task);
        if (location == null || !LOCATIONS.containsKey(location)) {
            throw new BadUserRequestException("请选择毕业办理地点：" + String.join("、", LOCATIONS.values()));
        }
        String phone = PHONE.get(task);
        if (phone == null || !PHONE_PATTERN.matcher(phone.strip()).matches()) {
            throw new BadUserRequestException("请填写正确的联系电话（手机 11 位，或带区号的固定电话）");
        }
        repository.processingLocation(caseId, location);
        repository.updateBasicData(candidate.candidateNo(), null, null, null, null, null, phone.strip());
        record(caseId, Step.APPLY, "LOCATION_CHOSEN", "办理地点：" + LOCATIONS.get(location), phone.strip());
    }

    /** Every file of the form checked against its profile; all or nothing stored, the variables removed. */
    private void upload(DelegateTask task, long caseId, Map<String, String> kinds, PhotoProfile profile, Step step) {
        List<String> problems = new ArrayList<>();
        Map<String, FileValue> files = new LinkedHashMap<>();
        Map<String, PhotoInspection> inspections = new LinkedHashMap<>();
        for (Map.Entry<String, String> kind : kinds.entrySet()) {
            TypedValue value = task.getVariableTyped(variableOf(kind.getKey()));
            byte[] bytes = value instanceof FileValue file && file.getValue() != null ? read(file, profile.maxBytes()) : new byte[0];
            if (bytes.length == 0) {
                problems.add("缺少" + kind.getValue() + "（未上传）");
                continue;
            }
            FileValue file = (FileValue) value;
            PhotoInspection inspection = PhotoInspector.inspect(profile, file.getFilename(), bytes, null);
            if (!inspection.ok()) {
                problems.add(kind.getValue() + "：" + inspection.findings().stream().filter(Finding::isBlocking)
                        .map(Finding::message).collect(Collectors.joining("，")));
                continue;
            }
            files.put(kind.getKey(), file);
            inspections.put(kind.getKey(), inspection);
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException(profile.label() + "不符合要求（" + profile.rule() + "）：" + String.join("；", problems));
        }
        files.forEach((kind, file) -> repository.replaceDocument(caseId, kind, file.getFilename(),
                file.getMimeType() == null ? "image/jpeg" : file.getMimeType(), read(file, profile.maxBytes()),
                inspections.get(kind).sha256(), user.id()));
        kinds.keySet().forEach(kind -> task.removeVariable(variableOf(kind)));
        record(caseId, step, step == Step.CAPTURE_PHOTO ? "PHOTO_CAPTURED" : "ID_ATTACHMENTS_SUBMITTED",
                step == Step.CAPTURE_PHOTO ? "毕业证照已采集，待市考办审核" : "身份证附件已提交，待市考办、省考办审核", null);
    }

    /** 现场审核: the character assessment recorded, R-SS-02's documents and R-SS-01 in full. */
    private void onsite(DelegateTask task, long caseId, SelfStudyCandidate candidate, SelfStudyRepository.CaseRow row) {
        String assessment = CHARACTER_ASSESSMENT.get(task);
        if (assessment == null || !Set.of("PASSED", "FAILED", "MISSING").contains(assessment)) {
            throw new BadUserRequestException("请填写思想品德鉴定结论（合格、不合格或未交回）");
        }
        String unit = ASSESSMENT_UNIT.get(task);
        if (!"MISSING".equals(assessment) && (unit == null || unit.isBlank())) {
            throw new BadUserRequestException("请填写签署鉴定意见并盖章的单位");
        }
        repository.characterAssessment(caseId, assessment, unit == null ? null : unit.strip());
        Set<Document> handedIn = EnumSet.noneOf(Document.class);
        for (Document d : Document.values()) {
            if (Boolean.TRUE.equals(task.getVariable(d.field()))) {
                handedIn.add(d);
            }
        }
        Set<String> passed = repository.grades(candidate.candidateNo()).stream().filter(g -> g.score() >= 60)
                .map(SelfStudyRepository.CourseLine::courseCode).collect(Collectors.toSet());
        boolean priorSelfStudy = PriorDegree.Kind.SELF_STUDY_ASSOCIATE.name().equals(row.priorDegreeKind());
        List<Finding> findings = new ArrayList<>(OnsiteDocuments.missing(
                OnsiteDocuments.required(candidate, passed, priorSelfStudy), handedIn));
        Boolean character = "MISSING".equals(assessment) ? null : "PASSED".equals(assessment);
        findings.addAll(SelfStudyConditions.check(steps.facts(candidate, character), clock.today()));
        findings.forEach(f -> repository.finding(caseId, Step.ONSITE_CHECK.id(), f, user.id()));
        boolean ok = findings.stream().noneMatch(Finding::isBlocking);
        ONSITE_PASSED.set(task, ok);
        FINDINGS_TEXT.set(task, SelfStudySteps.describe(findings));
        CERTIFICATE_PENDING.set(task, row.certificatePending());
        record(caseId, Step.ONSITE_CHECK, ok ? "ONSITE_PASSED" : "ONSITE_REFUSED", ok ? "现场材料审核通过" : "现场材料审核未通过",
                handedIn.stream().map(Document::name).collect(Collectors.joining(",")));
    }

    /** An office's decision: a return needs its reason; sets {@code approved} for the gateway. */
    private boolean decide(DelegateTask task, long caseId, Step step, String what) {
        Decision decision = ApplicationForms.parse(Decision.class, DECISION.get(task), "审核结果");
        String reason = REASON.get(task);
        if (decision == Decision.REJECT && (reason == null || reason.isBlank())) {
            throw new BadUserRequestException("不通过必须填写原因");
        }
        boolean approved = decision == Decision.APPROVE;
        APPROVED.set(task, approved);
        record(caseId, step, approved ? "APPROVE" : "REJECT", what + (approved ? "：通过" : "：不通过"),
                reason == null ? null : reason.strip());
        // the next review starts blank
        task.removeVariable(REASON.name());
        return approved;
    }

    private void record(long caseId, Step step, String code, String message, String evidence) {
        repository.event(caseId, step.id(), code, message, evidence, user.id());
    }

    private static void refuse(List<Finding> findings) {
        List<Finding> blocking = findings.stream().filter(Finding::isBlocking).toList();
        if (!blocking.isEmpty()) {
            throw new BadUserRequestException(blocking.stream().map(f -> f.rule() + " " + f.message()).collect(Collectors.joining("；")));
        }
    }

    private static byte[] read(FileValue file, int maxBytes) {
        try (InputStream in = file.getValue()) {
            return in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("读取上传文件失败", e);
        }
    }
}

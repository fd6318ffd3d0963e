package cn.gradflow.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import cn.gradflow.application.ApplicationForms;
import cn.gradflow.application.ApplicationProcess.IdentityReviewOutcome;
import cn.gradflow.application.ApplicationProcess.ReviewDecision;
import cn.gradflow.application.DecisionTrail;
import cn.gradflow.checks.Finding;
import cn.gradflow.common.Sha256;
import cn.gradflow.identity.IdentityReviewProcess.Action;
import cn.gradflow.identity.IdentityReviewProcess.Document;
import cn.gradflow.photo.ImageFormat;
import cn.gradflow.photo.PhotoInspection;
import cn.gradflow.photo.PhotoInspector;
import cn.gradflow.security.CurrentUser;

import static cn.gradflow.application.ApplicationProcess.APPLICATION_ID;
import static cn.gradflow.application.ApplicationProcess.BATCH_CODE;
import static cn.gradflow.application.ApplicationProcess.STUDENT_NO;
import static cn.gradflow.application.ApplicationProcess.DECISION;
import static cn.gradflow.application.ApplicationProcess.IDENTITY_REVIEW_OUTCOME;
import static cn.gradflow.application.ApplicationProcess.LAST_REJECTION;
import static cn.gradflow.application.ApplicationProcess.REASON;
import static cn.gradflow.identity.IdentityReviewProcess.DOCUMENTS_TEXT;
import static cn.gradflow.identity.IdentityReviewProcess.IDENTITY_ACTION;

/**
 * Completing an identity-review task: the centre's package is checked and moved out of the engine
 * into {@code identity_review_document} (so files do not pile up in engine variables); the branch
 * and HQ decisions need a reason to return it; every step goes to the decision trail.
 */
@Component("recordIdentityDecision")
class RecordIdentityDecisionListener implements TaskListener {

    /** Scanned forms and photos; a larger file is refused with the form kept open. */
    static final int MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
    private static final Set<ImageFormat> DOCUMENT_FORMATS = Set.of(ImageFormat.PDF, ImageFormat.JPEG, ImageFormat.PNG);

    private final IdentityDocumentRepository documents;
    private final DecisionTrail trail;
    private final CurrentUser currentUser;

    RecordIdentityDecisionListener(IdentityDocumentRepository documents, DecisionTrail trail, CurrentUser currentUser) {
        this.documents = documents;
        this.trail = trail;
        this.currentUser = currentUser;
    }

    @Override
    public void notify(DelegateTask task) {
        IdentityReviewProcess.Step step = IdentityReviewProcess.Step.byId(task.getTaskDefinitionKey())
                .orElseThrow(() -> new IllegalStateException("未知任务：" + task.getTaskDefinitionKey()));
        switch (step) {
            case UPLOAD_PACKAGE -> uploaded(task);
            case FORWARD_PACKAGE -> decided(task, step, "IDENTITY_FORWARD");
            case HQ_REVIEW -> decided(task, step, "IDENTITY_APPROVE");
        }
    }

    private void uploaded(DelegateTask task) {
        Action action = ApplicationForms.parse(Action.class, IDENTITY_ACTION.get(task), "处理方式");
        if (action == Action.WITHDRAW) {
            IDENTITY_REVIEW_OUTCOME.set(task, IdentityReviewOutcome.WITHDRAWN.name());
            trail.record(task, IdentityReviewProcess.Step.UPLOAD_PACKAGE.tier(), "IDENTITY_WITHDRAW", REASON.get(task));
            return;
        }
        storePackage(task);
        trail.record(task, IdentityReviewProcess.Step.UPLOAD_PACKAGE.tier(), "IDENTITY_SUBMIT", REASON.get(task));
    }

    private void decided(DelegateTask task, IdentityReviewProcess.Step step, String approved) {
        ReviewDecision decision = ApplicationForms.parse(ReviewDecision.class, DECISION.get(task), "审核结果");
        String reason = REASON.get(task);
        if (decision == ReviewDecision.REJECT) {
            if (reason == null || reason.isBlank()) {
                throw new BadUserRequestException("退回必须填写退回原因");
            }
            LAST_REJECTION.set(task, step.tier().label() + "退回身份复核材料：" + reason.strip());
        }
        trail.record(task, step.tier(), decision == ReviewDecision.APPROVE ? approved : "IDENTITY_RETURN", reason);
    }

    private record Upload(String fileName, String contentType, byte[] bytes, String sha256) {
    }

    /** All four documents must be there, new or from an earlier round; each new one must pass its check. */
    private void storePackage(DelegateTask task) {
        long applicationId = APPLICATION_ID.require(task);
        Set<Document> stored = documents.list(applicationId).stream()
                .map(IdentityDocumentRepository.StoredDocument::kind).collect(Collectors.toSet());
        Map<Document, Upload> uploads = new EnumMap<>(Document.class);
        List<String> problems = new ArrayList<>();
        for (Document document : Document.values()) {
            TypedValue value = task.getVariableTyped(document.variable());
            // Tasklist sends an empty file for an input left blank: that is "not uploaded", not a bad file
            byte[] bytes = value instanceof FileValue file && file.getValue() != null ? read(file) : new byte[0];
            if (bytes.length == 0) {
                if (!stored.contains(document)) {
                    problems.add("缺少" + document.label() + "（未上传）");
                }
                continue;
            }
            FileValue file = (FileValue) value;
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                problems.add(document.label() + "超过 5 MB");
                continue;
            }
            String sha256;
            if (document.profile() != null) {
                PhotoInspection inspection = PhotoInspector.inspect(document.profile(), file.getFilename(), bytes, null);
                if (!inspection.ok()) {
                    problems.add(document.label() + "：" + inspection.findings().stream().filter(Finding::isBlocking)
                            .map(Finding::message).collect(Collectors.joining("，")));
                    continue;
                }
                sha256 = inspection.sha256();
            } else {
                if (!DOCUMENT_FORMATS.contains(ImageFormat.sniff(bytes))) {
                    problems.add(document.label() + "须为 PDF、JPG 或 PNG 文件");
                    continue;
                }
                sha256 = Sha256.hex(bytes);
            }
            uploads.put(document, new Upload(file.getFilename(), file.getMimeType() == null ? "application/octet-stream"
                    : file.getMimeType(), bytes, sha256));
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("身份复核材料不符合要求：" + String.join("；", problems));
        }
        String user = currentUser.id();
        uploads.forEach((kind, u) -> documents.replace(applicationId, kind, u.fileName(), u.contentType(), u.bytes(),
                u.sha256(), user));
        for (Document document : Document.values()) {
            task.removeVariable(document.variable());
        }
        String batchCode = BATCH_CODE.require(task);
        String studentNo = STUDENT_NO.require(task);
        DOCUMENTS_TEXT.set(task, documents.list(applicationId).stream()
                .map(d -> "- " + d.kind().label() + "：" + d.fileName() + "（" + size(d.sizeBytes()) + "，" + d.uploadedBy()
                        + " 上传于 " + d.uploadedAt().withNano(0).toString().replace('T', ' ') + "）"
                        + " [下载](/api/applications/" + batchCode + "/" + studentNo + "/identity-documents/" + d.kind().name() + ")")
                .collect(Collectors.joining("\n")));
    }

    private static String size(int bytes) {
        return bytes < 1024 ? bytes + " 字节" : String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    private static byte[] read(FileValue file) {
        try (InputStream in = file.getValue()) {
            return in.readNBytes(MAX_DOCUMENT_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("读取上传文件失败", e);
        }
    }
}

package cn.gradflow.identity;

import java.util.List;
import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.application.ApplicationRecord;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.identity.IdentityReviewProcess.Document;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/** The identity re-verification package, for the branch and HQ reviewers (and the centre that sent it). */
@RestController
@RequestMapping("/api/applications/{batchCode}/{studentNo}/identity-documents")
class IdentityDocumentController {

    private final ApplicationRepository applications;
    private final IdentityDocumentRepository documents;
    private final RosterRepository roster;
    private final UnitScope scope;

    IdentityDocumentController(ApplicationRepository applications, IdentityDocumentRepository documents,
                               RosterRepository roster, UnitScope scope) {
        this.applications = applications;
        this.documents = documents;
        this.roster = roster;
        this.scope = scope;
    }

    @GetMapping
    List<IdentityDocumentRepository.StoredDocument> list(@PathVariable String batchCode, @PathVariable String studentNo) {
        return documents.list(application(batchCode, studentNo).id());
    }

    @GetMapping("/{kind}")
    ResponseEntity<byte[]> download(@PathVariable String batchCode, @PathVariable String studentNo, @PathVariable String kind) {
        Document document;
        try {
            document = Document.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("未知的材料类型：" + kind + "，可选 REVIEW_FORM、REGISTRATION_FORM、ADMISSION_PHOTO、GRADUATION_PHOTO");
        }
        ApplicationRecord application = application(batchCode, studentNo);
        IdentityDocumentRepository.StoredDocument meta = documents.list(application.id()).stream()
                .filter(d -> d.kind() == document).findFirst()
                .orElseThrow(() -> ApiException.notFound("尚未上传" + document.label()));
        byte[] content = documents.content(application.id(), document).orElseThrow();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(meta.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(meta.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(content);
    }

    private ApplicationRecord application(String batchCode, String studentNo) {
        Student student = roster.findStudent(studentNo).orElseThrow(() -> ApiException.notFound("学号不存在：" + studentNo));
        if (!scope.covers(roster.chainOf(student.unitCode()))) {
            throw ApiException.forbidden("无权查看其他单位的学生：" + studentNo);
        }
        return applications.find(batchCode, studentNo)
                .orElseThrow(() -> ApiException.notFound("该生在批次 " + batchCode + " 没有毕业申请：" + studentNo));
    }
}

package cn.gradflow.cases;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.common.TextLimits;
import cn.gradflow.web.ApiException;

/**
 * Bulk decisions by a list of student numbers (issue 12, item 4): each student decided on its own, as in
 * Tasklist. Up to {@value #INLINE_LIMIT} students are answered at once; more go to a background job.
 */
@RestController
class DecisionsController {

    /** Above this many students the request becomes a job (issue 12, item 6). */
    static final int INLINE_LIMIT = 1000;

    record Body(String action, List<String> studentNos, String degreeType, Boolean commitmentLetter, String reason) {
    }

    record Response(Map<DecisionResult.Code, Long> counts, List<DecisionResult> results) {
    }

    private final BulkDecisions decisions;
    private final BatchRepository batches;
    private final DecisionsJob job;

    DecisionsController(BulkDecisions decisions, BatchRepository batches, DecisionsJob job) {
        this.decisions = decisions;
        this.batches = batches;
        this.job = job;
    }

    @PostMapping("/api/batches/{batchCode}/decisions")
    ResponseEntity<?> decide(@PathVariable String batchCode, @RequestBody(required = false) Body body) {
        DecisionRequest request = parse(body);
        Set<String> studentNos = studentNos(body);
        Batch batch = batches.findBatch(batchCode).orElseThrow(() -> ApiException.notFound("批次不存在：" + batchCode));
        if (studentNos.size() > INLINE_LIMIT) {
            return ResponseEntity.accepted().body(Map.of("jobId", job.submit(batch.code(), request, studentNos)));
        }
        List<DecisionResult> results = decisions.decideAll(batch, request, List.copyOf(studentNos));
        return ResponseEntity.ok(new Response(counts(results), results));
    }

    /**
     * The filled pending list (issue 12, round trip): always a job. What is plainly no xlsx workbook — an old
     * .xls, a CSV renamed, a ZIP without a workbook inside — is refused at once; the rows are read by the job.
     */
    @PostMapping(path = "/api/batches/{batchCode}/decisions.xlsx", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, String>> decideWorkbook(@PathVariable String batchCode,
                                                       @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        Batch batch = batches.findBatch(batchCode).orElseThrow(() -> ApiException.notFound("批次不存在：" + batchCode));
        if (file == null || file.isEmpty()) {
            throw ApiException.badRequest("请以 multipart 字段 file 上传填写好的待处理名单（.xlsx）");
        }
        Path copy = Files.createTempFile("gradflow-decisions-upload-", ".xlsx");
        try {
            file.transferTo(copy);
            String problem = notAWorkbook(copy);
            if (problem != null) {
                throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", problem);
            }
            try (InputStream in = Files.newInputStream(copy)) {
                return ResponseEntity.accepted().body(Map.of("jobId", job.submitWorkbook(batch.code(), in)));
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** Looks only at the ZIP's directory (nothing is inflated): an xlsx package names its workbook part. */
    static String notAWorkbook(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return "不是 xlsx 工作簿：文件过短";
            }
        }
        if ((head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11 && (head[3] & 0xFF) == 0xE0) {
            return "不支持旧版 .xls 工作簿，请在 Excel 中另存为 .xlsx 后上传";
        }
        if (head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            return "不是 xlsx 工作簿（例如 CSV 或文本文件改了扩展名），请上传 Excel 的 .xlsx 文件";
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("[Content_Types].xml") == null || zip.getEntry("xl/workbook.xml") == null) {
                return "不是 xlsx 工作簿：压缩包中没有 Excel 工作簿";
            }
        } catch (ZipException e) {
            return "xlsx 工作簿已损坏，无法打开";
        }
        return null;
    }

    static Map<DecisionResult.Code, Long> counts(List<DecisionResult> results) {
        return results.stream().collect(Collectors.groupingBy(DecisionResult::result,
                () -> new EnumMap<>(DecisionResult.Code.class), Collectors.counting()));
    }

    private static final String EXPECTED = "请求体须为 {\"action\": \"APPLY|APPLY_WITH_DEGREE|DEFER|APPROVE|REJECT|RESUBMIT\", "
            + "\"studentNos\": [\"学号\", ...], \"degreeType\": \"OUC|COOP\", \"commitmentLetter\": true, \"reason\": \"原因\"}";

    private static DecisionRequest parse(Body body) {
        if (body == null || body.action() == null) {
            throw ApiException.badRequest(EXPECTED);
        }
        DecisionAction action = DecisionAction.parse(body.action())
                .orElseThrow(() -> ApiException.badRequest("action 无法识别：" + body.action() + "；" + EXPECTED));
        ApplicationChoice.DegreeType degreeType = null;
        if (body.degreeType() != null && !body.degreeType().isBlank()) {
            try {
                degreeType = ApplicationChoice.DegreeType.valueOf(body.degreeType().strip());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("degreeType 须为 OUC（国开学位）或 COOP（合作学位）：" + body.degreeType());
            }
        }
        String problem = TextLimits.problem("原因", body.reason(), TextLimits.DECISION_REASON);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
        if (action.needsReason() && (body.reason() == null || body.reason().isBlank())) {
            throw ApiException.badRequest("「" + action.label() + "」须填写原因 reason");
        }
        return new DecisionRequest(action, degreeType, Boolean.TRUE.equals(body.commitmentLetter()), body.reason());
    }

    /** Stripped, duplicates collapsed, in the order sent. */
    private static Set<String> studentNos(Body body) {
        if (body.studentNos() == null || body.studentNos().isEmpty()) {
            throw ApiException.badRequest("studentNos 至少须有一个学号；" + EXPECTED);
        }
        String tooLong = cn.gradflow.common.TextLimits.studentNoProblem(body.studentNos());
        if (tooLong != null) {
            throw ApiException.badRequest(tooLong);
        }
        return body.studentNos().stream().map(no -> no == null ? "" : no.strip())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}

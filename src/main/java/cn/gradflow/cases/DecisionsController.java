package cn.gradflow.cases;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.ResponseEntity;
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
        List<DecisionResult> results = studentNos.stream().map(no -> decisions.decide(batch, request, no)).toList();
        return ResponseEntity.ok(new Response(counts(results), results));
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
        return body.studentNos().stream().map(no -> no == null ? "" : no.strip())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}

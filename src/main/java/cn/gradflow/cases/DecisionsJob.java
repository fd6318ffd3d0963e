package cn.gradflow.cases;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.jobs.JobContext;
import cn.gradflow.jobs.JobFailure;
import cn.gradflow.jobs.JobItem;
import cn.gradflow.jobs.JobOutcome;
import cn.gradflow.jobs.JobWork;
import cn.gradflow.jobs.Jobs;

/**
 * Bulk decisions as a background job (issue 12, item 6): a list of more than {@value DecisionsController#INLINE_LIMIT}
 * student numbers (stored as the job's upload, one per line), or the filled pending list ({@code decisions.xlsx}).
 * One item per student (key = 学号) and one error per unreadable row; students are decided in chunks as the request
 * path decides them (each student atomic on its own), so a job interrupted by a restart resumes after the students it
 * recorded. A student decided just before the crash but not yet recorded is asked again and answers ALREADY_DECIDED or
 * NOT_AT_YOUR_TIER, since the task it completed is gone.
 */
@Component
class DecisionsJob implements JobWork {

    static final String KIND = "decisions";
    private static final String SOURCE = "source";
    private static final String LIST = "list";
    private static final String WORKBOOK = "xlsx";

    private final Jobs jobs;
    private final BulkDecisions decisions;
    private final BatchRepository batches;

    DecisionsJob(@org.springframework.context.annotation.Lazy Jobs jobs, BulkDecisions decisions, BatchRepository batches) {
        this.jobs = jobs;
        this.decisions = decisions;
        this.batches = batches;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String itemsName() {
        return "results";
    }

    @Override
    public String keyName() {
        return "studentNo";
    }

    @Override
    public boolean resumable() {
        return true;
    }

    /** A list too long to answer at once: the numbers travel as the job's upload, the decision as its parameters. */
    String submit(String batchCode, DecisionRequest request, Set<String> studentNos) {
        Map<String, String> params = new HashMap<>();
        params.put("batchCode", batchCode);
        params.put(SOURCE, LIST);
        params.put("action", request.action().name());
        if (request.degreeType() != null) {
            params.put("degreeType", request.degreeType().name());
        }
        params.put("commitmentLetter", String.valueOf(request.commitmentLetter()));
        params.put("total", String.valueOf(studentNos.size()));
        if (request.reason() != null) {
            params.put("reason", request.reason());
        }
        byte[] lines = String.join("\n", studentNos).getBytes(StandardCharsets.UTF_8);
        return jobs.submit(KIND, params, new ByteArrayInputStream(lines));
    }

    /** The filled pending list, read only when the job runs. */
    String submitWorkbook(String batchCode, InputStream workbook) {
        return jobs.submit(KIND, Map.of("batchCode", batchCode, SOURCE, WORKBOOK), workbook);
    }

    @Override
    public JobOutcome run(JobContext ctx) throws Exception {
        Batch batch = batches.findBatch(ctx.params().get("batchCode"))
                .orElseThrow(() -> new JobFailure("批次不存在：" + ctx.params().get("batchCode")));
        Tally tally = new Tally(ctx, decisions);
        // what an interrupted run recorded, read once: rows of this run are never skipped because of each other
        Set<String> before = ctx.recordedKeys();
        if (WORKBOOK.equals(ctx.params().get(SOURCE))) {
            File copy = Files.createTempFile("gradflow-decisions-", ".xlsx").toFile();
            try {
                // POI reads a package lazily from a file; from a stream it would hold every part in memory
                try (InputStream in = ctx.openInput()) {
                    Files.copy(in, copy.toPath(), StandardCopyOption.REPLACE_EXISTING);
                }
                PendingListReader.read(copy, (row, cells) -> workbookRow(before, batch, tally, row, cells));
                tally.decidePending(batch);
            } catch (PendingListReader.Unreadable e) {
                tally.decidePending(batch); // the rows read before the unreadable one, as if decided one by one
                if (tally.processed == 0) {
                    return JobOutcome.rolledBack(e.getMessage() + "；未作任何决定");
                }
                throw new JobFailure(e.getMessage() + "；此前各行的决定已逐人生效，见结果列表");
            } finally {
                Files.deleteIfExists(copy.toPath());
            }
        } else {
            DecisionRequest request = listRequest(ctx.params());
            ctx.total(Long.parseLong(ctx.params().getOrDefault("total", "0")));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(ctx.openInput(), StandardCharsets.UTF_8))) {
                String studentNo;
                while ((studentNo = lines.readLine()) != null) {
                    if (!before.contains(studentNo)) {
                        tally.decideLater(batch, request, studentNo, null);
                    }
                }
                tally.decidePending(batch);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        tally.flush();
        return JobOutcome.done("已处理 " + tally.processed + " 条，其中办理成功 " + tally.done + " 人");
    }

    private void workbookRow(Set<String> before, Batch batch, Tally tally, int row, Map<String, String> cells) {
        PendingListRow parsed = PendingListRow.parse(cells);
        if (parsed instanceof PendingListRow.Decide d) {
            if (!before.contains(d.studentNo())) { // else decided before a restart
                tally.decideLater(batch, d.request(), d.studentNo(), row);
            }
        } else if (parsed instanceof PendingListRow.Bad b) {
            if (b.studentNo() == null || !before.contains(b.studentNo())) {
                tally.decidePending(batch); // the results in the rows' order
                tally.other(new JobItem(row, b.column(), b.studentNo(), "ERROR", b.code(), b.message(), true));
            }
        } else if (parsed instanceof PendingListRow.Skipped s) {
            if (s.studentNo() == null || !before.contains(s.studentNo())) {
                tally.decidePending(batch);
                tally.other(new JobItem(row, null, s.studentNo(), "SKIPPED", "NO_DECISION", "决定为空，跳过", false));
            }
        }
    }

    private static DecisionRequest listRequest(Map<String, String> params) {
        String degree = params.get("degreeType");
        return new DecisionRequest(DecisionAction.valueOf(params.get("action")),
                degree == null ? null : ApplicationChoice.DegreeType.valueOf(degree),
                Boolean.parseBoolean(params.get("commitmentLetter")), params.get("reason"));
    }

    /**
     * Counts per result code and progress, reported as the items go. Students wait here until a chunk is full (issue 13):
     * {@link BulkDecisions#decideAll} then decides them as the request path does, {@value BulkDecisions#CHUNK} a
     * transaction with their students, applications and open tasks read ahead, each student in a savepoint of its own.
     * A restart during a chunk finds none of it recorded and none of it committed, so it decides the chunk again.
     */
    private static final class Tally {
        private final JobContext ctx;
        private final BulkDecisions decisions;
        /** The chunk being filled: one request (a workbook's rows may differ), each student once. */
        private DecisionRequest pendingRequest;
        private final List<String> pendingNos = new ArrayList<>();
        private final List<Integer> pendingRows = new ArrayList<>();
        private final Map<DecisionResult.Code, Long> codes = new EnumMap<>(DecisionResult.Code.class);
        private final Map<String, Long> others = new HashMap<>();
        private long processed;
        private long done;

        Tally(JobContext ctx, BulkDecisions decisions) {
            this.ctx = ctx;
            this.decisions = decisions;
            // a resumed run goes on counting from where the interrupted one stopped
            ctx.recordedCounts().forEach((name, value) -> {
                try {
                    codes.put(DecisionResult.Code.valueOf(name), value);
                } catch (IllegalArgumentException notACode) {
                    others.put(name, value);
                }
            });
            processed = ctx.recordedProgress()[0];
            done = ctx.recordedProgress()[1];
        }

        void decideLater(Batch batch, DecisionRequest request, String studentNo, Integer row) {
            if (!request.equals(pendingRequest) || pendingNos.contains(studentNo)) {
                decidePending(batch); // a student named twice is decided again after the first has committed
            }
            pendingRequest = request;
            pendingNos.add(studentNo);
            pendingRows.add(row);
            if (pendingNos.size() == BulkDecisions.CHUNK) {
                decidePending(batch);
            }
        }

        void decidePending(Batch batch) {
            if (pendingNos.isEmpty()) {
                return;
            }
            List<DecisionResult> results = decisions.decideAll(batch, pendingRequest, List.copyOf(pendingNos));
            for (int i = 0; i < results.size(); i++) {
                add(results.get(i), pendingRows.get(i));
            }
            pendingNos.clear();
            pendingRows.clear();
            pendingRequest = null;
        }

        void add(DecisionResult result, Integer row) {
            ctx.item(new JobItem(row, null, result.studentNo(), result.result().name(), result.result().name(), result.message(),
                    result.result() != DecisionResult.Code.DONE));
            codes.merge(result.result(), 1L, Long::sum);
            ctx.count(result.result().name(), codes.get(result.result()));
            if (result.result() == DecisionResult.Code.DONE) {
                done++;
            }
            step();
        }

        void other(JobItem item) {
            ctx.item(item);
            others.merge(item.result(), 1L, Long::sum);
            ctx.count(item.result(), others.get(item.result()));
            step();
        }

        private void step() {
            processed++;
            ctx.progress(processed, done);
        }

        void flush() {
            if (ctx.params().get("total") == null) {
                ctx.total(processed); // a workbook's rows are known once read
            }
            ctx.progress(processed, done);
        }
    }
}

package cn.gradflow.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import cn.gradflow.common.SafeCells;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.web.ApiException;

/**
 * A job's state, progress and results, and its report as a workbook. Only the user who submitted the job
 * and admins see it; to anyone else it does not exist.
 */
@RestController
class JobController {

    static final int MAX_ITEMS_PER_PAGE = 1000;

    private final JobRepository repo;
    private final Map<String, JobWork> works;
    private final CurrentUser currentUser;

    JobController(JobRepository repo, List<JobWork> works, CurrentUser currentUser) {
        this.repo = repo;
        this.works = new LinkedHashMap<>();
        works.forEach(w -> this.works.put(w.kind(), w));
        this.currentUser = currentUser;
    }

    @GetMapping("/api/jobs/{jobId}")
    Map<String, Object> job(@PathVariable String jobId, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? MAX_ITEMS_PER_PAGE : size;
        if (p < 0 || s < 1 || s > MAX_ITEMS_PER_PAGE || (long) p * s > 1_000_000_000L) {
            throw ApiException.badRequest("分页参数有误：page 从 0 起，size 为 1 至 " + MAX_ITEMS_PER_PAGE);
        }
        JobRepository.JobRow job = visible(jobId);
        JobWork work = works.get(job.kind());
        String keyName = work == null ? "key" : work.keyName();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("jobId", job.id());
        view.put("kind", job.kind());
        view.put("state", job.state().name());
        view.put("total", job.total());
        view.put("processed", job.processed());
        view.put("applied", job.applied());
        view.put("counts", repo.counts(job.id()));
        view.put("message", job.message());
        view.put("errorsTotal", repo.countItems(job.id(), true));
        view.put("errors", repo.items(job.id(), true, s, (long) p * s).stream().map(i -> error(i, keyName)).toList());
        if (work != null && work.itemsName() != null) {
            view.put(work.itemsName() + "Total", repo.countItems(job.id(), false));
            view.put(work.itemsName(), repo.items(job.id(), false, s, (long) p * s).stream().map(i -> item(i, keyName)).toList());
        }
        view.put("page", p);
        view.put("size", s);
        view.put("createdAt", job.createdAt() == null ? null : job.createdAt().toLocalDateTime());
        view.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toLocalDateTime());
        view.put("reportUrl", "/api/jobs/" + job.id() + "/report.xlsx");
        return view;
    }

    private static Map<String, Object> error(JobItem i, String keyName) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("row", i.row());
        e.put("column", i.column());
        if (i.key() != null) {
            e.put(keyName, i.key());
        }
        e.put("code", i.code());
        e.put("message", i.message());
        return e;
    }

    private static Map<String, Object> item(JobItem i, String keyName) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(keyName, i.key());
        if (i.row() != null) {
            e.put("row", i.row());
        }
        e.put("result", i.result());
        e.put("code", i.code());
        e.put("message", i.message());
        return e;
    }

    /** Every item of the job, streamed row by row into the workbook. */
    @GetMapping("/api/jobs/{jobId}/report.xlsx")
    ResponseEntity<StreamingResponseBody> report(@PathVariable String jobId) {
        JobRepository.JobRow job = visible(jobId);
        StreamingResponseBody body = out -> write(job, out);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"job-" + job.id() + "-report.xlsx\"")
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(body);
    }

    private void write(JobRepository.JobRow job, OutputStream out) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            try {
                SXSSFSheet sheet = wb.createSheet("处理结果");
                String[] headers = {"行号", "列", "条目", "结果", "代码", "说明"};
                int[] widths = {8, 16, 24, 12, 24, 60};
                Row head = sheet.createRow(0);
                for (int c = 0; c < headers.length; c++) {
                    head.createCell(c).setCellValue(headers[c]);
                    sheet.setColumnWidth(c, widths[c] * 256);
                }
                sheet.createFreezePane(0, 1);
                int[] r = {1};
                repo.eachItem(job.id(), item -> {
                    Row row = sheet.createRow(r[0]++);
                    if (item.row() != null) {
                        row.createCell(0).setCellValue(item.row());
                    }
                    text(row, 1, item.column());
                    text(row, 2, item.key());
                    text(row, 3, item.result());
                    text(row, 4, item.code());
                    text(row, 5, item.message());
                });
                wb.write(out);
            } finally {
                wb.dispose();
            }
        }
    }

    /** Through SafeCells, as every export: a name such as =HYPERLINK(...) is never a formula. */
    private static void text(Row row, int column, String value) {
        if (value != null) {
            SafeCells.text(row.createCell(column), value);
        }
    }

    private JobRepository.JobRow visible(String jobId) {
        return repo.find(jobId)
                .filter(j -> j.ownerId().equals(currentUser.id()) || CurrentUser.isAdmin(currentUser.groupIds()))
                .orElseThrow(() -> ApiException.notFound("任务不存在：" + jobId));
    }
}

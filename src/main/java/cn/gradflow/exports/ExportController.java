package cn.gradflow.exports;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.batch.BatchRepository;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/**
 * {@code GET /api/batches/{batchCode}/exports/{kind}.xlsx?unit=CODE}: a batch's workbook for a unit the user
 * covers (R-ORG-02; default: the user's own unit; HQ and admins any). Everything that can refuse is checked
 * before the first byte; the workbook is then written on this request's thread (the engine's authentication,
 * which masks ID numbers, is thread-bound) straight into the response.
 */
@RestController
class ExportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final Logger log = LoggerFactory.getLogger(ExportController.class);

    private final WorkbookExports exports;
    private final BatchRepository batches;
    private final RosterRepository roster;
    private final UnitScope scope;
    private final CurrentUser currentUser;

    ExportController(DataSource dataSource, BatchRepository batches, RosterRepository roster, UnitScope scope, CurrentUser currentUser) {
        this.exports = new WorkbookExports(dataSource);
        this.batches = batches;
        this.roster = roster;
        this.scope = scope;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/batches/{batchCode}/exports/{kind}.xlsx")
    void export(@PathVariable String batchCode, @PathVariable String kind, @RequestParam(required = false) String unit,
                HttpServletResponse response) throws IOException {
        ExportKind exportKind = ExportKind.byPath(kind).orElseThrow(() -> ApiException.notFound(
                "没有这种导出：" + kind + "（可导出 hq-list、statistics、rejections、roster、pending）"));
        batches.findBatch(batchCode).orElseThrow(() -> ApiException.notFound("批次不存在：" + batchCode));
        Unit target = unit == null || unit.isBlank() ? ownUnit() : roster.findUnit(unit.trim())
                .orElseThrow(() -> ApiException.notFound("单位不存在：" + unit));
        if (!scope.coversUnit(target.code())) {
            throw ApiException.forbidden("只能导出本单位及下属单位的名单，无权导出 " + target.name() + "（" + target.code() + "）");
        }
        if (!exportKind.allows(target.tier())) {
            throw ApiException.badRequest(exportKind.title() + "按分校、分部或总部导出，请以 unit 指定分校或分部（不接受学习中心 "
                    + target.code() + "）");
        }
        String hqCode = hqCode();
        response.setContentType(XLSX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(exportKind, batchCode, target.code()));
        try {
            long rows = exports.write(exportKind, batchCode, target, id -> scope.idNumberFor(id, hqCode), response.getOutputStream());
            log.info("export {} of batch {} for {} by {}: {} rows", kind, batchCode, target.code(), currentUser.id(), rows);
        } catch (IOException e) {
            // mostly a client that hung up mid-download; nothing to clean up (the lists stream without temp files)
            log.warn("export {} of batch {} for {} by {} not completed: {}", kind, batchCode, target.code(), currentUser.id(), e.toString());
        }
    }

    /**
     * The Chinese name for browsers (filename*, RFC 6266) and an ASCII one for clients that read only filename
     * (curl -OJ): Spring's own UTF-8 filename would put an RFC 2047 word there, which curl saves verbatim.
     */
    static String contentDisposition(ExportKind kind, String batchCode, String unitCode) {
        String suffix = "-" + batchCode + "-" + unitCode + ".xlsx";
        String ascii = (kind.path() + suffix).replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(kind.title() + suffix, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The user's own unit (UnitScope.ownUnit: the highest of theirs; an admin without one exports for HQ). */
    private Unit ownUnit() {
        return scope.ownUnit().orElseThrow(() -> ApiException.forbidden("当前用户不属于任何单位，无法导出"));
    }

    private String hqCode() {
        return roster.allUnits().stream().filter(u -> u.tier() == Tier.HQ).map(Unit::code).findFirst()
                .orElseThrow(() -> ApiException.notFound("单位树中没有总部"));
    }
}

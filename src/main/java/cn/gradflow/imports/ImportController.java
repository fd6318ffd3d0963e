package cn.gradflow.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.gradflow.jobs.Jobs;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/**
 * {@code POST /api/imports/{kind}?mode=all-or-nothing|valid-rows} with the workbook as part {@code file}:
 * {@code 202 {"jobId"}}. What can be told from the first bytes (empty, an old .xls, text, anything but a
 * ZIP) and who may not import this kind at all is refused at once, before the upload is stored.
 */
@RestController
class ImportController {

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    private final Map<String, ImportKind> kinds;
    private final Jobs jobs;
    private final UnitScope scope;

    ImportController(List<ImportKind> kinds, Jobs jobs, UnitScope scope) {
        this.kinds = kinds.stream().collect(Collectors.toMap(ImportKind::path, Function.identity()));
        this.jobs = jobs;
        this.scope = scope;
    }

    record Accepted(String jobId) {
    }

    @PostMapping("/api/imports/{kind}")
    ResponseEntity<Accepted> submit(@PathVariable String kind, @RequestParam(defaultValue = ImportRunner.ALL_OR_NOTHING) String mode,
                                    @RequestPart("file") MultipartFile file) throws IOException {
        ImportKind work = kinds.get(kind);
        if (work == null) {
            throw ApiException.notFound("没有这种导入：" + (kind.length() > 32 ? kind.substring(0, 32) + "…" : kind)
                    + "（可导入 units、staff、majors、students、grades、exemptions、chsi-status）");
        }
        if (!ImportRunner.ALL_OR_NOTHING.equals(mode) && !ImportRunner.VALID_ROWS.equals(mode)) {
            throw ApiException.badRequest("mode 应为 all-or-nothing（默认：有任何错误行则不导入）或 valid-rows（只导入无误的行）");
        }
        if (work.hqOnly() && !scope.isHqOrAdmin()) {
            throw ApiException.forbidden("只有总部可以导入" + work.label());
        }
        sniff(file);
        try (InputStream upload = file.getInputStream()) {
            String jobId = jobs.submit(work.kind(), Map.of(ImportRunner.MODE, mode), upload);
            return ResponseEntity.accepted().body(new Accepted(jobId));
        }
    }

    /** An .xlsx is a ZIP; the first four bytes tell the commonest wrong files apart. */
    private static void sniff(MultipartFile file) throws IOException {
        byte[] head;
        try (InputStream in = file.getInputStream()) {
            head = in.readNBytes(4);
        }
        if (head.length == 0) {
            throw ApiException.badRequest("文件是空的：请上传 Excel 工作簿（.xlsx）");
        }
        if (Arrays.equals(head, OLE2)) {
            throw ApiException.badRequest("这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 后再导入");
        }
        if (!Arrays.equals(head, ZIP)) {
            throw ApiException.badRequest("文件不是 Excel 工作簿（.xlsx）：看起来是文本或 CSV 等其他格式，请在 Excel 中另存为 .xlsx");
        }
    }
}

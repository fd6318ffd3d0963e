package cn.gradflow.photo.zip;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.gradflow.jobs.Jobs;
import cn.gradflow.web.ApiException;

/**
 * {@code POST /api/photo-imports?type=GRADUATION|ADMISSION&overwrite=true|false} (issue 12 item 7): the
 * platform's 上传类型 and 是否覆盖. What can be decided before queuing is answered at once — bad parameters
 * 400, over the size limit 413, not a ZIP by its bytes 415, an archive refused as a whole after inflating
 * it once (a bomb, over 1,000 entries, a ratio beyond the limit, a corrupt directory) 422 — so a clerk
 * reads the reason right away; anything else is a job with one verdict per entry.
 */
@RestController
class PhotoImportController {

    private final Jobs jobs;

    PhotoImportController(Jobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/api/photo-imports")
    ResponseEntity<Map<String, String>> submit(@RequestParam(required = false) String type,
                                               @RequestParam(required = false) String overwrite,
                                               @RequestPart(name = "file", required = false) MultipartFile file)
            throws IOException {
        PhotoZipImport.Type photoType = type(type);
        boolean replace = overwrite(overwrite);
        if (file == null) {
            throw ApiException.badRequest("缺少照片压缩包：请以 multipart/form-data 的 file 字段上传 ZIP 文件");
        }
        if (file.isEmpty()) {
            throw ApiException.badRequest("上传的文件为空");
        }
        if (file.getSize() > PhotoArchive.MAX_ARCHIVE_BYTES) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "照片压缩包超过 " + PhotoArchive.mb(PhotoArchive.MAX_ARCHIVE_BYTES) + " 上限，请分成几个压缩包上传");
        }
        byte[] head;
        try (InputStream in = file.getInputStream()) {
            head = in.readNBytes(4);
        }
        if (!PhotoArchive.looksLikeZip(head)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "NOT_A_ZIP",
                    "上传的文件不是 ZIP 压缩包（按文件内容识别，与文件名无关）；请将照片打包为 .zip 后上传");
        }
        PhotoArchive.Refusal refusal = PhotoArchive.inspect(file::getInputStream, file.getSize());
        if (refusal != null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, refusal.code(), refusal.message());
        }
        String jobId;
        try (InputStream upload = file.getInputStream()) {
            jobId = jobs.submit(PhotoImportWork.KIND, Map.of("type", photoType.name(), "overwrite", String.valueOf(replace)),
                    upload);
        }
        return ResponseEntity.accepted().body(Map.of("jobId", jobId));
    }

    private static PhotoZipImport.Type type(String type) {
        if (type == null || type.isBlank()) {
            throw ApiException.badRequest("缺少参数 type（上传类型）：GRADUATION（毕业照片）或 ADMISSION（录取照片）");
        }
        try {
            return PhotoZipImport.Type.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("参数 type（上传类型）须为 GRADUATION（毕业照片）或 ADMISSION（录取照片）");
        }
    }

    /** 是否覆盖: not given means no, as the platform's default. */
    private static boolean overwrite(String overwrite) {
        if (overwrite == null || overwrite.isBlank()) {
            return false;
        }
        return switch (overwrite.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("参数 overwrite（是否覆盖）须为 true 或 false");
        };
    }
}

package cn.gradflow.testing;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.gradflow.jobs.JobContext;
import cn.gradflow.jobs.JobFailure;
import cn.gradflow.jobs.JobItem;
import cn.gradflow.jobs.JobOutcome;
import cn.gradflow.jobs.JobWork;
import cn.gradflow.security.CurrentUser;

/**
 * Tests only: a job whose upload is lines of {@code ok:KEY}, {@code bad:KEY}, {@code fail}, {@code refuse}
 * or {@code sha}; it reports one item per line and runs as the submitting user.
 */
@Component
public class EchoJobWork implements JobWork {

    public static final String KIND = "test-echo";
    private final CurrentUser currentUser;

    EchoJobWork(CurrentUser currentUser) {
        this.currentUser = currentUser;
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

    @Override
    public JobOutcome run(JobContext ctx) throws Exception {
        ctx.count("runAs:" + currentUser.id(), 1);
        if ("sha".equals(ctx.params().get("mode"))) {
            try (InputStream in = ctx.openInput()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
                ctx.item(JobItem.of(HexFormat.of().formatHex(sha.digest()), "DONE", null, null, false));
            }
            return JobOutcome.done();
        }
        Set<String> done = ctx.recordedKeys();
        long processed = 0;
        long applied = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(ctx.openInput(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                switch (line) {
                    case "fail" -> throw new IllegalStateException("boom at SQL level");
                    case "refuse" -> throw new JobFailure("测试：文件不是有效的工作簿");
                    default -> {
                        String key = line.substring(line.indexOf(':') + 1);
                        if (!done.contains(key)) {
                            boolean ok = line.startsWith("ok:");
                            ctx.item(ok ? JobItem.of(key, "DONE", null, "已办理", false)
                                    : JobItem.of(key, "INVALID", "BAD", "测试：不合规", true));
                            applied += ok ? 1 : 0;
                        }
                        ctx.progress(++processed, applied);
                    }
                }
            }
        }
        ctx.count("processed", processed);
        return JobOutcome.done();
    }
}

package cn.gradflow.benchmark;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ReconcileScale} on an H2 file of its own (target/benchmark/h2-reconcile, emptied first). */
@Tag("benchmark")
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext
class H2FileReconcileScaleTest extends ReconcileScale {

    static final Path DIRECTORY = Path.of("target", "benchmark", "h2-reconcile");

    @DynamicPropertySource
    static void h2File(DynamicPropertyRegistry registry) {
        org.springframework.util.FileSystemUtils.deleteRecursively(DIRECTORY.toFile());
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DIRECTORY.toAbsolutePath().resolve("gradflow")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0");
        registry.add("camunda.bpm.process-engine-name", () -> "reconcileh2");
    }

    @Override
    String database() {
        return "H2 file (WRITE_DELAY=0)";
    }

    @Override
    String fileName() {
        return "h2-file";
    }

    /** H2 compares the ids in one collation: the old DELETE probed ACT_RU_TASK by its key and finishes. */
    @Override
    String before() {
        double delete = seconds(OLD_DELETE);
        double insert = seconds(OLD_INSERT);
        return String.format(Locale.ROOT, "%.2f (DELETE … NOT EXISTS %.2f + INSERT … NOT EXISTS %.2f)", delete + insert, delete, insert);
    }
}

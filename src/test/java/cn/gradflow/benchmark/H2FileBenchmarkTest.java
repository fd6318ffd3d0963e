package cn.gradflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The table on the embedded H2 file database, with the URL options of application.yml (WRITE_DELAY=0: each commit
 * written before it returns), from an empty file in target/benchmark/h2. Only under -Pbenchmark.
 */
@Tag("benchmark")
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class H2FileBenchmarkTest extends ProvinceBenchmark {

    static final Path DIRECTORY = Path.of("target", "benchmark", "h2");

    @DynamicPropertySource
    static void h2File(DynamicPropertyRegistry registry) {
        deleteRecursively(DIRECTORY);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DIRECTORY.toAbsolutePath().resolve("gradflow")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0");
    }

    @Override
    String database() {
        return "H2 file (WRITE_DELAY=0)";
    }

    @Override
    String fileName() {
        return "h2-file";
    }

    /** A file of its own at H2's defaults: WRITE_DELAY 500 ms, where the application's URL sets 0. */
    @Override
    BareEngine.Database outsideDatabase() {
        return BareEngine.Database.h2File(Path.of("target", "benchmark", "h2-outside"), false);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

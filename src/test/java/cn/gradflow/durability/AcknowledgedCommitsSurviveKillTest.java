package cn.gradflow.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Nothing acknowledged is lost on the embedded database (issue 10, item 5): a child JVM writes through the app's
 * own datasource settings ({@link AcknowledgedWriter}), is killed with SIGKILL ({@code destroyForcibly}) the moment
 * it has acknowledged a commit, and the file, reopened, must hold every number it acknowledged — including those
 * still in the pipe when it died. Three rounds on the same file, so a number lost in one round would also be
 * issued again in the next (R-EL-07). H2's default {@code WRITE_DELAY} of 500 ms fails this in the first round.
 */
class AcknowledgedCommitsSurviveKillTest {

    private static final int ROUNDS = 3;
    private static final int ACKNOWLEDGEMENTS_BEFORE_KILL = 150;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyAcknowledgedCommitIsInTheFileAfterKillMinusNine() throws Exception {
        DataSourceProperties app = AcknowledgedWriter.appDataSource();
        String url = inDirectory(app.determineUrl(), dir);
        Set<Integer> acknowledged = new TreeSet<>();

        for (int round = 1; round <= ROUNDS; round++) {
            int before = acknowledged.size();
            killAfterAcknowledgements(round, acknowledged);
            Set<Integer> missing = new TreeSet<>(acknowledged);
            missing.removeAll(numbersIn(url, app));

            System.out.printf("kill -9 round %d: %d acknowledged (%d in all), %d of them not in the file%n",
                    round, acknowledged.size() - before, acknowledged.size(), missing.size());
            assertThat(missing)
                    .as("round %d: numbers acknowledged before kill -9 but not in the file (%d acknowledged so far)",
                            round, acknowledged.size())
                    .isEmpty();
        }
    }

    /** Starts the writer, kills it right after its n-th acknowledgement, and collects every acknowledgement it printed. */
    private void killAfterAcknowledgements(int round, Set<Integer> acknowledged) throws IOException, InterruptedException {
        Path stderr = dir.resolve("writer-" + round + ".err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), AcknowledgedWriter.class.getName())
                .directory(dir.toFile())
                .redirectError(stderr.toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int count = 0;
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.startsWith(AcknowledgedWriter.ACKNOWLEDGED)) {
                    continue; // READY, or a log line of the pool
                }
                int number = Integer.parseInt(line.substring(AcknowledgedWriter.ACKNOWLEDGED.length()).trim());
                assertThat(acknowledged.add(number))
                        .as("round %d: number %d acknowledged a second time — issued again after a crash (R-EL-07)", round, number)
                        .isTrue();
                if (++count == ACKNOWLEDGEMENTS_BEFORE_KILL) {
                    // SIGKILL: no shutdown hook, no close of the database. Through the handle, because
                    // Process.destroyForcibly also closes our end of the pipe and the last lines would be lost.
                    child.toHandle().destroyForcibly();
                }
            }
            // the lines it printed before dying were read to the end of the pipe: all of them count
            if (count < ACKNOWLEDGEMENTS_BEFORE_KILL) {
                fail("round %d: the writer ended after %d acknowledgements: %s", round, count, Files.readString(stderr));
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed, not ended by itself").isNotZero();
    }

    private static Set<Integer> numbersIn(String url, DataSourceProperties app) throws SQLException {
        Set<Integer> numbers = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url, app.determineUsername(), app.determinePassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT number FROM probe_number")) {
            while (rs.next()) {
                numbers.add(rs.getInt(1));
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1
                    || e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1) {
                return numbers; // even the table's creation was lost
            }
            throw e;
        }
        return numbers;
    }

    /** The app's URL ({@code ./data/gradflow} beside the working directory) as seen from this JVM. */
    private static String inDirectory(String url, Path dir) {
        String relative = "jdbc:h2:file:./";
        assertThat(url).as("the default datasource is an H2 file beside the working directory").startsWith(relative);
        return "jdbc:h2:file:" + dir.toAbsolutePath() + "/" + url.substring(relative.length());
    }
}

package cn.gradflow.jobs;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;

/** What a running job's work may read and report. Reports are written in their own transactions. */
public interface JobContext {

    String jobId();

    /** The user who submitted the job; the work runs with their Camunda authentication. */
    String ownerId();

    Map<String, String> params();

    /** The uploaded bytes, streamed from the database: a new stream on every call; {@code null} without an upload. */
    InputStream openInput();

    long inputSize();

    void total(long total);

    /** Cheap to call per item: written every few hundred items and at the end. */
    void progress(long processed, long applied);

    /** A named counter shown under {@code counts}; the last value set wins. */
    void count(String name, long value);

    /** Buffered and written in batches, in their own transactions, so they are visible while the job runs. */
    void item(JobItem item);

    /** The counters as an interrupted run of a {@link JobWork#resumable()} work left them (empty on a first run). */
    default Map<String, Long> recordedCounts() {
        return Map.of();
    }

    /** {processed, applied} as an interrupted run of a resumable work left them ({0, 0} on a first run). */
    default long[] recordedProgress() {
        return new long[] {0, 0};
    }

    /** The keys of the items recorded so far, including those of an interrupted run of a {@link JobWork#resumable()} work. */
    Set<String> recordedKeys();
}

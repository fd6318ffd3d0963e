package cn.gradflow.jobs;

/**
 * One kind of long work (an import, a photo ZIP, decisions in bulk), a Spring bean found by {@link #kind()}.
 * It runs outside any transaction, as the user who submitted it: it opens its own transactions.
 */
public interface JobWork {

    /** Stored with the job, e.g. {@code import-students}, {@code photo-import}, {@code decisions}. */
    String kind();

    /**
     * The JSON name of the list of all items in {@code GET /api/jobs/{id}} ({@code entries}, {@code results});
     * {@code null}: items appear only under {@code errors}.
     */
    default String itemsName() {
        return null;
    }

    /** The JSON name of {@link JobItem#key()} in that list ({@code entry}, {@code studentNo}). */
    default String keyName() {
        return "key";
    }

    /**
     * Whether a run interrupted by a crash continues where it stopped: its items are kept and
     * {@link JobContext#recordedKeys()} tells it what is done. Otherwise (the default) the items and counts of
     * the interrupted run are deleted and the work runs again from the start, so it must be idempotent.
     */
    default boolean resumable() {
        return false;
    }

    /**
     * The whole job. Returns {@link JobState#DONE} or {@link JobState#ROLLED_BACK} (nothing applied); an
     * exception ends it {@link JobState#FAILED} with its message, and the work must have applied nothing then.
     */
    JobOutcome run(JobContext ctx) throws Exception;
}

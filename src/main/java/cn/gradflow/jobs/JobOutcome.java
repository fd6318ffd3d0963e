package cn.gradflow.jobs;

/** How a job's work ended; the message (Chinese) is shown with the job. */
public record JobOutcome(JobState state, String message) {

    public JobOutcome {
        if (state != JobState.DONE && state != JobState.ROLLED_BACK) {
            throw new IllegalArgumentException("a job's work ends DONE or ROLLED_BACK; a failure is an exception");
        }
    }

    public static JobOutcome done() {
        return new JobOutcome(JobState.DONE, null);
    }

    public static JobOutcome done(String message) {
        return new JobOutcome(JobState.DONE, message);
    }

    public static JobOutcome rolledBack(String message) {
        return new JobOutcome(JobState.ROLLED_BACK, message);
    }
}

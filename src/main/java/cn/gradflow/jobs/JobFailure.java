package cn.gradflow.jobs;

/** Thrown by a job's work to end it {@link JobState#FAILED} with this Chinese reason shown to the user as it is. */
public class JobFailure extends RuntimeException {

    public JobFailure(String message) {
        super(message);
    }

    public JobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

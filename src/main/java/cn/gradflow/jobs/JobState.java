package cn.gradflow.jobs;

public enum JobState {
    QUEUED, RUNNING, DONE, FAILED, ROLLED_BACK;

    public boolean ended() {
        return this == DONE || this == FAILED || this == ROLLED_BACK;
    }
}

package cn.gradflow.batch;

/** Published after a branch's calendar was saved, so the batch process can start or move its timers. */
public record CalendarSaved(String batchCode, String branchCode) {
}

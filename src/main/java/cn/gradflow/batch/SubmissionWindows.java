package cn.gradflow.batch;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Whether a learning centre may apply or resubmit for a student today (R-BA-03, R-BA-04): inside
 * the branch's window for the student's type and inside the city's narrower window, if it set one.
 * A refusal names the windows and their dates.
 */
@Component
public class SubmissionWindows {

    /** Open: the round and the window that closes it; closed: the reason, in Chinese. */
    public record Verdict(Round round, BatchCalendar.Window window, String refusal) {

        public boolean open() {
            return refusal == null;
        }
    }

    private final BatchRepository batches;

    SubmissionWindows(BatchRepository batches) {
        this.batches = batches;
    }

    public Verdict on(String batchCode, String branchCode, String cityCode, boolean upgradeStudent, LocalDate today) {
        Optional<BatchCalendar> found = batches.findCalendar(batchCode, branchCode);
        if (found.isEmpty()) {
            return closed("分部 " + branchCode + " 未设置批次 " + batchCode + " 的日历");
        }
        BatchCalendar calendar = found.get();
        Optional<BatchCalendar.Window> window = calendar.windowFor(upgradeStudent, today);
        if (window.isEmpty()) {
            String ended = today.isAfter(calendar.finalClose()) ? "；本批次已于 " + calendar.finalClose() + " 关闭，不再受理" : "";
            return closed("不在申请时间内（今天 " + today + "）：" + calendar.describeWindowsFor(upgradeStudent) + ended);
        }
        Round round = calendar.openRoundOn(today).orElseThrow();
        if (cityCode != null) {
            Optional<BatchCalendar.Window> city = batches.findCityWindow(batchCode, cityCode, round);
            if (city.isPresent() && !city.get().contains(today)) {
                return closed("不在分校设定的" + round.label() + "申请时间内（今天 " + today + "）：" + city.get().describe());
            }
            if (city.isPresent() && city.get().close().isBefore(window.get().close())) {
                return new Verdict(round, city.get(), null);
            }
        }
        return new Verdict(round, window.get(), null);
    }

    private static Verdict closed(String refusal) {
        return new Verdict(null, null, refusal);
    }
}

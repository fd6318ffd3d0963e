package cn.gradflow.batch;

import java.time.LocalDate;
import java.util.Optional;

import cn.gradflow.roster.Term;

/** A branch's calendar for one batch (R-BA-02, R-BA-03, R-EL-05). */
public record BatchCalendar(String batchCode, String branchCode, Term scopeFrom, Term scopeTo,
                            LocalDate exemptionCutoff, LocalDate firstRoundOpen, LocalDate firstRoundClose,
                            LocalDate secondRoundOpen, LocalDate secondRoundClose, LocalDate cityReviewDue,
                            LocalDate branchReviewDue, LocalDate hqReviewDue) {

    /** The round whose window contains the day; empty while no window is open (R-BA-04). */
    public Optional<Round> openRoundOn(LocalDate day) {
        if (!day.isBefore(firstRoundOpen) && !day.isAfter(firstRoundClose)) {
            return Optional.of(Round.FIRST);
        }
        if (!day.isBefore(secondRoundOpen) && !day.isAfter(secondRoundClose)) {
            return Optional.of(Round.SECOND);
        }
        return Optional.empty();
    }

    public LocalDate closeOf(Round round) {
        return round == Round.FIRST ? firstRoundClose : secondRoundClose;
    }
}

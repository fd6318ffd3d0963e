package cn.gradflow.admission;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.gradflow.common.SchoolClock;

/**
 * R-ID-04: students proven to be impostors (冒名顶替) by an admission review, in {@code identity_verdict}.
 * The graduation application asks here before it starts ({@code ApplicationStarter} and the start
 * listener {@code refuseProvenImpostor} of every door into the engine).
 */
@Repository
public class IdentityVerdicts {

    public record Verdict(String studentNo, String verdict, long caseId, String reason, String decidedBy, LocalDateTime decidedAt) {
    }

    private final JdbcClient jdbc;
    private final SchoolClock clock;

    IdentityVerdicts(JdbcClient jdbc, SchoolClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean isImpostor(String studentNo) {
        return find(studentNo).isPresent();
    }

    /**
     * R-ID-04 as GradFlow's starter asks it: a clear verdict is remembered for the rest of this transaction, so the
     * start listener of the student's instance ({@link #isImpostorAtStart}) need not read the same row again (issue 13:
     * one read per start instead of two). Held in the transaction's resources, which no request can write; outside a
     * transaction nothing is remembered and the listener reads.
     */
    public boolean isImpostorBeforeStart(String studentNo) {
        boolean impostor = isImpostor(studentNo);
        if (!impostor && TransactionSynchronizationManager.isSynchronizationActive()) {
            clearedInTransaction(true).add(studentNo);
        }
        return impostor;
    }

    /**
     * R-ID-04 in the start listener of every door: trusts the starter's clear read of this transaction once (the same
     * transaction, microseconds earlier); any other start (/engine-rest, Tasklist, the Java API) reads the verdict.
     */
    public boolean isImpostorAtStart(String studentNo) {
        Set<String> cleared = clearedInTransaction(false);
        if (cleared != null && cleared.remove(studentNo)) {
            return false;
        }
        return isImpostor(studentNo);
    }

    private static final Object CLEARED = new Object();

    @SuppressWarnings("unchecked")
    private static Set<String> clearedInTransaction(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Set<String> cleared = (Set<String>) TransactionSynchronizationManager.getResource(CLEARED);
        if (cleared == null && create) {
            cleared = new HashSet<>();
            TransactionSynchronizationManager.bindResource(CLEARED, cleared);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CLEARED);
                }
            });
        }
        return cleared;
    }

    public Optional<Verdict> find(String studentNo) {
        return jdbc.sql("SELECT student_no, verdict, case_id, reason, decided_by, decided_at FROM identity_verdict WHERE student_no = ?")
                .param(studentNo)
                .query((rs, n) -> new Verdict(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toLocalDateTime()))
                .optional();
    }

    /** Once proven, always: a second verdict for the same student changes nothing. */
    void markImpostor(String studentNo, long caseId, String reason, String decidedBy) {
        if (isImpostor(studentNo)) {
            return;
        }
        jdbc.sql("INSERT INTO identity_verdict (student_no, verdict, case_id, reason, decided_by, decided_at) VALUES (?, 'IMPOSTOR', ?, ?, ?, ?)")
                .params(studentNo, caseId, reason, decidedBy, clock.timestamp()).update();
    }
}

package cn.gradflow.admission;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.gradflow.common.ReadAhead;
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
    /** Students the starter found clear in this transaction (no request can write a transaction's resources). */
    private final ReadAhead<String, Boolean> cleared = new ReadAhead<>();

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
        if (!impostor) {
            cleared.keep(Map.of(studentNo, Boolean.TRUE));
        }
        return impostor;
    }

    /**
     * R-ID-04 in the start listener of every door: trusts the starter's clear read of this transaction once (the same
     * transaction, microseconds earlier); any other start (/engine-rest, Tasklist, the Java API) reads the verdict.
     */
    public boolean isImpostorAtStart(String studentNo) {
        if (cleared.get(studentNo) != null) {
            cleared.forget(studentNo); // trusted once
            return false;
        }
        return isImpostor(studentNo);
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

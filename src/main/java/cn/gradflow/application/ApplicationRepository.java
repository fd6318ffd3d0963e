package cn.gradflow.application;

import cn.gradflow.common.SchoolClock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import cn.gradflow.batch.Round;
import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.checks.Finding;
import cn.gradflow.common.Sha256;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.roster.Tier;

@Repository
public class ApplicationRepository {

    /**
     * Check stages whose findings are replaced as a whole on each run: the initial audit, and the check
     * before HQ final review, which re-runs the eligibility rules (DOMAIN.md §4) and the CHSI checks; and
     * the branch review's photo comparison (R-PH-03, R-ID-04), until the case is checked again.
     */
    enum Stage { ELIGIBILITY, HQ_ELIGIBILITY, HQ_CHSI, BRANCH_PHOTO }

    private static final String SELECT = """
            SELECT a.id, a.batch_code, a.student_no, a.process_instance_id, a.kind, a.degree_type,
                   a.commitment_letter, a.application_round, a.state, a.tier, r.registration_no,
                   r.certificate_issue_date, a.letter_kind, a.letter_degree_type,
                   a.lc_due, a.city_due, a.branch_due, a.hq_due
            FROM application a LEFT JOIN registration r ON r.application_id = a.id
            """;

    /** A case's due dates ({@link #days}), by the application's id. */
    private static final String DUE_DAYS = "SELECT lc_due, city_due, branch_due, hq_due FROM application WHERE id = ?";

    /** How many columns {@link #SELECT} returns: what a query appends to it starts after them. */
    private static final int SELECT_COLUMNS = 18;

    private final JdbcClient jdbc;
    private final SchoolClock clock;
    /**
     * Issue 13: the due dates read with the row in the engine command under way, so the task that command creates reads
     * them without a SELECT of its own ({@link CaseDue}). Forgotten when the command ends; a write here forgets the case.
     */
    private final ThreadLocal<DuesOfCommand> dues = new ThreadLocal<>();

    private record DuesOfCommand(CommandContext command, java.util.Map<Long, CaseDue.Days> byId) {
    }
    /** A bulk decision's chunk: its cases' findings, read in one query (issue 13). */
    private final cn.gradflow.common.ReadAhead<Long, List<Finding>> findingsAhead = new cn.gradflow.common.ReadAhead<>();

    ApplicationRepository(JdbcClient jdbc, SchoolClock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** Inserts the application with its due dates; the unique key (batch, student) refuses a second one. */
    long insert(String batchCode, String studentNo, Round round, CaseDue.Days due) {
        Timestamp now = clock.timestamp();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO application (batch_code, student_no, application_round, state, tier, created_at, updated_at,
                            lc_due, city_due, branch_due, hq_due)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(batchCode, studentNo, round.name(), ApplicationState.CHECKING.name(),
                        Tier.LEARNING_CENTER.name(), now, now, sqlDate(due.lc()), sqlDate(due.city()), sqlDate(due.branch()),
                        sqlDate(due.hq()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The case's due dates: those read with its row in this engine command, else read now. */
    CaseDue.Days dueDays(long id) {
        DuesOfCommand memo = duesOfCommand();
        CaseDue.Days known = memo == null ? null : memo.byId().get(id);
        if (known != null) {
            return known;
        }
        CaseDue.Days read = jdbc.sql(DUE_DAYS).param(id)
                .query((rs, n) -> days(rs, 1)).optional().orElseThrow(() -> new IllegalStateException("申请不存在：" + id));
        remember(id, read);
        return read;
    }

    /** The memo of the engine command under way (null outside one), started on first use and dropped when it ends. */
    private DuesOfCommand duesOfCommand() {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            return null;
        }
        DuesOfCommand memo = dues.get();
        if (memo == null || memo.command() != command) {
            DuesOfCommand started = new DuesOfCommand(command, new java.util.HashMap<>());
            dues.set(started);
            command.registerCommandContextListener(new CommandContextListener() {
                @Override
                public void onCommandContextClose(CommandContext closed) {
                    forget();
                }

                @Override
                public void onCommandFailed(CommandContext failed, Throwable t) {
                    forget();
                }

                private void forget() {
                    if (dues.get() == started) {
                        dues.remove();
                    }
                }
            });
            memo = started;
        }
        return memo;
    }

    private void remember(long id, CaseDue.Days days) {
        DuesOfCommand memo = duesOfCommand();
        if (memo != null) {
            memo.byId().put(id, days);
        }
    }

    private void forgetDue(long id) {
        DuesOfCommand memo = dues.get();
        if (memo != null) {
            memo.byId().remove(id);
        }
    }

    /** The due dates from the result's columns {@code from} to {@code from + 3}. */
    private static CaseDue.Days days(ResultSet rs, int from) throws SQLException {
        return new CaseDue.Days(rs.getObject(from, LocalDate.class), rs.getObject(from + 1, LocalDate.class),
                rs.getObject(from + 2, LocalDate.class), rs.getObject(from + 3, LocalDate.class));
    }

    private static java.sql.Date sqlDate(LocalDate day) {
        return day == null ? null : java.sql.Date.valueOf(day);
    }

    /** R-BA-04: a (re)submission moves the centre's due date to the close of the window it was made in. */
    void moveLcDue(long id, LocalDate lcDue) {
        jdbc.sql("UPDATE application SET lc_due = ? WHERE id = ?").params(sqlDate(lcDue), id).update();
        forgetDue(id);
    }

    void attachProcess(long id, String processInstanceId) {
        jdbc.sql("UPDATE application SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
    }

    public void moveTo(long id, ApplicationState state, Tier tier) {
        jdbc.sql("UPDATE application SET state = ?, tier = ?, updated_at = ? WHERE id = ?")
                .params(state.name(), tier.name(), clock.timestamp(), id).update();
    }

    /**
     * The centre's choice and, for a (re)submission, the round it was submitted in (R-EL-08):
     * {@code application_round} is the round the case started in until the centre submits, then the
     * round of its latest submission. {@code submittedIn} null (a deferral) keeps the round. The
     * student's wishes as the signed letter records them (R-EL-09) are kept beside what was applied for. {@code lcDue}
     * null keeps the centre's due date (R-BA-04: a submission moves it to the close of its window).
     */
    void saveChoice(long id, ApplicationChoice choice, Round submittedIn, LocalDate lcDue) {
        jdbc.sql("""
                        UPDATE application SET kind = ?, degree_type = ?, commitment_letter = ?,
                            letter_kind = ?, letter_degree_type = ?,
                            application_round = COALESCE(?, application_round), lc_due = COALESCE(?, lc_due), updated_at = ?
                        WHERE id = ?""")
                .params(name(choice.kind()), name(choice.degreeType()), choice.commitmentLetter(),
                        name(choice.letterKind()), name(choice.letterDegreeType()),
                        submittedIn == null ? null : submittedIn.name(), sqlDate(lcDue), clock.timestamp(), id)
                .update();
        forgetDue(id);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    public Optional<ApplicationRecord> find(String batchCode, String studentNo) {
        return jdbc.sql(SELECT + " WHERE a.batch_code = ? AND a.student_no = ?")
                .params(batchCode, studentNo).query(this::map).optional();
    }

    /** The applications of these students in the batch, by student number (a bulk decision's chunk in one read, issue 13). */
    public java.util.Map<String, ApplicationRecord> findAll(String batchCode, java.util.Collection<String> studentNos) {
        java.util.Map<String, ApplicationRecord> found = new java.util.HashMap<>();
        if (!studentNos.isEmpty()) {
            jdbc.sql(SELECT + " WHERE a.batch_code = :batch AND a.student_no IN (:nos)").param("batch", batchCode)
                    .param("nos", List.copyOf(studentNos)).query(this::map).list()
                    .forEach(a -> found.put(a.studentNo(), a));
        }
        return found;
    }

    /**
     * On a list its branch is still confirming (not excluded from it): the list owns the case until it
     * reaches HQ ({@code hq_submission}, {@code hq_submission_item}).
     */
    boolean onOpenHqList(long id) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM hq_submission_item i JOIN hq_submission h ON h.id = i.submission_id
                        WHERE i.application_id = ? AND i.excluded = FALSE AND h.state = 'CONFIRMING'""")
                .param(id).query(Long.class).single() > 0;
    }

    Optional<ApplicationRecord> findById(long id) {
        return jdbc.sql(SELECT + " WHERE a.id = ?").param(id).query(this::map).optional();
    }

    /** An application and its student (issue 13: the checks read both); the student null where the roster has none. */
    record WithStudent(ApplicationRecord application, Student student) {
    }

    Optional<WithStudent> findWithStudent(long id) {
        return jdbc.sql(SELECT.replace("FROM application a", ", " + RosterRepository.STUDENT_COLUMNS_OF_S
                                + " FROM application a LEFT JOIN student s ON s.student_no = a.student_no")
                        + " WHERE a.id = ?")
                .param(id).query((rs, n) -> new WithStudent(map(rs, n),
                        rs.getString(SELECT_COLUMNS + 1) == null ? null : RosterRepository.studentAt(rs, SELECT_COLUMNS)))
                .optional();
    }

    /** The stage's findings replaced, and those of the {@code cleared} stages dropped, with one DELETE. */
    void replaceFindings(long id, Stage stage, List<Finding> findings, Stage... cleared) {
        List<String> stages = new java.util.ArrayList<>();
        stages.add(stage.name());
        for (Stage c : cleared) {
            stages.add(c.name());
        }
        findingsAhead.forget(id);
        jdbc.sql("DELETE FROM finding WHERE application_id = :id AND stage IN (:stages)").param("id", id).param("stages", stages)
                .update();
        insertFindings(id, stage, findings);
    }

    /** The stage's findings added, for a case that has none yet (the first initial audit, issue 13: no DELETE). */
    void insertFindings(long id, Stage stage, List<Finding> findings) {
        findingsAhead.forget(id);
        Timestamp now = clock.timestamp();
        for (Finding f : findings) {
            jdbc.sql("""
                            INSERT INTO finding (application_id, stage, rule_id, code, severity, message, evidence, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, stage.name(), f.rule(), f.code(), f.severity().name(), f.message(), f.evidence(), now)
                    .update();
        }
    }

    public List<Finding> findings(long id) {
        List<Finding> ahead = findingsAhead.get(id);
        if (ahead != null) {
            return ahead;
        }
        return jdbc.sql("""
                        SELECT rule_id, severity, message, evidence, code FROM finding
                        WHERE application_id = ? ORDER BY id""")
                .param(id)
                .query((rs, n) -> findingAt(rs, 0))
                .list();
    }

    /** A finding from the columns rule_id, severity, message, evidence, code, the first of them column {@code o + 1}. */
    private static Finding findingAt(ResultSet rs, int o) throws SQLException {
        return new Finding(rs.getString(o + 1), rs.getString(o + 5), Finding.Severity.valueOf(rs.getString(o + 2)),
                rs.getString(o + 3), rs.getString(o + 4));
    }

    /**
     * The findings of these cases read in one query and kept for the rest of the transaction: {@link #findings} answers
     * from them until {@link #replaceFindings} changes a case's (issue 13: one read for a bulk decision's chunk instead
     * of one per decision). Outside a transaction nothing is read.
     */
    public void readAheadFindings(java.util.Collection<Long> ids) {
        if (ids.isEmpty() || !cn.gradflow.common.ReadAhead.possible()) {
            return;
        }
        Map<Long, List<Finding>> read = new HashMap<>();
        ids.forEach(id -> read.put(id, new java.util.ArrayList<>()));
        jdbc.sql("""
                        SELECT application_id, rule_id, severity, message, evidence, code FROM finding
                        WHERE application_id IN (:ids) ORDER BY id""")
                .param("ids", List.copyOf(ids))
                .query((ResultSet rs) -> {
                    read.get(rs.getLong(1)).add(findingAt(rs, 1));
                });
        Map<Long, List<Finding>> kept = new HashMap<>();
        read.forEach((id, findings) -> kept.put(id, List.copyOf(findings)));
        findingsAhead.keep(kept);
    }

    /**
     * Appends to the trail. Each entry's hash covers the previous entry's hash and its own content,
     * so changing or deleting any entry breaks the chain ({@link #trailIntact}).
     */
    List<Decision> appendDecision(long id, Decision d) {
        // Issue 13: the case's row is locked first, so appends to one trail queue up (two officers on two nodes,
        // a job beside a user): each reads the hash it chains to after the one before committed. Without it
        // both inserts took a shared lock on the case (the foreign key) and then both waited to update it: a
        // deadlock, answered 500, where the engine's optimistic lock now refuses the later one with a 409.
        // the due dates come with the lock: the task this decision leads to reads them from there (CaseDue)
        remember(id, jdbc.sql(DUE_DAYS + " FOR UPDATE").param(id)
                .query((rs, n) -> days(rs, 1)).single());
        // the trail so far and the hash to chain to in one read (issue 13): the caller shows the trail with the new entry
        List<String> hashes = new java.util.ArrayList<>();
        List<Decision> trail = new java.util.ArrayList<>(jdbc.sql(DECISIONS.replace("SELECT ", "SELECT entry_hash, "))
                .param(id).query((rs, n) -> {
                    hashes.add(rs.getString(1));
                    return decision(rs, 1);
                }).list());
        String previous = hashes.isEmpty() ? GENESIS : hashes.get(hashes.size() - 1);
        jdbc.sql("""
                        INSERT INTO decision_log (application_id, user_id, unit_code, tier, decided_at, decision, reason, findings,
                            prev_hash, entry_hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, d.userId(), d.unitCode(), d.tier().name(), Timestamp.valueOf(d.decidedAt()), d.decision(),
                        d.reason(), d.findings(), previous, chainHash(id, previous, d))
                .update();
        trail.add(d);
        return trail;
    }

    /** Recomputes the chain: false when any entry was changed, inserted or removed outside {@link #appendDecision}. */
    public boolean trailIntact(long id) {
        List<String[]> hashes = jdbc.sql("SELECT prev_hash, entry_hash FROM decision_log WHERE application_id = ? ORDER BY id")
                .param(id).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        List<Decision> entries = decisions(id);
        String previous = GENESIS;
        for (int i = 0; i < entries.size(); i++) {
            if (!previous.equals(hashes.get(i)[0]) || !chainHash(id, previous, entries.get(i)).equals(hashes.get(i)[1])) {
                return false;
            }
            previous = hashes.get(i)[1];
        }
        return true;
    }

    private static final String GENESIS = "0".repeat(64);

    private static String chainHash(long applicationId, String previous, Decision d) {
        String content = String.join("\u001f", previous, String.valueOf(applicationId), d.userId(), d.unitCode(),
                d.tier().name(), d.decidedAt().toString(), d.decision(), String.valueOf(d.reason()), String.valueOf(d.findings()));
        return Sha256.hex(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static final String DECISIONS = "SELECT user_id, unit_code, tier, decided_at, decision, reason, findings"
            + " FROM decision_log WHERE application_id = ? ORDER BY id";

    public List<Decision> decisions(long id) {
        return jdbc.sql(DECISIONS).param(id).query((rs, n) -> decision(rs, 0)).list();
    }

    /** The entry whose columns start after the first {@code skip}. */
    private static Decision decision(ResultSet rs, int skip) throws SQLException {
        return new Decision(rs.getString(skip + 1), rs.getString(skip + 2), Tier.valueOf(rs.getString(skip + 3)),
                rs.getTimestamp(skip + 4).toLocalDateTime(), rs.getString(skip + 5), rs.getString(skip + 6), rs.getString(skip + 7));
    }

    /**
     * Open cases of the batch per unit that holds them now: a centre, a city, or the branch (for cases at
     * the branch or HQ). Counted in the database, whatever the batch's size.
     */
    public java.util.Map<String, Long> openCasesByUnit(String batchCode, String branchCode, java.util.Set<ApplicationState> states) {
        String unit = "CASE a.tier WHEN 'LEARNING_CENTER' THEN c.learning_center WHEN 'CITY' THEN c.city_code ELSE c.branch_code END";
        java.util.Map<String, Long> byUnit = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT " + unit + ", COUNT(*) FROM application a JOIN student_chain c ON c.student_no = a.student_no"
                        + " WHERE a.batch_code = :batch AND c.branch_code = :branch AND a.state IN (:states)"
                        + " GROUP BY " + unit + " ORDER BY 1")
                .param("batch", batchCode).param("branch", branchCode)
                .param("states", states.stream().map(Enum::name).toList())
                .query((rs, n) -> byUnit.put(rs.getString(1), rs.getLong(2))).list();
        return byUnit;
    }

    /** A row of {@link #SELECT}; its due dates are remembered for the command under way. */
    private ApplicationRecord map(ResultSet rs, int n) throws SQLException {
        remember(rs.getLong(1), days(rs, 15));
        String kind = rs.getString(5);
        String degreeType = rs.getString(6);
        java.sql.Date issueDate = rs.getDate(12);
        String letterKind = rs.getString(13);
        String letterDegreeType = rs.getString(14);
        return new ApplicationRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                kind == null ? null : ApplicationChoice.Kind.valueOf(kind),
                degreeType == null ? null : ApplicationChoice.DegreeType.valueOf(degreeType),
                rs.getBoolean(7), letterKind == null ? null : ApplicationChoice.Kind.valueOf(letterKind),
                letterDegreeType == null ? null : ApplicationChoice.DegreeType.valueOf(letterDegreeType),
                Round.valueOf(rs.getString(8)), ApplicationState.valueOf(rs.getString(9)),
                Tier.valueOf(rs.getString(10)), rs.getString(11), issueDate == null ? null : issueDate.toLocalDate());
    }

}

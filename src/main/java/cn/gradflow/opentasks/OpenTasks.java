package cn.gradflow.opentasks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.identity.IdentityReviewProcess;

/**
 * The projection of the engine's open tasks for list pages ({@code open_task}, V56): written by
 * {@link OpenTaskProjection} as the engine changes a task, read a page at a time by {@link OpenTasksController}.
 * Batch and student come from the business key, which only GradFlow sets ({@code <batch>-<studentNo>} for a
 * student's case, {@code <batch>-<branch>} for a branch's), and the roster — never from a process variable.
 */
@Repository
public class OpenTasks {

    /** Processes whose business key names a student (as roster.CaseRouting reads it). */
    static final Set<String> STUDENT_PROCESSES = Set.of(ApplicationProcess.KEY, IdentityReviewProcess.KEY);

    public record OpenTask(String taskId, String processInstanceId, String processKey, String taskKey, String step,
                           String candidateGroup, String tier, String assignee, LocalDateTime created, LocalDateTime due,
                           String batchCode, String unit, String studentNo, String studentName, String majorName) {
    }

    /** An open task as the projection holds it: what a bulk decision needs to find the one at the user's tier (issue 13). */
    public record InstanceTask(String taskId, String processInstanceId, String taskKey, String candidateGroup) {
    }

    /** The columns an equality check with the engine compares: what the lists filter and sort by. */
    public record Row(String taskId, String candidateGroup, String assignee, Timestamp due, String batchCode, String studentNo) {
    }

    private static final String COLUMNS = "task_id, process_instance_id, process_key, task_key, step, candidate_group, tier,"
            + " assignee, created_at, due_at, batch_code, unit_code, student_no, student_name, major_name";

    private final JdbcClient jdbc;
    /** Lazily: the engine is built with this repository's listener inside it. */
    private final ObjectProvider<RepositoryService> repositoryService;

    OpenTasks(JdbcClient jdbc, ObjectProvider<RepositoryService> repositoryService) {
        this.jdbc = jdbc;
        this.repositoryService = repositoryService;
    }

    /**
     * A task the engine changed in this transaction. Its row is written once, just before the transaction commits,
     * from the engine's tables as the engine flushed them: what the listener sees of a task can lag behind what the
     * engine writes (a candidate group removed in the same command is still among the task's candidates), the tables
     * cannot. Several changes of one task in a transaction (created, then assigned) cost one refresh.
     */
    void touched(DelegateTask task) {
        if (task.getProcessInstanceId() == null) {
            return; // a standalone or case task: no list page shows it
        }
        String step = task.getBpmnModelElementInstance() == null ? null : task.getBpmnModelElementInstance().getName();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // not in GradFlow (the engine always runs in a Spring transaction here); an engine without one: at once
            refresh(Map.of(task.getId(), new Change(step == null ? "" : step, false)));
            return;
        }
        // the transaction's own synchronization holds its tasks: one suspended by REQUIRES_NEW is not seen by the inner one
        Refresh refresh = null;
        for (TransactionSynchronization each : TransactionSynchronizationManager.getSynchronizations()) {
            if (each instanceof Refresh mine && mine.owner() == this) {
                refresh = mine;
            }
        }
        if (refresh == null) {
            refresh = new Refresh(this, new LinkedHashMap<>());
            TransactionSynchronizationManager.registerSynchronization(refresh);
        }
        refresh.changes().merge(task.getId(), Change.of(task.getEventName(), step), Change::then);
    }

    /**
     * What a transaction did to one task, as far as its row cares: the step's name (empty if none) and whether the task
     * was created in this transaction (no row can exist yet: nothing to delete).
     */
    record Change(String step, boolean created) {

        static Change of(String event, String step) {
            return new Change(step == null ? "" : step, TaskListener.EVENTNAME_CREATE.equals(event));
        }

        /** This change followed by a later one of the same task in the same transaction. */
        Change then(Change later) {
            return new Change(later.step.isEmpty() ? step : later.step, created || later.created);
        }
    }

    /** Writes the transaction's changed tasks just before it commits (after the engine flushed its own rows). */
    private static final class Refresh implements TransactionSynchronization {

        private final OpenTasks owner;
        private final Map<String, Change> changes;

        Refresh(OpenTasks owner, Map<String, Change> changes) {
            this.owner = owner;
            this.changes = changes;
        }

        OpenTasks owner() {
            return owner;
        }

        Map<String, Change> changes() {
            return changes;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            owner.refresh(changes);
        }
    }

    /**
     * Each task's row as the engine's tables now have it (none for a task that is gone). A task created in this
     * transaction has no row to delete (issue 13: every new task of any process paid that DELETE). A completed task keeps
     * its INSERT … SELECT, which finds nothing: a savepoint (the bulk decisions' per student) can undo a completion after
     * its listener ran, and asking ACT_RU_TASK inside the DELETE instead deadlocked on MariaDB (a subquery in a DELETE
     * takes next-key locks on ACT_RU_TASK, where concurrent starts insert; the INSERT … SELECT reads it without locks).
     */
    void refresh(Map<String, Change> changes) {
        List<String> existed = changes.entrySet().stream().filter(e -> !e.getValue().created()).map(Map.Entry::getKey).toList();
        if (!existed.isEmpty()) {
            jdbc.sql("DELETE FROM open_task WHERE task_id IN (:ids)").param("ids", existed).update();
        }
        // one INSERT per step, not per task (issue 13: a bulk decision's transaction touches 2 tasks per student, of two steps)
        Map<String, List<String>> byStep = new LinkedHashMap<>();
        changes.forEach((id, change) -> byStep.computeIfAbsent(change.step(), s -> new ArrayList<>()).add(id));
        byStep.forEach((step, ids) -> {
            for (int i = 0; i < ids.size(); i += 1_000) {
                jdbc.sql(INSERT_FROM_ENGINE + " AND t.ID_ IN (:ids)").param("step", step.isEmpty() ? null : step)
                        .param("ids", ids.subList(i, Math.min(ids.size(), i + 1_000)))
                        .param("studentProcesses", List.copyOf(STUDENT_PROCESSES)).update();
            }
        });
    }

    /**
     * Rows from the engine's tables: a task's first candidate group by code (GradFlow's tasks have one), the batch
     * before the business key's first '-', the student after it for a student's case, and the roster.
     */
    private static final String INSERT_FROM_ENGINE = "INSERT INTO open_task (" + COLUMNS + ")"
            // the group as the engine has it (a self-study exam office is a group but no unit: its tier stays empty)
            + " SELECT t.ID_, t.PROC_INST_ID_, d.KEY_, t.TASK_DEF_KEY_, :step,"
            + " (SELECT MIN(l.GROUP_ID_) FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate'),"
            + " g.tier, t.ASSIGNEE_, t.CREATE_TIME_, t.DUE_DATE_,"
            + " CASE WHEN LOCATE('-', e.BUSINESS_KEY_) > 1 THEN SUBSTRING(e.BUSINESS_KEY_, 1, LOCATE('-', e.BUSINESS_KEY_) - 1) END,"
            + " s.unit_code, s.student_no, s.name, m.name"
            + " FROM ACT_RU_TASK t JOIN ACT_RE_PROCDEF d ON d.ID_ = t.PROC_DEF_ID_ JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_"
            + " LEFT JOIN unit g ON g.code = (SELECT MIN(l.GROUP_ID_) FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate')"
            + " LEFT JOIN student s ON d.KEY_ IN (:studentProcesses) AND LOCATE('-', e.BUSINESS_KEY_) > 1"
            + " AND s.student_no = SUBSTRING(e.BUSINESS_KEY_, LOCATE('-', e.BUSINESS_KEY_) + 1)"
            + " LEFT JOIN major m ON m.code = s.major_code"
            + " WHERE NOT EXISTS (SELECT 1 FROM open_task o WHERE o.task_id = t.ID_)";

    /**
     * Brings the projection in line with the engine's tables: removes rows of tasks that are gone and adds the
     * tasks that have none (an installation upgraded with tasks open, rows written by bulk SQL), each with its step.
     * Run at every start; the listener keeps it from then on. Returns {removed, added}.
     * <p>
     * Issue 13: the two sets of ids are compared in Java, each read by one index-only scan (no join, no row
     * locked), and only the differences are written. On MySQL/MariaDB the engine's ids are
     * utf8mb3_bin and open_task's utf8mb4, so a look-up of {@code ACT_RU_TASK} by an open_task id cannot use its
     * key: the {@code DELETE … WHERE NOT EXISTS (… ACT_RU_TASK …)} this replaces read every task for every row
     * (100,000 × 100,000, still running after ten minutes), and even the join the other way round probes with a
     * conversion per row (about 3 times the two scans). Read in this order, a task created or ended meanwhile (on
     * another node) can only look missing or stale: the insert skips a task with a row, the delete finds none.
     */
    public int[] reconcile() {
        Set<String> stale = new HashSet<>(jdbc.sql("SELECT task_id FROM open_task").query(String.class).list());
        List<String> missing = new ArrayList<>();
        // a standalone or case task has no process instance and no row
        jdbc.sql("SELECT ID_ FROM ACT_RU_TASK WHERE PROC_INST_ID_ IS NOT NULL").query((RowCallbackHandler) rs -> {
            String id = rs.getString(1);
            if (!stale.remove(id)) {
                missing.add(id);
            }
        });
        List<String> gone = List.copyOf(stale);
        int removed = 0;
        for (int i = 0; i < gone.size(); i += CHUNK) {
            removed += jdbc.sql("DELETE FROM open_task WHERE task_id IN (:ids)")
                    .param("ids", gone.subList(i, Math.min(gone.size(), i + CHUNK))).update();
        }
        return new int[] {removed, missing.isEmpty() ? 0 : addMissing(missing)};
    }

    /**
     * Writes the rows of the tasks that have none, each kind of task with its step (the BPMN element's name) in the
     * same statement: no row is left without its step, as one could be when the steps were set by a second statement
     * after the insert (a stop in between, and no later start named them).
     */
    private int addMissing(List<String> missing) {
        Map<List<String>, List<String>> idsByKind = new LinkedHashMap<>();
        for (int i = 0; i < missing.size(); i += CHUNK) {
            jdbc.sql("SELECT ID_, PROC_DEF_ID_, TASK_DEF_KEY_ FROM ACT_RU_TASK WHERE ID_ IN (:ids)")
                    .param("ids", missing.subList(i, Math.min(missing.size(), i + CHUNK)))
                    .query((RowCallbackHandler) rs -> idsByKind.computeIfAbsent(Arrays.asList(rs.getString(2), rs.getString(3)),
                            kind -> new ArrayList<>()).add(rs.getString(1)));
        }
        RepositoryService repository = repositoryService.getObject();
        Map<List<String>, String> stepByKind = new LinkedHashMap<>();
        idsByKind.keySet().forEach(kind -> {
            var element = repository.getBpmnModelInstance(kind.get(0)).getModelElementById(kind.get(1));
            stepByKind.put(kind, element == null ? null : element.getAttributeValue("name"));
        });
        int added = 0;
        if (missing.size() <= CHUNK) {
            // a few (a crash, a row deleted by hand): one task a statement, by primary key as refresh does
            for (Map.Entry<List<String>, List<String>> kind : idsByKind.entrySet()) {
                for (String id : kind.getValue()) {
                    added += jdbc.sql(INSERT_FROM_ENGINE + " AND t.ID_ = :id").param("step", stepByKind.get(kind.getKey()))
                            .param("studentProcesses", List.copyOf(STUDENT_PROCESSES)).param("id", id).update();
                }
            }
            return added;
        }
        // many (an upgrade, a bulk fill): one statement over the engine's tasks, each kind's step in a CASE. By primary
        // key, "t.ID_ IN (1,000 ids)" a chunk, MariaDB (its statistics not yet updated after a bulk fill) started from
        // ACT_RE_PROCDEF and read the definition's every task per chunk; one task a statement took minutes on H2.
        Map<String, Object> params = new HashMap<>();
        StringBuilder step = new StringBuilder("CASE");
        int k = 0;
        for (Map.Entry<List<String>, String> kind : stepByKind.entrySet()) {
            if (kind.getValue() != null) {
                step.append(" WHEN t.PROC_DEF_ID_ = :d").append(k).append(" AND t.TASK_DEF_KEY_ = :k").append(k).append(" THEN :s").append(k);
                params.put("d" + k, kind.getKey().get(0));
                params.put("k" + k, kind.getKey().get(1));
                params.put("s" + k++, kind.getValue());
            }
        }
        params.put("studentProcesses", List.copyOf(STUDENT_PROCESSES));
        return jdbc.sql(INSERT_FROM_ENGINE.replace(":step", k == 0 ? "NULL" : step + " END")).params(params).update();
    }

    /** Ids a statement when reconcile deletes rows or reads tasks by primary key. */
    private static final int CHUNK = 1_000;

    /** The rows as the engine's tables say they should be, and as the projection has them: equal when in step. */
    public List<List<Row>> compareWithEngine() {
        List<Row> engine = jdbc.sql("SELECT t.ID_, (SELECT MIN(l.GROUP_ID_) FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_"
                        + " AND l.TYPE_ = 'candidate'), t.ASSIGNEE_, t.DUE_DATE_,"
                        + " CASE WHEN LOCATE('-', e.BUSINESS_KEY_) > 1 THEN SUBSTRING(e.BUSINESS_KEY_, 1, LOCATE('-', e.BUSINESS_KEY_) - 1) END,"
                        + " CASE WHEN d.KEY_ IN (:studentProcesses) AND LOCATE('-', e.BUSINESS_KEY_) > 1"
                        + " THEN SUBSTRING(e.BUSINESS_KEY_, LOCATE('-', e.BUSINESS_KEY_) + 1) END"
                        + " FROM ACT_RU_TASK t JOIN ACT_RE_PROCDEF d ON d.ID_ = t.PROC_DEF_ID_ JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_"
                        + " ORDER BY t.ID_")
                .param("studentProcesses", List.copyOf(STUDENT_PROCESSES)).query(OpenTasks::row).list();
        List<Row> projection = jdbc.sql("SELECT task_id, candidate_group, assignee, due_at, batch_code, student_no FROM open_task ORDER BY task_id")
                .query(OpenTasks::row).list();
        List<List<Row>> both = new ArrayList<>();
        both.add(engine);
        both.add(projection);
        return both;
    }

    /**
     * The open tasks of these process instances, by instance, in one read (ix_open_task_instance): a bulk decision's
     * chunk instead of one engine task query per student (issue 13).
     */
    public Map<String, List<InstanceTask>> ofInstances(java.util.Collection<String> processInstanceIds) {
        Map<String, List<InstanceTask>> byInstance = new HashMap<>();
        if (processInstanceIds.isEmpty()) {
            return byInstance;
        }
        jdbc.sql("SELECT task_id, process_instance_id, task_key, candidate_group FROM open_task WHERE process_instance_id IN (:ids)")
                .param("ids", List.copyOf(processInstanceIds))
                .query((rs, n) -> new InstanceTask(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list()
                .forEach(t -> byInstance.computeIfAbsent(t.processInstanceId(), k -> new ArrayList<>()).add(t));
        return byInstance;
    }

    /** A page of a unit's queue in a batch (assigned or not), by due date: read from ix_open_task_queue. */
    public List<OpenTask> page(String batchCode, String unit, String assignee, boolean unassigned, int size, int offset) {
        Map<String, Object> p = new HashMap<>();
        String where = where(batchCode, unit, assignee, unassigned, p);
        p.put("limit", size);
        p.put("offset", offset);
        return jdbc.sql("SELECT " + COLUMNS + " FROM open_task" + where + " ORDER BY due_at, task_id LIMIT :limit OFFSET :offset")
                .params(p).query((rs, n) -> new OpenTask(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), local(rs.getTimestamp(9)),
                        local(rs.getTimestamp(10)), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                        rs.getString(15))).list();
    }

    public long count(String batchCode, String unit, String assignee, boolean unassigned) {
        Map<String, Object> p = new HashMap<>();
        String where = where(batchCode, unit, assignee, unassigned, p);
        return jdbc.sql("SELECT COUNT(*) FROM open_task" + where).params(p).query(Long.class).single();
    }

    private static String where(String batchCode, String unit, String assignee, boolean unassigned, Map<String, Object> p) {
        p.put("batch", batchCode);
        p.put("unit", unit);
        StringBuilder where = new StringBuilder(" WHERE batch_code = :batch AND candidate_group = :unit");
        if (assignee != null) {
            where.append(" AND assignee = :assignee");
            p.put("assignee", assignee);
        } else if (unassigned) {
            where.append(" AND assignee IS NULL");
        }
        return where.toString();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4), rs.getString(5), rs.getString(6));
    }

    private static LocalDateTime local(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}

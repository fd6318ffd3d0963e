package cn.gradflow.cases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.SuspendedEntityInteractionException;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.application.ApplicationRecord;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.ApplicationStarter;
import cn.gradflow.application.ApplicationState;
import cn.gradflow.application.StartResult;
import cn.gradflow.batch.Batch;
import cn.gradflow.batch.SubmissionWindows;
import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.checks.Finding;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.opentasks.OpenTasks;
import cn.gradflow.roster.ApprovalChain;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.RosterInconsistencyException;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;
import cn.gradflow.security.AsSystem;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.security.UnitScope;

import static cn.gradflow.application.ApplicationProcess.*;
import static cn.gradflow.cases.DecisionResult.Code.*;

/**
 * One student of a bulk decision (issue 12, item 4), its own unit of work: finds the student's open task of
 * the action's step, checks that the user may act on it (unit scope; the task's candidate group is one of the
 * user's groups, "at your tier"), then completes it through the engine as the user with the variables the
 * Tasklist form sends. The engine's input guard, {@code RecordDecisionListener}'s checks and the decision
 * trail then run unchanged, so a bulk decision is recorded exactly as one made in Tasklist. Each student is atomic
 * on its own (its own transaction, or its own savepoint in {@link #decideAll}): a refusal for one student undoes
 * nothing for another.
 */
@Service
class BulkDecisions {

    private static final Logger log = LoggerFactory.getLogger(BulkDecisions.class);

    private final RosterRepository roster;
    private final UnitScope scope;
    private final CurrentUser currentUser;
    private final ApplicationRepository applications;
    private final ApplicationStarter starter;
    private final SubmissionWindows windows;
    private final SchoolClock clock;
    private final TaskService tasks;
    private final AsSystem asSystem;
    private final OpenTasks openTasks;
    private final TransactionTemplate tx;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final cn.gradflow.photo.PhotoRepository photos;

    /**
     * Review decisions per transaction in {@link #decideAll}: one commit, one read of the unit tree, for this many
     * students instead of one each (issue 13); few enough that the task rows it holds are locked for well under a second.
     */
    static final int CHUNK = 25;

    BulkDecisions(RosterRepository roster, UnitScope scope, CurrentUser currentUser, ApplicationRepository applications,
                  ApplicationStarter starter, SubmissionWindows windows, SchoolClock clock, TaskService tasks,
                  AsSystem asSystem, OpenTasks openTasks, TransactionTemplate tx,
                  org.springframework.jdbc.core.simple.JdbcClient jdbc, cn.gradflow.photo.PhotoRepository photos) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.photos = photos;
        this.roster = roster;
        this.scope = scope;
        this.currentUser = currentUser;
        this.applications = applications;
        this.starter = starter;
        this.windows = windows;
        this.clock = clock;
        this.tasks = tasks;
        this.asSystem = asSystem;
        this.openTasks = openTasks;
    }

    /**
     * The students in order. A review's approvals and rejections share a transaction of up to {@value #CHUNK}, each
     * student in a savepoint of its own that is kept only when the student is DONE: a refusal, a race lost or a
     * failure undoes that student only, exactly as one transaction each would. Should the transaction itself fail (a
     * deadlock rolls back all of it, a commit fails), its students are decided again one transaction each, so a DONE
     * answered is committed. Actions that start applications and run their initial audit stay one student at a time.
     */
    List<DecisionResult> decideAll(Batch batch, DecisionRequest request, List<String> studentNos) {
        if (request.action().startsApplication()) {
            return studentNos.stream().map(no -> decide(batch, request, no)).toList();
        }
        List<DecisionResult> results = new ArrayList<>(studentNos.size());
        for (int from = 0; from < studentNos.size(); from += CHUNK) {
            List<String> chunk = studentNos.subList(from, Math.min(studentNos.size(), from + CHUNK));
            List<DecisionResult> decided;
            try {
                decided = tx.execute(status -> {
                    // the chunk's students, applications, open tasks and findings (a review's: photos too) in a read each
                    // instead of one per student (issue 13)
                    roster.readAhead(chunk);
                    Map<String, ApplicationRecord> found = applications.findAll(batch.code(), chunk);
                    applications.readAheadFindings(found.values().stream().map(ApplicationRecord::id).toList());
                    boolean reviews = request.action().reviews();
                    if (reviews) {
                        photos.readAheadKinds(chunk); // 分部复审's photos: shown on entering it, compared on leaving it
                    }
                    List<String> instances = found.values().stream().map(ApplicationRecord::processInstanceId)
                            .filter(java.util.Objects::nonNull).toList();
                    Ahead known = new Ahead(found, openTasks.ofInstances(instances),
                            reviews ? java.util.Set.copyOf(instances) : java.util.Set.of(),
                            reviews ? instancesHoldingDecision(instances) : java.util.Set.of());
                    List<DecisionResult> chunkResults = new ArrayList<>(chunk.size());
                    for (String no : chunk) {
                        Object savepoint = status.createSavepoint();
                        DecisionResult result;
                        try {
                            result = decide(batch, request, no, known);
                        } catch (RuntimeException e) {
                            status.rollbackToSavepoint(savepoint);
                            throw e; // the chunk fails and is decided again one by one
                        }
                        if (result.result() != DONE) {
                            // back to the savepoint: nothing of this student stays (and the engine's mark of a failed
                            // command on the transaction is lifted with it)
                            status.rollbackToSavepoint(savepoint);
                        }
                        // a kept savepoint is not released: the commit ends it, one round trip a student less (issue 13)
                        chunkResults.add(result);
                    }
                    return chunkResults;
                });
            } catch (RuntimeException chunkFailed) {
                log.warn("bulk decision {} for {} students together failed, deciding them one by one: {}", request.action(),
                        chunk.size(), chunkFailed.toString());
                decided = chunk.stream().map(no -> decide(batch, request, no)).toList();
            }
            results.addAll(decided);
        }
        return results;
    }

    DecisionResult decide(Batch batch, DecisionRequest request, String studentNo) {
        return decide(batch, request, studentNo, Ahead.NONE);
    }

    /**
     * What a chunk read ahead for its students: their applications and the open tasks of their instances (the
     * {@code open_task} projection, written in the same transaction as the engine's rows). A hint, never the last word:
     * what is missing is read as before, and a task taken meanwhile is refused by the engine's completion.
     */
    private record Ahead(Map<String, ApplicationRecord> applications, Map<String, List<OpenTasks.InstanceTask>> tasks,
                         java.util.Set<String> decisionChecked, java.util.Set<String> holdingDecision) {
        static final Ahead NONE = new Ahead(Map.of(), Map.of(), java.util.Set.of(), java.util.Set.of());

        /**
         * Whether the review's {@code decision} may be passed as a transient value (issue 13): the gateway after the task
         * and {@code RecordDecisionListener} read it in the same transaction, the trail keeps it, and Tasklist never
         * shows it (the next task's form starts empty), so writing it cost an engine row, its history row and two
         * history details for nothing. Only where the instance holds no stored {@code decision} (a Tasklist completion
         * leaves one, emptied): the engine refuses a transient value over a stored one, so those take a stored value.
         */
        boolean transientDecision(String processInstanceId) {
            return processInstanceId != null && decisionChecked.contains(processInstanceId)
                    && !holdingDecision.contains(processInstanceId);
        }
    }

    /** The instances among these whose {@code decision} variable is stored (engine table; one read for the chunk). */
    private java.util.Set<String> instancesHoldingDecision(List<String> instances) {
        if (instances.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(jdbc.sql("SELECT PROC_INST_ID_ FROM ACT_RU_VARIABLE WHERE NAME_ = :name AND PROC_INST_ID_ IN (:ids)")
                .param("name", DECISION.name()).param("ids", instances).query(String.class).list());
    }

    /** {@code known}: read ahead with the student's chunk; an application missing or not yet attached is read here. */
    private DecisionResult decide(Batch batch, DecisionRequest request, String studentNo, Ahead known) {
        try {
            return decideOne(batch, request, studentNo, known);
        } catch (RosterInconsistencyException e) {
            return DecisionResult.of(studentNo, INVALID, "学籍基础数据有误：" + e.getMessage());
        }
    }

    private DecisionResult decideOne(Batch batch, DecisionRequest request, String studentNo, Ahead known) {
        Optional<Student> found = roster.findStudent(studentNo);
        if (found.isEmpty()) {
            return DecisionResult.of(studentNo, NOT_FOUND, "学号不存在");
        }
        Student student = found.get();
        ApprovalChain chain = roster.chainOf(student.unitCode());
        if (!scope.covers(chain)) {
            return DecisionResult.of(studentNo, FORBIDDEN, "该生不属于本单位，无权办理");
        }
        String invalid = invalidChoice(request, student);
        if (invalid != null) {
            return DecisionResult.of(studentNo, INVALID, invalid);
        }
        boolean centreAction = request.action().startsApplication() || request.action() == DecisionAction.RESUBMIT;
        if (centreAction && !currentUser.groupIds().contains(chain.learningCenter().code())) {
            return DecisionResult.of(studentNo, NOT_AT_YOUR_TIER, "「" + request.action().label() + "」由学习中心"
                    + chain.learningCenter().name() + "办理，不在本级");
        }
        // read ahead, its instance id is final once set; its state is read again where an answer depends on it (notAtStep)
        Optional<ApplicationRecord> application = Optional.ofNullable(known.applications().get(studentNo))
                .filter(a -> a.processInstanceId() != null)
                .or(() -> applications.find(batch.code(), studentNo));
        if (application.isEmpty()) {
            if (!request.action().startsApplication()) {
                return DecisionResult.of(studentNo, NOT_FOUND, "该生在批次 " + batch.code() + " 没有毕业申请");
            }
            // as POST /api/batches/{b}/applications does: its initial audit runs in the start's transaction, so the
            // action finds the case at its first task (should the audit fail, the job executor retries it and the
            // action answers where the case waits)
            StartResult started = starter.startAll(batch, List.of(studentNo), clock.today()).get(0);
            switch (started.result()) {
                case STARTED, ALREADY_EXISTS -> { }
                case WINDOW_CLOSED -> {
                    return DecisionResult.of(studentNo, WINDOW_CLOSED, started.message());
                }
                case NOT_FOUND -> {
                    return DecisionResult.of(studentNo, NOT_FOUND, started.message());
                }
                default -> {
                    return DecisionResult.of(studentNo, INVALID, started.message());
                }
            }
            application = applications.find(batch.code(), studentNo);
            if (application.isEmpty()) {
                return DecisionResult.of(studentNo, INVALID, "毕业申请未能启动");
            }
        }
        String businessKey = ApplicationProcess.businessKey(batch.code(), studentNo);
        // the usual case in one query: the student's task waits for one of the user's units (issue 13); otherwise
        // the task as it is, to say why not
        List<String> groups = currentUser.groupIds(); // the user's, read before acting as the system
        // The application's instance gives the query an index look-up of its own tasks: task queries, nearly all of it
        // inside H2's execution, were half of a bulk approval's samples on H2 (issue 13, JFR profile). The business
        // key and definition stay as conditions, so the answer is the same
        String instance = application.get().processInstanceId();
        // the chunk's projection first (issue 13: one read for the chunk instead of an engine task query each); where it
        // shows no task of the user's units, the engine's tables as before
        OpenTasks.InstanceTask projected = groups.isEmpty() || instance == null ? null : known.tasks().getOrDefault(instance, List.of())
                .stream().filter(t -> t.candidateGroup() != null && groups.contains(t.candidateGroup())).findFirst().orElse(null);
        Task mine = projected != null || groups.isEmpty() ? null : asSystem.call(() -> ofCase(businessKey, instance)
                .taskCandidateGroupIn(groups).includeAssignedTasks().list()).stream().findFirst().orElse(null);
        Task task = projected != null ? null : mine != null ? mine
                : asSystem.call(() -> ofCase(businessKey, instance).list()).stream().findFirst().orElse(null);
        String taskId = projected != null ? projected.taskId() : task == null ? null : task.getId();
        String taskKey = projected != null ? projected.taskKey() : task == null ? null : task.getTaskDefinitionKey();
        Step step = taskKey == null ? null : Step.byId(taskKey).orElse(null);
        if (step == null || !request.action().steps().contains(step)) {
            return notAtStep(request.action(), applications.find(batch.code(), studentNo).orElseThrow(), studentNo);
        }
        if (projected == null && mine == null) {
            List<String> candidates = asSystem.call(() -> tasks.getIdentityLinksForTask(taskId)).stream()
                    .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                    .map(link -> link.getGroupId()).toList();
            if (candidates.stream().noneMatch(currentUser.groupIds()::contains)) {
                // no candidate left: the task was completed (on another node) between its look-up and this one
                return candidates.isEmpty() && taskGone(taskId) ? decidedByOther(studentNo) : notYourTier(studentNo, chain, step);
            }
        }
        if (request.action().needsOpenWindow()) {
            SubmissionWindows.Verdict window = windows.on(batch.code(), chain.branch().code(),
                    chain.hasCityTier() ? chain.city().code() : null, student.upgradeFromJunior(), clock.today());
            if (!window.open()) {
                return DecisionResult.of(studentNo, WINDOW_CLOSED, window.refusal());
            }
        }
        return complete(taskId, step, request, batch, studentNo, known.transientDecision(instance));
    }

    /** The active tasks of the student's application (its instance, when attached, by id: an index look-up). */
    private TaskQuery ofCase(String businessKey, String processInstanceId) {
        TaskQuery query = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).processDefinitionKey(KEY).active();
        return processInstanceId == null ? query : query.processInstanceId(processInstanceId);
    }

    /** R-EL-08 / R-EL-09 as the form would refuse them, before anything is started. */
    private String invalidChoice(DecisionRequest request, Student student) {
        if (request.action().needsReason() && (request.reason() == null || request.reason().isBlank())) {
            return "「" + request.action().label() + "」须填写原因";
        }
        if (request.action() != DecisionAction.APPLY_WITH_DEGREE) {
            return null;
        }
        Level level = roster.findMajor(student.majorCode()).map(m -> m.level()).orElse(null);
        if (level != Level.BACHELOR) {
            return "专科学生不能申请学位（R-EL-08：学位仅限本科）";
        }
        if (request.degreeType() == null) {
            return "申请学位须选择学位类型（国开学位或合作学位）";
        }
        if (!request.commitmentLetter()) {
            return "申请学位须已收到学生本人签署的承诺书（R-EL-09）";
        }
        return null;
    }

    private DecisionResult complete(String taskId, Step step, DecisionRequest request, Batch batch, String studentNo,
                                    boolean transientDecision) {
        try {
            Map<String, Object> variables = variables(request, step);
            if (transientDecision && variables.get(DECISION.name()) instanceof String decision) {
                variables.put(DECISION.name(), org.camunda.bpm.engine.variable.Variables.stringValue(decision, true));
            }
            tasks.complete(taskId, variables);
            return DecisionResult.of(studentNo, DONE, done(request.action(), step));
        } catch (OptimisticLockingException | NotFoundException | NullValueException e) {
            return decidedByOther(studentNo);
        } catch (SuspendedEntityInteractionException e) {
            // suspended in Cockpit: the engine's task query (active only) would have found no task, so answer as then
            return notAtStep(request.action(), applications.find(batch.code(), studentNo).orElseThrow(), studentNo);
        } catch (AuthorizationException e) {
            // the task was there and ours when looked up: gone now, another node's completion took it (and the
            // candidate group it was authorised through) between the engine's read and its permission check
            return taskGone(taskId) ? decidedByOther(studentNo) : DecisionResult.of(studentNo, FORBIDDEN, chinese(e, "无权办理该任务"));
        } catch (ProcessEngineException e) {
            if (e.getCode() == BuiltinExceptionCode.OPTIMISTIC_LOCKING.getCode() || e.getCode() == BuiltinExceptionCode.DEADLOCK.getCode()) {
                // another node's completion of the same task won (issue 13): the engine names it only by its code
                return decidedByOther(studentNo);
            }
            String message = chinese(e, null);
            if (message == null) {
                if (taskGone(taskId)) {
                    return decidedByOther(studentNo);
                }
                log.warn("bulk decision {} for {} failed", request.action(), studentNo, e);
                return DecisionResult.of(studentNo, INVALID, "办理失败，未作更改");
            }
            // the listener's refusals: a closed window (R-BA-04), a blocking finding, or what the form refuses
            DecisionResult.Code code = message.contains("申请时间") || message.contains("不再受理") ? WINDOW_CLOSED
                    : message.matches("(?s).*R-[A-Z]{2,4}-\\d{2}.*") ? BLOCKED : INVALID;
            return DecisionResult.of(studentNo, code, message);
        } catch (RuntimeException e) {
            // Issue 13: the engine read the task before another node's completion committed and its execution
            // after (seen on MariaDB: a NullPointerException inside the engine, now answered by engine.CompletionRace as
            // the OptimisticLockingException above; this stays for any other failure). The transaction rolled back; one
            // student's failure never fails the others of the list.
            if (taskGone(taskId)) {
                return decidedByOther(studentNo);
            }
            log.warn("bulk decision {} for {} failed", request.action(), studentNo, e);
            return DecisionResult.of(studentNo, INVALID, "办理失败，未作更改");
        }
    }

    private boolean taskGone(String taskId) {
        return asSystem.call(() -> tasks.createTaskQuery().taskId(taskId).count()) == 0;
    }

    private static DecisionResult decidedByOther(String studentNo) {
        return DecisionResult.of(studentNo, ALREADY_DECIDED, "该生的待办刚被他人办理，本次未作更改");
    }

    /** Exactly the fields of the step's form (forms/submit-application.form, review-decision.form, correct-application.html). */
    static Map<String, Object> variables(DecisionRequest request, Step step) {
        Map<String, Object> v = new HashMap<>();
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        switch (request.action()) {
            case APPLY, APPLY_WITH_DEGREE -> {
                boolean degree = request.action() == DecisionAction.APPLY_WITH_DEGREE;
                ApplicationChoice.Kind kind = degree ? ApplicationChoice.Kind.GRADUATION_DEGREE : ApplicationChoice.Kind.GRADUATION;
                v.put(APPLICATION_KIND.name(), kind.name());
                if (degree) {
                    v.put(DEGREE_TYPE.name(), request.degreeType().name());
                }
                v.put(COMMITMENT_LETTER.name(), request.commitmentLetter());
                if (request.commitmentLetter()) {
                    // R-EL-09: the clerk confirms a letter that wishes what is applied for; a letter wishing
                    // otherwise is recorded one by one in Tasklist, where the check then finds the difference
                    v.put(LETTER_KIND.name(), kind.name());
                    if (degree) {
                        v.put(LETTER_DEGREE_TYPE.name(), request.degreeType().name());
                    }
                }
            }
            case DEFER -> {
                if (step == Step.SUBMIT_APPLICATION) {
                    v.put(APPLICATION_KIND.name(), ApplicationChoice.Kind.DEFERRED.name());
                } else {
                    v.put(CORRECTION_ACTION.name(), CorrectionAction.DEFER.name());
                }
            }
            case RESUBMIT -> v.put(CORRECTION_ACTION.name(), CorrectionAction.RESUBMIT.name());
            case APPROVE -> v.put(DECISION.name(), ReviewDecision.APPROVE.name());
            case REJECT -> v.put(DECISION.name(), ReviewDecision.REJECT.name());
        }
        if (reason != null) {
            v.put(REASON.name(), reason);
        }
        return v;
    }

    private DecisionResult notAtStep(DecisionAction action, ApplicationRecord application, String studentNo) {
        ApplicationState state = application.state();
        String where = "当前状态：" + state.label();
        boolean reviewAction = action == DecisionAction.APPROVE || action == DecisionAction.REJECT;
        return switch (state) {
            case CHECKING -> application.kind() != null && !reviewAction
                    ? DecisionResult.of(studentNo, ALREADY_DECIDED, "已提交，" + where)
                    : DecisionResult.of(studentNo, BLOCKED, "资格检查中，请稍后再试（" + where + "）");
            case IDENTITY_REVIEW -> DecisionResult.of(studentNo, BLOCKED, "身份存疑，须身份复核通过后再办理（R-ID-01）");
            case CORRECTION -> {
                if (reviewAction) {
                    yield DecisionResult.of(studentNo, NOT_AT_YOUR_TIER, "已退回学习中心整改，不在本级待办（" + where + "）");
                }
                List<String> rules = applications.findings(application.id()).stream().filter(Finding::isBlocking)
                        .map(Finding::rule).distinct().toList();
                yield rules.isEmpty()
                        ? DecisionResult.of(studentNo, INVALID, "该申请已被退回待整改，请选择「重新提交」或「暂缓毕业」")
                        : DecisionResult.of(studentNo, BLOCKED, "有须整改的问题：" + String.join("、", rules)
                                + "；整改后请选择「重新提交」");
            }
            case APPLYING -> reviewAction
                    ? DecisionResult.of(studentNo, NOT_AT_YOUR_TIER, "学习中心尚未提交申请，不在本级待办（" + where + "）")
                    // a choice recorded, the state not yet moved on: someone (another node) applied a moment ago
                    : application.kind() != null ? decidedByOther(studentNo)
                    : DecisionResult.of(studentNo, INVALID, "该生待提交申请，请选择「申请毕业」「申请毕业并申请学位」或「暂缓毕业」");
            default -> DecisionResult.of(studentNo, ALREADY_DECIDED, "已办理过本环节，" + where);
        };
    }

    /** The task waits for another unit's group: already past the user's tier, or not yet there. */
    private DecisionResult notYourTier(String studentNo, ApprovalChain chain, Step step) {
        List<String> groups = currentUser.groupIds();
        Optional<Tier> mine = java.util.stream.Stream.of(chain.learningCenter(), chain.city(), chain.branch(), chain.hq())
                .filter(u -> u != null && groups.contains(u.code())).map(Unit::tier).findFirst();
        String where = "当前在" + step.tier().label() + "办理（" + step.state().label() + "）";
        if (mine.isPresent() && mine.get().compareTo(step.tier()) > 0) {
            return DecisionResult.of(studentNo, ALREADY_DECIDED, "本级已办理，" + where);
        }
        return DecisionResult.of(studentNo, NOT_AT_YOUR_TIER, "不在本级待办，" + where);
    }

    private static String done(DecisionAction action, Step step) {
        return switch (action) {
            case APPLY, APPLY_WITH_DEGREE -> "已" + action.label() + "，资格检查后送审";
            case DEFER -> "已暂缓毕业";
            case RESUBMIT -> "已重新提交，重新检查后送审";
            case APPROVE -> step.tier().label() + "已通过";
            case REJECT -> step.tier().label() + "已退回学习中心整改";
        };
    }

    /** The refusal's text if GradFlow worded it (Chinese), else the fallback. */
    private static String chinese(Throwable e, String fallback) {
        String message = e.getMessage();
        return message != null && message.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                ? message : fallback;
    }
}

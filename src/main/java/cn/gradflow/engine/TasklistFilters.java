package cn.gradflow.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.identity.IdentityReviewProcess;

/**
 * Tasklist's default filters, on every installation (not only the demo): 本单位待办 and 我认领的任务, and per role
 * (issue 14) 待我处理, 即将截止, 被退回待整改 and 身份复核, each showing the student's 学号, 姓名, 专业 and the batch as list columns. The {@code variables} property also offers 学号 and 姓名 as
 * names in Tasklist's search ("流程变量" criteria), so a clerk finds a student by number or by name (issue 11).
 * <p>
 * Idempotent: at every start a filter is created only when none of its name exists; an administrator's changes to an
 * existing filter are kept. Several nodes starting at once may each create one (there is no unique key on filter
 * names); a second copy is harmless and can be deleted in Tasklist.
 */
@Component
@Order(0)
public class TasklistFilters implements ApplicationRunner {

    public static final String UNIT_QUEUE = "本单位待办";
    public static final String MINE = "我认领的任务";
    /** Issue 14: what the user can act on now: claimed by them, or their units' and not claimed by a colleague. */
    public static final String TO_DO = "待我处理";
    public static final String DUE_SOON = "即将截止";
    public static final String RETURNED = "被退回待整改";
    public static final String IDENTITY = "身份复核";
    /** 即将截止: due within this many days (the calendar's deadlines are end of day, so 3 days covers today and the next 3). */
    public static final int DUE_SOON_DAYS = 3;
    /** The list columns and search names; set on every student's process (majorName only on those started since issue 14). */
    public static final List<Map<String, String>> VARIABLES = List.of(
            Map.of("name", "studentNo", "label", "学号"),
            Map.of("name", "studentName", "label", "姓名"),
            Map.of("name", "majorName", "label", "专业"),
            Map.of("name", "batchCode", "label", "批次"));
    private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);

    private final FilterService filters;
    private final TaskService tasks;

    TasklistFilters(FilterService filters, TaskService tasks) {
        this.filters = filters;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        int created = ensure();
        if (created > 0) {
            LOG.info("Created {} Tasklist filter(s)", created);
        }
    }

    /** Creates the default filters that are missing, by name; returns how many it created. */
    public int ensure() {
        int created = 0;
        created += createIfMissing(UNIT_QUEUE, () -> tasks.createTaskQuery()
                        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks().orderByDueDate().asc(),
                Map.of("priority", -10, "description", "本单位（按用户所属单位组）的待办任务", "refresh", true, "variables", VARIABLES));
        created += createIfMissing(MINE, () -> tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc(),
                Map.of("priority", -5, "description", "已认领到本人名下的任务", "refresh", true, "variables", VARIABLES));
        created += createIfMissing(TO_DO, () -> tasks.createTaskQuery()
                        .or().taskAssigneeExpression("${currentUser()}").taskCandidateGroupInExpression("${currentUserGroups()}").endOr()
                        .orderByDueDate().asc(),
                Map.of("priority", -8, "description", "本人已认领的任务和本单位尚未被认领的任务", "refresh", true, "variables", VARIABLES));
        created += createIfMissing(DUE_SOON, () -> tasks.createTaskQuery()
                        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                        .dueBeforeExpression("${dateTime().plusDays(" + DUE_SOON_DAYS + ").toDate()}").orderByDueDate().asc(),
                Map.of("priority", -6, "description", "本单位 " + DUE_SOON_DAYS + " 天内到期（含已逾期）的任务", "refresh", true,
                        "variables", VARIABLES));
        created += createIfMissing(RETURNED, () -> tasks.createTaskQuery()
                        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                        .taskDefinitionKey(ApplicationProcess.Step.CORRECT_APPLICATION.id()).orderByDueDate().asc(),
                Map.of("priority", 0, "description", "被退回学习中心、待整改后重新提交的申请", "refresh", true, "variables", VARIABLES));
        created += createIfMissing(IDENTITY, () -> tasks.createTaskQuery()
                        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                        .processDefinitionKey(IdentityReviewProcess.KEY).orderByDueDate().asc(),
                Map.of("priority", 5, "description", "身份复核（学信网身份或照片存疑）的各级任务", "refresh", true, "variables", VARIABLES));
        return created;
    }

    /**
     * The id of the default filter of this name (created first if missing; the oldest if several nodes made one each).
     * A page of one: with a user authenticated the engine refuses an unbounded list (query-max-results-limit).
     */
    public String idOf(String name) {
        ensure();
        return filters.createFilterQuery().filterName(name).orderByFilterId().asc().listPage(0, 1).get(0).getId();
    }

    private int createIfMissing(String name, Supplier<TaskQuery> query, Map<String, Object> properties) {
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return 0;
        }
        filters.saveFilter(filters.newTaskFilter(name).setQuery(query.get()).setProperties(properties));
        return 1;
    }
}

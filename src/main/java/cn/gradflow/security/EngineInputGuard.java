package cn.gradflow.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.form.StartFormData;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskFollowUpDateCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskOwnerCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

import cn.gradflow.common.TextLimits;
import cn.gradflow.forms.FormCatalog;
import cn.gradflow.forms.FormSchema;
import cn.gradflow.web.Refusals;

import static cn.gradflow.engine.CommandFields.field;

/**
 * Every door into the engine — Tasklist, {@code /engine-rest}, the webapps' API and the Java API —
 * ends in an engine command, so this is the one place where what a user sends is checked as input
 * (CAMUNDA-NOTES 15): completing a task or submitting its form carries exactly the fields of that
 * task's form, typed and within limits; a user starts a process only through its start form; staff
 * never write variables directly and claim tasks only for themselves; a comment is within
 * {@link TextLimits#COMMENT}. A task's routing (assignee, owner, candidate groups and users, due date, name,
 * priority) is GradFlow's: only an administrator changes it ({@link #checkRouting}). Commands with nobody authenticated
 * (timers, jobs, GradFlow's own code through {@link AsSystem}) and commands nested in another command pass untouched.
 * A completion's form is checked inside its own command context (issue 13), the others before it.
 * <p>
 * It also turns a refusal thrown by a listener (which the engine wraps as "Exception while invoking
 * TaskListener", a 500) back into the refusal itself, so every door answers 4xx with its Chinese text.
 * <p>
 * Command interceptors and the commands' fields are engine internals with no public equivalent; the
 * fields are read in {@link #field} and {@code EngineInputGuardTest} fails if an upgrade renames them.
 */
@Component
class EngineInputGuard extends AbstractProcessEnginePlugin {

    private final FormCatalog forms;
    private ProcessEngineConfigurationImpl engine;
    /**
     * The completion whose form is checked once its own command context is open ({@link InContext}): the check shares
     * that context with the completion (issue 13) — the task and its definition loaded once, the user's authorization
     * checked once, by the engine — instead of a command of its own.
     */
    private final ThreadLocal<Command<?>> formCheckPending = new ThreadLocal<>();
    /**
     * The completion's form check, waiting for the engine's own authorization check of that task ({@link Checkers}):
     * it runs right after it, before any variable is set, so the task is neither queried nor authorized twice (issue 13).
     */
    private final ThreadLocal<PendingForm> formAfterAuthorization = new ThreadLocal<>();

    private record PendingForm(TaskEntity task, Map<?, ?> variables) {
    }

    EngineInputGuard(FormCatalog forms) {
        this.forms = forms;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.engine = configuration;
        // the services' executor; the requires-new one serves the job executor, where nobody is authenticated
        configuration.setCustomPreCommandInterceptorsTxRequired(prepend(configuration.getCustomPreCommandInterceptorsTxRequired()));
        List<CommandInterceptor> post = new ArrayList<>();
        if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
            post.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
        }
        post.add(new InContext()); // after the engine's command context interceptor: inside the context
        configuration.setCustomPostCommandInterceptorsTxRequired(post);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // the engine's checkers (authorization, tenants) built in init(): each completion calls them all with its task
        List<CommandChecker> checkers = configuration.getCommandCheckers();
        configuration.setCommandCheckers(List.of(Checkers.around(List.copyOf(checkers), this)));
    }

    private List<CommandInterceptor> prepend(List<CommandInterceptor> existing) {
        List<CommandInterceptor> list = new ArrayList<>();
        list.add(new Interceptor());
        if (existing != null) {
            list.addAll(existing);
        }
        return list;
    }

    private final class Interceptor extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            if (Context.getCommandContext() != null) {
                return next.execute(command); // nested in a command that was checked on its way in
            }
            Authentication user = engine.getIdentityService().getCurrentAuthentication();
            try {
                if (user != null && user.getUserId() != null) {
                    if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
                        formCheckPending.set(command); // checked by InContext before the command runs
                    } else {
                        check(command, user);
                    }
                }
                return next.execute(command);
            } catch (ProcessEngineException e) {
                ProcessEngineException refusal = refusalFor(command, e);
                if (refusal.getMessage() != null && refusal.getMessage().codePoints()
                        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                    Refusals.remember(refusal.getMessage());
                }
                throw refusal;
            } finally {
                formCheckPending.remove();
            }
        }
    }

    /**
     * The form check of the completion {@link Interceptor} let in, run inside the command's context: the task loaded
     * here is the one the command then uses, and the check itself runs once the engine's authorization let the user
     * work on it ({@link Checkers}), before any variable is set. It used to query the task as the user, an engine task
     * query of its own: a seventh of a bulk approval's CPU on H2 (issue 13, JFR). Nested commands pass. A refusal rolls
     * the command back as a listener's does.
     */
    private final class InContext extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            if (formCheckPending.get() != command) {
                return next.execute(command);
            }
            formCheckPending.remove();
            String taskId = field(command, "taskId", String.class);
            Map<?, ?> variables = field(command, command instanceof CompleteTaskCmd ? "variables" : "properties", Map.class);
            if (taskId == null) {
                return next.execute(command);
            }
            // the task the command itself then loads (the context's cache): gone or done gets the one answer, as before
            TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(taskId);
            if (task == null) {
                throw hidden(taskId);
            }
            formAfterAuthorization.set(new PendingForm(task, variables));
            try {
                T result = next.execute(command);
                if (formAfterAuthorization.get() != null) {
                    // the command never asked the checkers about its task: fail closed rather than skip the form check
                    throw new ProcessEngineException("GradFlow input guard: " + command.getClass().getName()
                            + " completed a task without its authorization check");
                }
                return result;
            } finally {
                formAfterAuthorization.remove();
            }
        }
    }

    /**
     * The engine's command checkers as one: each is asked as the engine asks it. For the completion waiting in
     * {@link #formAfterAuthorization}, a refusal of its task by the engine's authorization answers as a task that is gone
     * (one answer whether the task is gone, done or another unit's, so it tells nothing), and once every checker let the
     * user work on it, its form is checked: before the command sets a variable, as a task listener's refusal would.
     */
    static final class Checkers implements java.lang.reflect.InvocationHandler {

        private final List<CommandChecker> delegates;
        private final EngineInputGuard guard;

        private Checkers(List<CommandChecker> delegates, EngineInputGuard guard) {
            this.delegates = delegates;
            this.guard = guard;
        }

        static CommandChecker around(List<CommandChecker> delegates, EngineInputGuard guard) {
            return (CommandChecker) java.lang.reflect.Proxy.newProxyInstance(CommandChecker.class.getClassLoader(),
                    new Class<?>[] {CommandChecker.class}, new Checkers(delegates, guard));
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(this, args);
            }
            PendingForm pending = guard.formAfterAuthorization.get();
            boolean ours = pending != null && "checkTaskWork".equals(method.getName()) && args != null && args.length == 1
                    && args[0] instanceof TaskEntity task && task.getId().equals(pending.task().getId());
            for (CommandChecker checker : delegates) {
                try {
                    method.invoke(checker, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (ours && e.getCause() instanceof AuthorizationException) {
                        throw guard.hidden(pending.task().getId());
                    }
                    throw e.getCause();
                }
            }
            if (ours) {
                guard.formAfterAuthorization.remove();
                guard.checkTaskForm(pending.task(), pending.variables());
            }
            return null; // every checker method is void
        }
    }

    private void check(Command<?> command, Authentication user) {
        if (command instanceof AddCommentCmd || command instanceof UpdateCommentCmd) {
            // no column stops a comment (the engine keeps it whole in a BLOB): this does, for everyone
            String problem = TextLimits.problem("评论", field(command, "message", String.class), TextLimits.COMMENT);
            refuseProblems(problem == null ? List.of() : List.of(problem));
            return;
        }
        if (CurrentUser.isAdmin(user.getGroupIds())) {
            return; // operators may repair variables and start processes in Cockpit
        }
        if (checkRouting(command, user.getUserId())) {
            return;
        }
        if (command instanceof ClaimTaskCmd) {
            String claimant = field(command, "userId", String.class);
            if (claimant != null && !claimant.equals(user.getUserId())) {
                // handing a task to someone else is setting its assignee: an operator's (README, Security)
                throw new AuthorizationException("只能由本人认领任务，不能认领给他人");
            }
            return;
        }
        if (command instanceof AbstractVariableCmd || command instanceof AbstractPatchVariablesCmd) {
            throw new AuthorizationException("流程变量只能通过任务表单提交，不能直接修改");
        }
        if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
            ProcessInstantiationBuilderImpl builder = field(command, "instantiationBuilder", ProcessInstantiationBuilderImpl.class);
            checkStartForm(builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(), builder.getVariables());
        } else if (command instanceof SubmitStartFormCmd) {
            checkStartForm(field(command, "processDefinitionId", String.class), null, field(command, "variables", Map.class));
        }
    }

    /**
     * A task's routing comes from GradFlow's records (the case's units, the batch calendar's deadlines), never from
     * a user: Camunda gives a task's assignee and candidate groups UPDATE, which would let them hand the task to
     * another unit (a candidate group added), to anyone (assign, delegate, owner) or move its deadline (which 即将截止
     * reads). Non-administrators may take their task themselves and give back a unit task (one with a candidate group)
     * they hold; a personal task (a self-study candidate's, no candidate group) keeps its assignee and its dates.
     * Staff may set a unit task's follow-up date, their own reminder. Returns whether the command was a task command
     * checked here.
     */
    private boolean checkRouting(Command<?> command, String userId) {
        if (command instanceof AssignTaskCmd) {
            String assignee = field(command, "userId", String.class);
            if (assignee == null) {
                Task task = visibleTask(field(command, "taskId", String.class));
                if (!userId.equals(task.getAssignee()) || !hasCandidateGroup(task.getId())) {
                    throw new AuthorizationException("退回这项任务只能由系统管理员办理：本人只能退回自己认领的单位任务，个人任务的办理人不变");
                }
            } else if (!assignee.equals(userId)) {
                throw new AuthorizationException("把任务指派给他人只能由系统管理员办理");
            }
            return true;
        }
        if (command instanceof SetTaskOwnerCmd) {
            throw new AuthorizationException("设置任务的所有人只能由系统管理员办理");
        }
        if (command instanceof AbstractAddIdentityLinkCmd || command instanceof DeleteIdentityLinkCmd) {
            throw new AuthorizationException("添加或移除任务的用户组、用户只能由系统管理员办理");
        }
        if (command instanceof DelegateTaskCmd) {
            throw new AuthorizationException("委托任务给他人只能由系统管理员办理");
        }
        if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
            // the diagram decides where a case goes; no task of GradFlow's is ended by a user's error or escalation
            throw new AuthorizationException("以错误或升级结束任务只能由系统管理员办理");
        }
        if (command instanceof SetTaskFollowUpDateCmd) {
            if (!hasCandidateGroup(visibleTask(field(command, "taskId", String.class)).getId())) {
                throw new AuthorizationException("设置个人任务的跟进日期只能由系统管理员办理");
            }
            return true;
        }
        if (command instanceof AbstractSetTaskPropertyCmd) { // due date, name, priority, description
            throw new AuthorizationException("更改任务的到期日期、名称、优先级和描述只能由系统管理员办理");
        }
        if (command instanceof SaveTaskCmd) {
            checkTaskUpdate(field(command, "task", TaskEntity.class));
            return true;
        }
        return false;
    }

    /** PUT /task/{id} sends the whole task: compared with the stored one, only a unit task's follow-up date may differ. */
    private void checkTaskUpdate(TaskEntity sent) {
        Task stored = sent == null || sent.getId() == null ? null
                : engine.getTaskService().createTaskQuery().taskId(sent.getId()).singleResult();
        if (stored == null) {
            return; // a new standalone task: the engine's CREATE grant decides (nobody but the administrator has it)
        }
        if (!hasCandidateGroup(stored.getId())) {
            throw new AuthorizationException("更改个人任务（日期、名称、办理人等）只能由系统管理员办理");
        }
        List<String> changed = new ArrayList<>();
        changedIf(changed, "名称", stored.getName(), sent.getName());
        changedIf(changed, "描述", stored.getDescription(), sent.getDescription());
        changedIf(changed, "优先级", stored.getPriority(), sent.getPriority());
        changedIf(changed, "办理人", stored.getAssignee(), sent.getAssignee());
        changedIf(changed, "所有人", stored.getOwner(), sent.getOwner());
        changedIf(changed, "委托状态", stored.getDelegationState(), sent.getDelegationState());
        changedIf(changed, "到期日期", time(stored.getDueDate()), time(sent.getDueDate()));
        changedIf(changed, "上级任务", stored.getParentTaskId(), sent.getParentTaskId());
        changedIf(changed, "案例实例", stored.getCaseInstanceId(), sent.getCaseInstanceId());
        changedIf(changed, "租户", stored.getTenantId(), sent.getTenantId());
        if (!changed.isEmpty()) {
            throw new AuthorizationException("更改任务的" + String.join("、", changed) + "只能由系统管理员办理，未作任何更改");
        }
    }

    private static void changedIf(List<String> changed, String label, Object stored, Object sent) {
        if (!Objects.equals(stored, sent)) {
            changed.add(label);
        }
    }

    /** A date as its instant: the stored one comes back as a {@code Timestamp}, the sent one as a {@code Date}. */
    private static Long time(java.util.Date date) {
        return date == null ? null : date.getTime();
    }

    /** As the user, like {@link #checkTaskForm}: one answer whether the task is gone, done or another unit's. */
    private Task visibleTask(String taskId) {
        Task task = taskId == null ? null : engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw new AuthorizationException("任务不存在、已经办理，或不属于本单位：" + taskId);
        }
        return task;
    }

    /** A unit task is offered to a unit's group; a personal task (a candidate's) has no candidate group. */
    private boolean hasCandidateGroup(String taskId) {
        return engine.getTaskService().getIdentityLinksForTask(taskId).stream()
                .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null);
    }

    private AuthorizationException hidden(String taskId) {
        return new AuthorizationException("任务不存在、已经办理，或不属于本单位：" + taskId);
    }

    /** Once the engine let the user work on the task ({@link Checkers}): what was sent against the task's form. */
    private void checkTaskForm(TaskEntity task, Map<?, ?> variables) {
        String taskId = task.getId();
        task.initializeFormKey();
        FormSchema schema = forms.find(task.getCamundaFormRef() == null ? null : task.getCamundaFormRef().getKey(),
                task.getFormKey()).orElse(FormSchema.NONE);
        refuseProblems(schema.problems(asStringKeys(variables), name -> engine.getTaskService().getVariable(taskId, name)));
    }

    private void checkStartForm(String definitionId, String definitionKey, Map<?, ?> variables) {
        ProcessDefinition definition = definitionId != null
                ? engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult()
                : engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(definitionKey)
                        .latestVersion().singleResult();
        if (definition == null) {
            return; // the engine answers 404
        }
        StartFormData start = engine.getFormService().getStartFormData(definition.getId());
        FormSchema schema = start == null ? null : forms.find(
                start.getCamundaFormRef() == null ? null : start.getCamundaFormRef().getKey(), start.getFormKey()).orElse(null);
        if (schema == null) {
            throw new AuthorizationException("流程「" + (definition.getName() == null ? definition.getKey() : definition.getName())
                    + "」由系统启动，不能手工启动");
        }
        refuseProblems(schema.problems(asStringKeys(variables), name -> null));
    }

    private static void refuseProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("提交的内容有误，未作任何更改：" + String.join("；", problems));
        }
    }

    /**
     * The submitted values as sent, typed where the door sent them typed: REST and Tasklist hand the
     * engine a {@link VariableMap}, whose plain {@code get} unwraps a file into its byte stream.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, ?> asStringKeys(Map<?, ?> variables) {
        if (variables instanceof VariableMap typed) {
            Map<String, Object> values = new LinkedHashMap<>();
            typed.keySet().forEach(name -> values.put(name, typed.getValueTyped(name)));
            return values;
        }
        return (Map<String, ?>) variables;
    }

    /**
     * The refusal a listener, a delegate or this guard threw, unwrapped from the engine's "Exception
     * while invoking TaskListener", as the type each REST door answers with 4xx: a form refusal as
     * {@link FormFieldValidationException} (400 from complete and submit-form), a refused start as
     * {@link AuthorizationException} (REST's {@code /start} maps nothing else to 4xx). Anything else
     * stays what it was: a technical failure.
     */
    static ProcessEngineException refusalFor(Command<?> command, ProcessEngineException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthorizationException refused) {
                return refused;
            }
            if (t instanceof BadUserRequestException || t instanceof FormFieldValidationException) {
                if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
                    return new AuthorizationException(t.getMessage());
                }
                if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd || command instanceof SubmitStartFormCmd) {
                    return t instanceof FormFieldValidationException form ? form
                            : new FormFieldValidationException("gradflow", t.getMessage(), t);
                }
                return (ProcessEngineException) t;
            }
        }
        return e;
    }
}

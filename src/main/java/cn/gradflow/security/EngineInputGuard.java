package cn.gradflow.security;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.form.StartFormData;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
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
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

import cn.gradflow.common.TextLimits;
import cn.gradflow.forms.FormCatalog;
import cn.gradflow.forms.FormSchema;
import cn.gradflow.web.Refusals;

/**
 * Every door into the engine — Tasklist, {@code /engine-rest}, the webapps' API and the Java API —
 * ends in an engine command, so this is the one place where what a user sends is checked as input
 * (CAMUNDA-NOTES 15): completing a task or submitting its form carries exactly the fields of that
 * task's form, typed and within limits; a user starts a process only through its start form; staff
 * never write variables directly and claim tasks only for themselves; a comment is within
 * {@link TextLimits#COMMENT}. Commands with nobody authenticated (timers, jobs, GradFlow's own
 * code through {@link AsSystem}) and commands nested in another command pass untouched. A completion's form is
 * checked inside its own command context (issue 13), the others before it.
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
     * The completion whose form is checked once its own command context is open ({@link InContext}): the check's task
     * query then shares that context with the completion (issue 13) — the user's authorized groups and the REVOKE
     * look-up are read once, the task and its definition loaded once — instead of a command of its own.
     */
    private final ThreadLocal<Command<?>> formCheckPending = new ThreadLocal<>();

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
     * The form check of the completion {@link Interceptor} let in, run inside the command's context before the command
     * itself; nested commands (the check's own query among them) pass. A refusal rolls the command back as a listener's does.
     */
    private final class InContext extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            if (formCheckPending.get() == command) {
                formCheckPending.remove();
                String taskId = field(command, "taskId", String.class);
                Map<?, ?> variables = field(command, command instanceof CompleteTaskCmd ? "variables" : "properties", Map.class);
                checkTaskForm(taskId, variables);
            }
            return next.execute(command);
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

    private void checkTaskForm(String taskId, Map<?, ?> variables) {
        if (taskId == null) {
            return;
        }
        // As the user: one answer whether the task is gone, done or another unit's, so it tells nothing.
        Task task = engine.getTaskService().createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        if (task == null) {
            throw new AuthorizationException("任务不存在、已经办理，或不属于本单位：" + taskId);
        }
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

    /** Reads a command's field; a missing field refuses the command rather than letting it pass unchecked. */
    static <T> T field(Object command, String name, Class<T> type) {
        for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return type.cast(f.get(command));
            } catch (NoSuchFieldException next) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                break;
            }
        }
        throw new ProcessEngineException("GradFlow input guard cannot read " + command.getClass().getName() + "." + name);
    }
}

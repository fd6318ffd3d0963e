package cn.gradflow.opentasks;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code open_task} in step with the engine: every user task of every process (deployed now or later, ours
 * or an administrator's) gets a listener for create, assignment, update, complete and delete, which has
 * {@link OpenTasks} write the task's row from the engine's tables just before the engine's transaction commits, so
 * the row and the task commit or roll back together. The listeners are the engine's "built-in" kind: they run before the BPMN's own and also when an
 * instance is cancelled with {@code skipCustomListeners} (Cockpit's default), where a BPMN listener would be
 * skipped and leave a stale row. A parse listener is engine internals (CAMUNDA-NOTES 7); {@code OpenTaskProjectionTest}
 * fails if an upgrade changes what it relies on. Tasks outside processes (standalone tasks) are not projected.
 */
@Component
class OpenTaskProjection extends AbstractProcessEnginePlugin {

    static final List<String> EVENTS = List.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
            TaskListener.EVENTNAME_UPDATE, TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE);

    private final OpenTasks openTasks;

    OpenTaskProjection(OpenTasks openTasks) {
        this.openTasks = openTasks;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        TaskListener listener = this::notify;
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    EVENTS.forEach(event -> userTask.getTaskDefinition().addBuiltInTaskListener(event, listener));
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    void notify(DelegateTask task) {
        // every event alike: the row is written from the engine's tables just before the commit (OpenTasks#touched)
        openTasks.touched(task);
    }
}

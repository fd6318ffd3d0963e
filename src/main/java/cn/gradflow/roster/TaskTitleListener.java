package cn.gradflow.roster;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import org.camunda.bpm.engine.task.IdentityLink;

/**
 * On create of every user task (bean {@code taskTitle}): the title Tasklist lists, from the element's
 * plain name and GradFlow's records ({@link CaseRouting#taskTitle}). Names with expressions would show
 * raw as {@code ${studentName}} in Tasklist's diagram.
 */
@Component("taskTitle")
public class TaskTitleListener implements TaskListener {

    /** A process of another feature that titles its own tasks (self-study candidates are not OUC students). */
    public interface Titles {
        boolean handles(String processDefinitionKey);

        String title(org.camunda.bpm.engine.delegate.DelegateExecution execution, String step);
    }

    private final CaseRouting routing;
    private final java.util.List<Titles> others;

    TaskTitleListener(CaseRouting routing, java.util.List<Titles> others) {
        this.routing = routing;
        this.others = others;
    }

    @Override
    public void notify(DelegateTask task) {
        String definitionId = task.getProcessDefinitionId();
        String key = definitionId.substring(0, definitionId.indexOf(':'));
        for (Titles other : others) {
            if (other.handles(key)) {
                task.setName(other.title(task.getExecution(), task.getBpmnModelElementInstance().getName()));
                return;
            }
        }
        // candidate groups are in place before create listeners run; a unit's own task names that unit
        String group = task.getCandidates().stream().map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElse(null);
        task.setName(routing.taskTitle(task.getExecution(), task.getBpmnModelElementInstance().getName(), group));
    }
}

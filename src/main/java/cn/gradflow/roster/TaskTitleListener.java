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

    private final CaseRouting routing;

    TaskTitleListener(CaseRouting routing) {
        this.routing = routing;
    }

    @Override
    public void notify(DelegateTask task) {
        // candidate groups are in place before create listeners run; a unit's own task names that unit
        String group = task.getCandidates().stream().map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElse(null);
        task.setName(routing.taskTitle(task.getExecution(), task.getBpmnModelElementInstance().getName(), group));
    }
}

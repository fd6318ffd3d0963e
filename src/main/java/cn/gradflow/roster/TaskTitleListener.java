package cn.gradflow.roster;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import cn.gradflow.common.ProcessVariable;

/**
 * On create of every user task (bean {@code taskTitle}): the title Tasklist lists, from the element's
 * plain name and GradFlow's records ({@link CaseRouting#taskTitle}). Names with expressions would show
 * raw as {@code ${studentName}} in Tasklist's diagram.
 */
@Component("taskTitle")
public class TaskTitleListener implements TaskListener {

    /** Input parameter of a task about another unit than the branch of the key (a city's confirmation, its statistics). */
    public static final ProcessVariable<String> TITLE_UNIT = ProcessVariable.of("titleUnit", String.class);

    private final CaseRouting routing;

    TaskTitleListener(CaseRouting routing) {
        this.routing = routing;
    }

    @Override
    public void notify(DelegateTask task) {
        task.setName(routing.taskTitle(task.getExecution(), task.getBpmnModelElementInstance().getName(), TITLE_UNIT.get(task)));
    }
}

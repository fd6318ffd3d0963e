package cn.gradflow.application;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.common.ProcessVariable;
import cn.gradflow.photo.PhotoRepository;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * On entering a user task or an end event: records the state and tier the case is now in, locks
 * or unlocks the graduation photo (R-PH-02), and clears the previous task's decision so no form opens pre-filled with another tier's verdict.
 */
@Component("trackStep")
class TrackStepListener implements ExecutionListener {

    private final ApplicationRepository applications;
    private final PhotoRepository photos;

    TrackStepListener(ApplicationRepository applications, PhotoRepository photos) {
        this.applications = applications;
        this.photos = photos;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Step step = Step.byId(execution.getCurrentActivityId())
                .filter(s -> s.state() != null)
                .orElseThrow(() -> new IllegalStateException("trackStep 不适用于元素 " + execution.getCurrentActivityId()));
        long id = APPLICATION_ID.require(execution);
        applications.moveTo(id, step.state(), step.tier());
        photos.lockGraduationPhoto(STUDENT_NO.require(execution), step.state().photoLocked());
        if (step == Step.END_DEFERRED) {
            applications.saveChoice(id, new ApplicationChoice(ApplicationChoice.Kind.DEFERRED, null, false, null), null, null);
        }
        // only what holds a value is cleared: writing null over null (or creating a variable as null) costs engine
        // rows and history details and changes nothing a form or gateway reads (issue 13); a transient answer (a bulk
        // review's decision) ends with this transaction anyway, and the engine refuses a stored value over it
        for (ProcessVariable<String> answer : List.of(DECISION, REASON, CORRECTION_ACTION, ACADEMIC_PHOTO_MATCH,
                ADMISSION_PHOTO_MATCH, PHOTO_NOTE)) {
            org.camunda.bpm.engine.variable.value.TypedValue value = execution.getVariableTyped(answer.name());
            if (value != null && value.getValue() != null && !value.isTransient()) {
                answer.set(execution, null);
            }
        }
    }
}

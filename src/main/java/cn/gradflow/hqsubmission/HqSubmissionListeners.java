package cn.gradflow.hqsubmission;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.gradflow.application.ApplicationForms;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.security.CurrentUser;

import static cn.gradflow.hqsubmission.HqSubmissionProcess.*;

/** The city's confirmation task: its own part of the list in, its answer recorded (append-only). */
@Configuration(proxyBeanMethods = false)
class HqSubmissionListeners {

    /**
     * On create: the city sees its own students of this issue; the form starts empty. The task is due
     * when the branch's review is (the calendar's {@code branchReviewDue}): the notices give the cities'
     * feedback no date of its own (广东 announces it in its QQ group), and the branch cannot pass its
     * review data to HQ before every city confirmed. Shown in Tasklist, end of that day in Beijing time.
     */
    @Bean
    TaskListener prepareCityConfirmation(HqSubmissionRepository lists, BatchRepository batches, SchoolClock clock) {
        return task -> {
            String city = CITY.require(task);
            batches.findCalendar(BATCH_CODE.require(task), BRANCH.require(task))
                    .map(calendar -> calendar.branchReviewDue())
                    .ifPresent(due -> task.setDueDate(clock.endOfDay(due)));
            task.setVariableLocal(CITY_LIST_SUMMARY.name(),
                    HqSubmissionDelegates.citySummary(lists, SUBMISSION_ID.require(task), city));
            // on the city's own instance execution, where completing the task writes the answer, so
            // parallel cities never see or overwrite each other's answer
            task.getExecution().setVariableLocal(CONFIRMATION.name(), null);
            task.getExecution().setVariableLocal(CORRECTIONS.name(), null);
        };
    }

    /** On complete: a return needs the corrections; the answer is kept per issue of the list. */
    @Bean
    TaskListener recordCityConfirmation(HqSubmissionRepository lists, CurrentUser currentUser) {
        return task -> {
            Confirmation answer = ApplicationForms.parse(Confirmation.class, CONFIRMATION.get(task), "确认结果");
            String corrections = CORRECTIONS.get(task);
            if (answer == Confirmation.RETURN && (corrections == null || corrections.isBlank())) {
                throw new BadUserRequestException("退回须写明需更正的学生及原因");
            }
            long id = SUBMISSION_ID.require(task);
            lists.answer(id, lists.issueNo(id), CITY.require(task), answer.name(),
                    corrections == null ? null : corrections.strip(), currentUser.id());
        };
    }
}

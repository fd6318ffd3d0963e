package cn.gradflow.batchflow;

import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.batch.CalendarSaved;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.security.AsSystem;

/**
 * Starts a branch's batch process once its calendar exists, and moves the timers already waiting
 * when the calendar changes, so Cockpit always shows the dates in force.
 */
@Service
public class BatchFlow {

    private final RuntimeService runtime;
    private final ManagementService management;
    private final BatchRepository batches;
    private final AsSystem asSystem;
    private final SchoolClock clock;

    BatchFlow(RuntimeService runtime, ManagementService management, BatchRepository batches, AsSystem asSystem, SchoolClock clock) {
        this.clock = clock;
        this.asSystem = asSystem;
        this.runtime = runtime;
        this.management = management;
        this.batches = batches;
    }

    /** The registry saved the calendar; the batch process follows it whoever saved it. */
    @EventListener
    @org.springframework.core.annotation.Order(0)
    void calendarSaved(CalendarSaved saved) {
        asSystem.run(() -> startOrReplan(saved.batchCode(), saved.branchCode()));
    }

    /** The batch process of the branch (started if none runs); the expiry clean-up beside it where dated. */
    public ProcessInstance startOrReplan(String batchCode, String branchCode) {
        BatchCalendar calendar = batches.findCalendar(batchCode, branchCode).orElseThrow();
        if (calendar.expiryCleanupDate() != null) {
            startOrReplan(BatchProcess.EXPIRY_KEY, calendar);
        }
        return startOrReplan(BatchProcess.KEY, calendar);
    }

    private ProcessInstance startOrReplan(String processKey, BatchCalendar calendar) {
        String businessKey = BatchProcess.businessKey(calendar.batchCode(), calendar.branchCode());
        ProcessInstance running = runtime.createProcessInstanceQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKey(businessKey).active().singleResult();
        if (running == null) {
            return runtime.createProcessInstanceByKey(processKey).businessKey(businessKey)
                    .setVariables(Map.of(BatchProcess.BATCH_CODE.name(), calendar.batchCode(),
                            BatchProcess.BRANCH.name(), calendar.branchCode()))
                    .execute();
        }
        // paged: inside an authenticated API call the engine refuses unbounded lists
        for (Job timer : management.createJobQuery().processInstanceId(running.getId()).timers().listPage(0, 100)) {
            String activity = management.createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId())
                    .singleResult().getActivityId();
            BatchProcess.Milestone.byActivity(activity)
                    .ifPresent(milestone -> management.setJobDuedate(timer.getId(), milestone.dateAt(calendar, clock)));
        }
        return running;
    }
}

package cn.gradflow.batchflow;

import java.time.ZoneId;
import java.util.Date;
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

/**
 * Starts a branch's batch process once its calendar exists, and moves the timers already waiting
 * when the calendar changes, so Cockpit always shows the dates in force.
 */
@Service
public class BatchFlow {

    private final RuntimeService runtime;
    private final ManagementService management;
    private final BatchRepository batches;

    BatchFlow(RuntimeService runtime, ManagementService management, BatchRepository batches) {
        this.runtime = runtime;
        this.management = management;
        this.batches = batches;
    }

    @EventListener
    void calendarSaved(CalendarSaved saved) {
        startOrReplan(saved.batchCode(), saved.branchCode());
    }

    public ProcessInstance startOrReplan(String batchCode, String branchCode) {
        ProcessInstance running = runtime.createProcessInstanceQuery().processDefinitionKey(BatchProcess.KEY)
                .processInstanceBusinessKey(BatchProcess.businessKey(batchCode, branchCode)).active().singleResult();
        if (running == null) {
            return runtime.createProcessInstanceByKey(BatchProcess.KEY)
                    .businessKey(BatchProcess.businessKey(batchCode, branchCode))
                    .setVariables(Map.of(BatchProcess.BATCH_CODE.name(), batchCode, BatchProcess.BRANCH.name(), branchCode))
                    .execute();
        }
        BatchCalendar calendar = batches.findCalendar(batchCode, branchCode).orElseThrow();
        // paged: inside an authenticated API call the engine refuses unbounded lists
        for (Job timer : management.createJobQuery().processInstanceId(running.getId()).timers().listPage(0, 100)) {
            String activity = management.createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId())
                    .singleResult().getActivityId();
            BatchProcess.Milestone.byActivity(activity).ifPresent(milestone -> management.setJobDuedate(timer.getId(),
                    Date.from(milestone.at(calendar).atZone(ZoneId.systemDefault()).toInstant())));
        }
        return running;
    }
}

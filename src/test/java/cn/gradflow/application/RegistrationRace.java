package cn.gradflow.application;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brings {@code count} cases to HQ final review, approves them all, then issues their registration
 * numbers at once from several threads, as several job-executor threads or nodes would.
 */
@Component
public class RegistrationRace {

    private final TestRoster roster;
    private final ApplicationDriver driver;
    private final ManagementService management;
    private final ApplicationRepository applications;

    RegistrationRace(TestRoster roster, ApplicationDriver driver, ManagementService management,
                     ApplicationRepository applications) {
        this.roster = roster;
        this.driver = driver;
        this.management = management;
        this.applications = applications;
    }

    /** The registration numbers the cases got. */
    public List<String> run(int count, int threads) throws Exception {
        List<String> studentNos = new ArrayList<>();
        List<Job> issueJobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
            ProcessInstance pi = driver.start(no);
            driver.apply(pi, "th1", "GRADUATION");
            driver.approve(pi, "gz1");
            driver.approve(pi, "gd1");
            driver.submitToHq(pi);
            driver.runJobs(pi);
            // Approve without running the job: it waits for the race below.
            driver.approveLeavingJobs(pi, "hq1");
            issueJobs.add(management.createJobQuery().processInstanceId(pi.getId()).singleResult());
            studentNos.add(no);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> calls = issueJobs.stream().<Callable<Void>>map(job -> () -> {
                management.executeJob(job.getId());
                return null;
            }).toList();
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        return studentNos.stream()
                .map(no -> applications.find(TestRoster.BATCH, no).orElseThrow().registrationNo())
                .toList();
    }
}

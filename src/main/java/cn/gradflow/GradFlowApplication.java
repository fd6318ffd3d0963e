package cn.gradflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

// scheduling: cases.DashboardSummary folds its deltas every half minute (flow and timers stay in BPMN)
@SpringBootApplication
@EnableScheduling
public class GradFlowApplication {
    public static void main(String[] args) {
        SpringApplication.run(GradFlowApplication.class, args);
    }
}

package cn.gradflow.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.registration.RegistrationService;
import cn.gradflow.roster.Major;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;

import static cn.gradflow.application.ApplicationProcess.*;

/** Issues the electronic registration number with the batch's certificate date (R-BA-05, R-EL-07). */
@Component("issueRegistrationNumber")
class IssueRegistrationNumberDelegate implements JavaDelegate {

    private final RosterRepository roster;
    private final BatchRepository batches;
    private final RegistrationService registrations;

    IssueRegistrationNumberDelegate(RosterRepository roster, BatchRepository batches, RegistrationService registrations) {
        this.roster = roster;
        this.batches = batches;
        this.registrations = registrations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String studentNo = STUDENT_NO.require(execution);
        Student student = roster.findStudent(studentNo).orElseThrow(() -> new IllegalStateException("学号不存在：" + studentNo));
        Major major = roster.findMajor(student.majorCode())
                .orElseThrow(() -> new IllegalStateException("专业不存在：" + student.majorCode()));
        String batchCode = BATCH_CODE.require(execution);
        Batch batch = batches.findBatch(batchCode).orElseThrow(() -> new IllegalStateException("批次不存在：" + batchCode));

        String number = registrations.issue(APPLICATION_ID.require(execution), major.level(), batch.certificateIssueDate());
        roster.markGraduated(studentNo);
        REGISTRATION_NO.set(execution, number);
        CERTIFICATE_ISSUE_DATE.set(execution, batch.certificateIssueDate().toString());
    }
}

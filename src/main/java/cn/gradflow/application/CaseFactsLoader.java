package cn.gradflow.application;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.batch.Round;
import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.checks.CaseFacts;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.roster.Major;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;

import static cn.gradflow.application.ApplicationProcess.*;

/** Loads what the checks need for one student and batch. Missing master data is a technical failure. */
@Component
class CaseFactsLoader {

    private final RosterRepository roster;
    private final BatchRepository batches;
    private final ApplicationRepository applications;
    private final PhotoRepository photos;

    CaseFactsLoader(RosterRepository roster, BatchRepository batches, ApplicationRepository applications, PhotoRepository photos) {
        this.photos = photos;
        this.roster = roster;
        this.batches = batches;
        this.applications = applications;
    }

    /**
     * The facts of the case a check runs for, today, with what the centre applied for (null before it
     * applied) in the round the application was submitted in (R-EL-08). Used by the initial audit and
     * by the check before HQ, so both read the same facts the same way.
     */
    CaseFacts load(VariableScope scope) {
        return load(scope, application(scope));
    }

    /** The application row of the case (the initial audit reads its state too). */
    ApplicationRecord application(VariableScope scope) {
        long id = APPLICATION_ID.require(scope);
        ApplicationRepository.WithStudent read = applications.findWithStudent(id)
                .orElseThrow(() -> new IllegalStateException("申请不存在：" + id));
        // read with the row (issue 13: one query, not two); the facts below find it kept for the transaction
        if (read.student() != null) {
            roster.remember(read.student());
        }
        return read.application();
    }

    CaseFacts load(VariableScope scope, ApplicationRecord application) {
        return load(BATCH_CODE.require(scope), STUDENT_NO.require(scope), ApplicationForms.choice(scope, application.round()),
                application.round());
    }

    CaseFacts load(String batchCode, String studentNo, ApplicationChoice choice, Round round) {
        Student student = roster.findStudent(studentNo)
                .orElseThrow(() -> new IllegalStateException("学号不存在：" + studentNo));
        // the major with its course rules: one query (issue 13)
        RosterRepository.MajorWithRules major = roster.findMajorWithRules(student.majorCode())
                .orElseThrow(() -> new IllegalStateException("专业不存在：" + student.majorCode()));
        String branch = roster.chainOf(student.unitCode()).branch().code();
        // one query for both (issue 13)
        BatchRepository.BatchAndCalendar read = batches.findBatchAndCalendar(batchCode, branch)
                .orElseThrow(() -> new IllegalStateException("批次不存在：" + batchCode));
        Batch batch = read.batch();
        BatchCalendar calendar = read.calendar()
                .orElseThrow(() -> new IllegalStateException("分部 " + branch + " 未设置批次 " + batchCode + " 的日历"));
        // the photo's upload day also says whether there is one: one query, not two
        java.time.LocalDate photoUploaded = photos.graduationPhotoUploadedOn(studentNo).orElse(null);
        return new CaseFacts(student, major.major(), major.rules(), roster.grades(studentNo),
                roster.exemptions(studentNo), photoUploaded != null,
                roster.chsiStatus(studentNo).orElse(null), batch, calendar, choice, round, photoUploaded);
    }
}

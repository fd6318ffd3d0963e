package cn.gradflow.selfstudy;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.security.AsSystem;
import cn.gradflow.web.ApiException;

/**
 * Starts a candidate's case for a session: the case row and the instance commit together, one per
 * candidate and session (the table's unique key), started by GradFlow after {@link SelfStudyScope} let the
 * caller see the candidate.
 */
@Component
public class SelfStudyStarter {

    private final SelfStudyRepository repository;
    private final SelfStudyScope scope;
    private final RuntimeService runtime;
    private final AsSystem asSystem;
    private final TransactionTemplate tx;

    SelfStudyStarter(SelfStudyRepository repository, SelfStudyScope scope, RuntimeService runtime, AsSystem asSystem,
                     TransactionTemplate tx) {
        this.repository = repository;
        this.scope = scope;
        this.runtime = runtime;
        this.asSystem = asSystem;
        this.tx = tx;
    }

    /** As the caller: refused unless they may see the candidate. */
    public SelfStudyRepository.CaseRow start(String session, String candidateNo) {
        scope.requireCandidate(candidateNo);
        return startAsSystem(session, candidateNo);
    }

    /** GradFlow's own start (demo, tests): no caller to check. */
    public SelfStudyRepository.CaseRow startAsSystem(String session, String candidateNo) {
        repository.session(session).orElseThrow(() -> ApiException.notFound("毕业批次不存在：" + session));
        if (repository.findCase(session, candidateNo).isPresent()) {
            throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "CONFLICT",
                    "该考生本批次的毕业登记已经开始：" + candidateNo);
        }
        return tx.execute(status -> {
            long caseId = repository.insertCase(session, candidateNo);
            ProcessInstance pi = asSystem.call(() -> runtime.startProcessInstanceByKey(SelfStudyProcess.KEY,
                    SelfStudyProcess.businessKey(session, candidateNo),
                    Map.of(SelfStudyProcess.CASE_ID.name(), caseId, SelfStudyProcess.CANDIDATE_NO.name(), candidateNo,
                            SelfStudyProcess.SESSION.name(), session)));
            repository.setProcessInstance(caseId, pi.getId());
            return repository.requireCase(caseId);
        });
    }
}

package cn.gradflow.selfstudy;

import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import cn.gradflow.common.SchoolClock;
import cn.gradflow.roster.TaskTitleListener;

/**
 * Who works on a self-study case and when, read from GradFlow's tables at the moment it is needed: the
 * candidate's login, their city exam office and the session's provincial office, and every timer of the
 * session's calendar. The case is named by its business key {@code <session>-<candidateNo>}, which only
 * {@link SelfStudyStarter} sets; no process variable (which a form could have sent) routes anything.
 * As bean {@code selfStudyRouting} it gives the BPMN's assignees, candidate groups and timer dates.
 */
@Component("selfStudyRouting")
public class SelfStudyRouting implements TaskTitleListener.Titles {

    private final SelfStudyRepository repository;
    private final SchoolClock clock;

    SelfStudyRouting(SelfStudyRepository repository, SchoolClock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public String candidateUser(DelegateExecution execution) {
        return candidate(execution).userId();
    }

    public String cityOffice(DelegateExecution execution) {
        return candidate(execution).cityOffice();
    }

    public String provinceOffice(DelegateExecution execution) {
        return session(execution).provinceOffice();
    }

    /** The offices that may read the case: the candidate's city and the province above it. */
    public List<String> offices(DelegateExecution execution) {
        return List.of(cityOffice(execution), provinceOffice(execution));
    }

    public Date prerequisitesDue(DelegateExecution execution) {
        return at(execution, SelfStudySession::prerequisitesDue);
    }

    public Date priorDegreeDue(DelegateExecution execution) {
        return at(execution, SelfStudySession::priorDegreeDue);
    }

    public Date applyOpens(DelegateExecution execution) {
        return at(execution, SelfStudySession::applyOpens);
    }

    public Date applyCloses(DelegateExecution execution) {
        return at(execution, SelfStudySession::applyCloses);
    }

    public Date onsiteOpens(DelegateExecution execution) {
        return at(execution, SelfStudySession::onsiteOpens);
    }

    public Date onsiteCloses(DelegateExecution execution) {
        return at(execution, SelfStudySession::onsiteCloses);
    }

    public Date freshCertificateDue(DelegateExecution execution) {
        return at(execution, SelfStudySession::freshCertificateDue);
    }

    public Date certificatesFrom(DelegateExecution execution) {
        return at(execution, SelfStudySession::certificatesFrom);
    }

    @Override
    public boolean handles(String processDefinitionKey) {
        return SelfStudyProcess.KEY.equals(processDefinitionKey);
    }

    /** 步骤：姓名（准考证号）, which Tasklist's search by name or number matches. */
    @Override
    public String title(DelegateExecution execution, String step) {
        SelfStudyCandidate c = candidate(execution);
        return step + "：" + c.name() + "（" + c.candidateNo() + "）";
    }

    private Date at(DelegateExecution execution, Function<SelfStudySession, LocalDateTime> moment) {
        return clock.date(moment.apply(session(execution)));
    }

    SelfStudyCandidate candidate(DelegateExecution execution) {
        String no = keyPart(execution, false);
        return repository.candidate(no).orElseThrow(() -> new IllegalStateException("业务键中的准考证号不存在：" + no));
    }

    SelfStudySession session(DelegateExecution execution) {
        String code = keyPart(execution, true);
        return repository.session(code).orElseThrow(() -> new IllegalStateException("业务键中的毕业批次不存在：" + code));
    }

    /** The key is {@code <session>-<candidateNo>}; a candidate number has no dash. */
    private static String keyPart(DelegateExecution execution, boolean session) {
        String key = execution.getProcessBusinessKey();
        int dash = key == null ? -1 : key.lastIndexOf('-');
        if (dash <= 0 || dash == key.length() - 1) {
            throw new IllegalStateException("流程实例缺少业务键 <批次>-<准考证号>：" + key);
        }
        return session ? key.substring(0, dash) : key.substring(dash + 1);
    }
}

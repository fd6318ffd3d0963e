package cn.gradflow.selfstudy;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.gradflow.engine.TasklistFilters;
import cn.gradflow.security.UnitAuthorizations;

/**
 * The engine's authorizations for self-study cases, through {@link UnitAuthorizations}: every exam office
 * is a group (id = office code), every candidate login a member of {@value #CANDIDATES}; a case's
 * instance is readable by its city office, the province and the candidate alone. Tasks need nothing here:
 * the engine grants an office's candidate-group tasks to the office and a candidate's tasks to their
 * assignee. As bean {@code grantSelfStudy}, the start listener of the process.
 */
@Component("grantSelfStudy")
public class SelfStudyAccess implements ExecutionListener {

    public static final String CANDIDATES = "sscandidates";

    private final UnitAuthorizations authorizations;
    private final SelfStudyRepository repository;
    private final SelfStudyRouting routing;
    private final TasklistFilters filters;

    SelfStudyAccess(UnitAuthorizations authorizations, SelfStudyRepository repository, SelfStudyRouting routing,
                    TasklistFilters filters) {
        this.authorizations = authorizations;
        this.filters = filters;
        this.repository = repository;
        this.routing = routing;
    }

    /**
     * At every start of every installation, not only the demo (issue 14): a real installation loads its offices into
     * {@code ss_office} and its candidates as Camunda users in {@value #CANDIDATES} (README, "Loading a real
     * installation"); the grants are the group's, so each candidate has them as soon as they join it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        ensureGroups();
    }

    /** Each office's group and the candidates' group with their standing grants; safe to repeat. */
    public void ensureGroups() {
        for (SelfStudyRepository.Office office : repository.offices()) {
            authorizations.ensureGroup(office.code(), office.name(), "SS_" + office.tier(), SelfStudyProcess.KEY, true);
        }
        // issue 14: a candidate's tasks are assigned to them: 待我处理 is their filter, not the unit filters
        authorizations.ensureGroup(CANDIDATES, "自考考生", "SS_CANDIDATE", SelfStudyProcess.KEY, false,
                filters.idOf(TasklistFilters.TO_DO));
    }

    @Override
    public void notify(DelegateExecution execution) {
        authorizations.grantInstanceToGroups(execution.getProcessInstanceId(), routing.offices(execution));
        authorizations.grantInstanceToUser(execution.getProcessInstanceId(), routing.candidateUser(execution));
    }
}

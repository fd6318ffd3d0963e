package cn.gradflow.application;

import java.time.LocalDate;
import java.util.Date;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import cn.gradflow.common.ProcessVariable;
import cn.gradflow.common.SchoolClock;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * A case's due dates as its tasks take them ({@code camunda:dueDate="${caseDue.lc(execution)}"} in
 * graduation-application and identity-review): read from the application's row (V77), which {@link ApplicationStarter}
 * fills and a (re)submission moves ({@code RecordDecisionListener}), never from a variable a client could have sent.
 * Issue 13: four fewer variables a start. A due date is the end of its day in the schools' zone.
 * <p>
 * A case started before V77 has no dates in its row; its start wrote them as variables ({@code lcDue}, {@code cityDue},
 * {@code branchDue}, {@code hqDue}), which are taken where the row has none. The row is read once per engine command:
 * the task is usually created in the command that has just read or locked the row ({@link ApplicationRepository#dueDays}).
 */
@Component("caseDue")
public class CaseDue {

    /** The four due dates of a case; null each on the row of a case started before V77. */
    record Days(LocalDate lc, LocalDate city, LocalDate branch, LocalDate hq) {
    }

    private final ApplicationRepository applications;
    private final SchoolClock clock;

    CaseDue(ApplicationRepository applications, SchoolClock clock) {
        this.applications = applications;
        this.clock = clock;
    }

    /** The learning centre's: submitting, correcting, the identity package, handing out the certificate. */
    public Date lc(DelegateExecution execution) {
        return due(execution, Days::lc, LC_DUE);
    }

    public Date city(DelegateExecution execution) {
        return due(execution, Days::city, CITY_DUE);
    }

    public Date branch(DelegateExecution execution) {
        return due(execution, Days::branch, BRANCH_DUE);
    }

    public Date hq(DelegateExecution execution) {
        return due(execution, Days::hq, HQ_DUE);
    }

    private Date due(DelegateExecution execution, Function<Days, LocalDate> column, ProcessVariable<Date> before) {
        LocalDate day = column.apply(applications.dueDays(APPLICATION_ID.require(execution)));
        return day != null ? clock.endOfDay(day) : before.get(execution);
    }
}

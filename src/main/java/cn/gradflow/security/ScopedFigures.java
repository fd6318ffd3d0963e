package cn.gradflow.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.IncidentQuery;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.camunda.bpm.engine.task.TaskCountByCandidateGroupResult;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.RosterRepository;

/**
 * The figures Cockpit shows a manager, counted over what that manager may read.
 * <p>
 * Camunda's process definition statistics (the engine's {@code ProcessDefinitionStatisticsQuery} behind
 * the dashboard, the Cockpit plugin's {@code selectPDStatistics} behind the processes page) check READ on
 * the definition only and then count every instance and incident of it, so a branch that may read the
 * definition saw every branch's cases. The counts here are the engine's own queries run as the user, so
 * the per-instance grants of {@link UnitAuthorizations} decide what is counted, exactly as they decide
 * what the user can list.
 * <p>
 * The candidate-group report ("assignments by group") needs READ on every task, which no unit holds:
 * granting it would open every task to Tasklist and {@code /engine-rest}. It is therefore taken from the
 * engine without the user's rights and cut down to the groups that are the user's units or units below
 * them, the same tree a branch already reads through the instances and their history.
 */
@Component
public class ScopedFigures {

    private static final int PAGE = 1000;

    private final RuntimeService runtime;
    private final ManagementService management;
    private final TaskService tasks;
    private final AuthorizationService authorizations;
    private final RosterRepository roster;
    private final AsSystem asSystem;
    private final UnitScope scope;

    ScopedFigures(RuntimeService runtime, ManagementService management, TaskService tasks,
                  AuthorizationService authorizations, RosterRepository roster, AsSystem asSystem, UnitScope scope) {
        this.scope = scope;
        this.runtime = runtime;
        this.management = management;
        this.tasks = tasks;
        this.authorizations = authorizations;
        this.roster = roster;
        this.asSystem = asSystem;
    }

    /** Camunda's own figure for the definition is already the user's: admins, and whoever may read every instance of it. */
    public boolean readsEveryInstance(Authentication user, String definitionKey) {
        return CurrentUser.isAdmin(user.getGroupIds()) || authorizations.isUserAuthorized(user.getUserId(), user.getGroupIds(),
                Permissions.READ_INSTANCE, Resources.PROCESS_DEFINITION, definitionKey);
    }

    /** Running instances of one definition version that the authenticated user may read. */
    public long instances(String definitionId) {
        return runtime.createProcessInstanceQuery().processDefinitionId(definitionId).count();
    }

    /** Running instances of every version of the key (and tenant) that the authenticated user may read. */
    public long instancesOfKey(String definitionKey, String tenantId) {
        ProcessInstanceQuery query = runtime.createProcessInstanceQuery().processDefinitionKey(definitionKey);
        if (tenantId == null) {
            query.withoutTenantId();
        } else {
            query.tenantIdIn(tenantId);
        }
        return query.count();
    }

    /** Jobs without retries left (failed jobs) of one definition version, in instances the user may read. */
    public long failedJobs(String definitionId) {
        return management.createJobQuery().processDefinitionId(definitionId).noRetriesLeft().count();
    }

    /**
     * Open incidents of every version of the key (and tenant, when it has one: the incident query cannot
     * ask for "no tenant", and GradFlow uses none) in instances the user may read.
     */
    public long incidentsOfKey(String definitionKey, String tenantId) {
        IncidentQuery query = runtime.createIncidentQuery().processDefinitionKeyIn(definitionKey);
        if (tenantId != null) {
            query.tenantIdIn(tenantId);
        }
        return query.count();
    }

    /**
     * Open incidents of one definition version in instances the user may read, by incident type; only
     * root causes (an incident raised where the failure happened, not its copy in a calling process)
     * when asked, only one type when given.
     */
    public Map<String, Long> incidentsByType(String definitionId, boolean rootCausesOnly, String incidentType) {
        Map<String, Long> byType = new TreeMap<>();
        IncidentQuery query = runtime.createIncidentQuery().processDefinitionId(definitionId);
        if (incidentType != null) {
            query.incidentType(incidentType);
        }
        query.orderByIncidentId().asc();
        List<Incident> page;
        int first = 0;
        do {
            page = query.listPage(first, PAGE);
            for (Incident incident : page) {
                if (!rootCausesOnly || incident.getId().equals(incident.getRootCauseIncidentId())) {
                    byType.merge(incident.getIncidentType(), 1L, Long::sum);
                }
            }
            first += PAGE;
        } while (page.size() == PAGE);
        return byType;
    }

    /** Whether the engine's own candidate-group report is the user's: admins and whoever may read every task. */
    public boolean readsEveryTask(Authentication user) {
        return CurrentUser.isAdmin(user.getGroupIds()) || authorizations.isUserAuthorized(user.getUserId(), user.getGroupIds(),
                Permissions.READ, Resources.TASK, "*");
    }

    /** Cockpit users (branches, HQ): those the scoped candidate-group report is for. */
    public boolean usesCockpit(Authentication user) {
        return authorizations.isUserAuthorized(user.getUserId(), user.getGroupIds(),
                Permissions.ACCESS, Resources.APPLICATION, "cockpit");
    }

    /**
     * Unassigned open tasks per candidate group, for the groups that are the user's units or lie below
     * them; tasks without a candidate group only for users of a root unit (HQ), to whom every case belongs.
     */
    public List<TaskCountByCandidateGroupResult> candidateGroupCounts(Authentication user) {
        List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
        Set<String> covered = scope.coveredUnits();
        boolean root = groups.stream().anyMatch(g -> roster.findUnit(g).filter(u -> u.parentCode() == null).isPresent());
        List<TaskCountByCandidateGroupResult> everyGroup = asSystem.call(() -> tasks.createTaskReport().taskCountByCandidateGroup());
        return everyGroup.stream()
                .filter(row -> row.getGroupName() == null ? root : covered.contains(row.getGroupName()))
                .toList();
    }
}

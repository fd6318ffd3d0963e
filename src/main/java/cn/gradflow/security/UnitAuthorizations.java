package cn.gradflow.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.CaseRouting;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;

/**
 * R-ORG-02 in the engine: every unit is a Camunda group (id = unit code) with what its tier needs,
 * and every process instance is readable by the units of its case and those above them (HQ, above all, by a
 * standing grant on every instance). Tasks need
 * nothing here: the engine grants a task's candidate group on the task itself.
 * As bean {@code grantUnits}, it is the start listener of every process.
 */
@Component("grantUnits")
public class UnitAuthorizations implements ExecutionListener {

    private static final List<String> SYSTEM_STARTED =
            List.of("graduation-application", "identity-review", "graduation-batch", "status-expiry", "admission-review",
                    "chsi-self-check-reminders", "self-study-graduation");

    /** The OUC's processes, every instance of which HQ reads. */
    static final List<String> HQ_READS = List.of("graduation-application", "identity-review", "graduation-batch", "status-expiry",
            "hq-submission", "admission-review", "chsi-self-check-reminders");

    /** The name Camunda gives the group of {@code camunda.bpm.admin-user}. */
    static final String CAMUNDA_ADMIN_GROUP_NAME = "camunda BPM Administrators";

    private final AuthorizationService authorizations;
    private final IdentityService identity;
    private final RosterRepository roster;
    private final AsSystem asSystem;
    private final CaseRouting routing;

    UnitAuthorizations(AuthorizationService authorizations, IdentityService identity, RosterRepository roster, AsSystem asSystem,
                       CaseRouting routing) {
        this.routing = routing;
        this.authorizations = authorizations;
        this.identity = identity;
        this.roster = roster;
        this.asSystem = asSystem;
    }

    /** Each unit's group and its standing authorizations; safe to repeat (start-up, new units). */
    public void ensureAllUnits() {
        asSystem.run(() -> {
            nameAdminGroup();
            List<Unit> units = roster.allUnits();
            units.forEach(this::ensureUnit);
            revokeSystemStarts(units.stream().map(Unit::code).collect(Collectors.toSet()));
        });
    }

    /**
     * Issue 14: Camunda names the administrators' group it creates "camunda BPM Administrators"; Admin shows it among the
     * units' Chinese names. Renamed once; a name an administrator gave it is kept.
     */
    private void nameAdminGroup() {
        Group admins = identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).singleResult();
        if (admins != null && CAMUNDA_ADMIN_GROUP_NAME.equals(admins.getName())) {
            admins.setName("系统管理员");
            identity.saveGroup(admins);
        }
    }

    /**
     * Applications, identity reviews, batch and expiry processes are started by GradFlow only
     * (ApplicationStarter after the unit scope check, timers, calendars): no unit may create them, and a
     * grant left by an older version is taken back. One query per process, not per unit.
     */
    private void revokeSystemStarts(Set<String> unitCodes) {
        for (String systemStarted : SYSTEM_STARTED) {
            for (Authorization grant : authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                    .resourceType(Resources.PROCESS_DEFINITION).resourceId(systemStarted)
                    .hasPermission(Permissions.CREATE_INSTANCE).list()) {
                if (unitCodes.contains(grant.getGroupId())) {
                    grant.removePermission(Permissions.CREATE_INSTANCE);
                    authorizations.saveAuthorization(grant);
                }
            }
        }
    }

    private void ensureUnit(Unit unit) {
        if (identity.createGroupQuery().groupId(unit.code()).count() == 0) {
            Group group = identity.newGroup(unit.code());
            group.setName(unit.name());
            group.setType(unit.tier().name());
            identity.saveGroup(group);
        }
        String g = unit.code();
        grant(g, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(g, Resources.FILTER, "*", Permissions.READ);
        grant(g, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
        if (unit.tier() == Tier.HQ) {
            // HQ is above every unit, so it reads every instance of the OUC's processes: one standing grant per
            // definition instead of two rows per instance (issue 13), which grantInstance then leaves out. Not the
            // self-study exam's: those belong to the exam offices, another system (issue 15)
            for (String key : HQ_READS) {
                grant(g, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ_INSTANCE);
                grant(g, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ_HISTORY);
            }
        }
        if (unit.tier() == Tier.BRANCH || unit.tier() == Tier.HQ) {
            grant(g, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            // the HQ list, for the starter's own branch only (HqSubmissionStart)
            grant(g, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
            grant(g, Resources.PROCESS_DEFINITION, "hq-submission", Permissions.CREATE_INSTANCE);
            grant(g, Resources.DECISION_DEFINITION, "*", Permissions.READ);
        } else {
            revoke(g, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
        }
    }

    /**
     * A group outside the OUC roster (a self-study exam office, the candidates): Tasklist, the filters, and
     * the one process definition its members work in; Cockpit for exam offices (R-ORG-02 as for units).
     */
    public void ensureGroup(String groupId, String name, String type, String processKey, boolean cockpit) {
        ensureGroup(groupId, name, type, processKey, cockpit, "*");
    }

    /**
     * As above, with READ on one Tasklist filter only ({@code filterId}; {@code "*"}: every filter). Issue 14: a
     * self-study candidate's tasks are assigned to them, so the unit filters (本单位待办 first) showed them nothing;
     * with only 待我处理 it is their first and only filter. A {@code "*"} grant of an older version is taken back.
     */
    public void ensureGroup(String groupId, String name, String type, String processKey, boolean cockpit, String filterId) {
        asSystem.run(() -> {
            if (identity.createGroupQuery().groupId(groupId).count() == 0) {
                Group group = identity.newGroup(groupId);
                group.setName(name);
                group.setType(type);
                identity.saveGroup(group);
            }
            grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(groupId, Resources.FILTER, filterId, Permissions.READ);
            if (!"*".equals(filterId)) {
                revoke(groupId, Resources.FILTER, "*", Permissions.READ);
            }
            grant(groupId, Resources.PROCESS_DEFINITION, processKey, Permissions.READ);
            if (cockpit) {
                grant(groupId, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            }
        });
    }

    /**
     * One user (a self-study candidate) may read this instance and its history, and nobody else of their
     * group: a candidate sees their own case only. Their tasks are theirs as assignee (the engine's grant).
     */
    public void grantInstanceToUser(String processInstanceId, String userId) {
        asSystem.run(() -> {
            Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            read.setUserId(userId);
            read.setResource(Resources.PROCESS_INSTANCE);
            read.setResourceId(processInstanceId);
            read.addPermission(Permissions.READ);
            authorizations.saveAuthorization(read);
            Authorization history = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            history.setUserId(userId);
            history.setResource(Resources.HISTORIC_PROCESS_INSTANCE);
            history.setResourceId(processInstanceId);
            history.addPermission(HistoricProcessInstancePermissions.READ);
            authorizations.saveAuthorization(history);
        });
    }

    /** The given groups (units or offices) may read this instance and its history. */
    public void grantInstanceToGroups(String processInstanceId, Collection<String> groups) {
        asSystem.run(() -> grantInstance(processInstanceId, groups));
    }

    /**
     * Start listener: the case's units and every unit above them may read this instance and its history; HQ by its
     * standing grant on every instance.
     */
    @Override
    public void notify(DelegateExecution execution) {
        List<String> units = routing.readers(execution).stream()
                .filter(code -> roster.findUnit(code).map(u -> u.tier() != Tier.HQ).orElse(true)).toList();
        asSystem.run(() -> grantInstance(execution.getProcessInstanceId(), units));
    }

    /**
     * A staff group that is not a unit (a school's enrolment or academic affairs office, V62): it works in
     * Tasklist on the tasks of its candidate group and reads the process definitions, nothing more.
     */
    public void ensureStaffGroup(String groupId, String name) {
        asSystem.run(() -> {
            if (identity.createGroupQuery().groupId(groupId).count() == 0) {
                Group group = identity.newGroup(groupId);
                group.setName(name);
                group.setType("OFFICE");
                identity.saveGroup(group);
            }
            grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(groupId, Resources.FILTER, "*", Permissions.READ);
            grant(groupId, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
        });
    }

    /** The instance has just started, so there is nothing to look up: new authorizations only. */
    public void grantInstance(String processInstanceId, Collection<String> units) {
        CommandContext command = Context.getCommandContext();
        HistoricProcessInstanceEventEntity started = command == null ? null
                : command.getDbEntityManager().getCachedEntity(HistoricProcessInstanceEventEntity.class, processInstanceId);
        for (String unit : units) {
            create(unit, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
            if (started == null) {
                create(unit, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId, HistoricProcessInstancePermissions.READ);
            } else {
                insertHistoricGrant(command, started, unit);
            }
        }
    }

    /**
     * Inside the engine's command that starts the instance (a start listener, the instance's history event still in
     * the command's cache), the history grant is inserted as saveAuthorization would, without its look-up: that reads
     * the instance's history row for its root and removal time, a row this command has not flushed yet, so it read
     * nothing — one SELECT ACT_HI_PROCINST per start (issue 13). Root and removal time come from the event instead, so
     * history cleanup removes the grant with its instance. Grants are made as the system ({@link AsSystem}), so no
     * authorization check and no operation log entry are skipped.
     */
    private void insertHistoricGrant(CommandContext command, HistoricProcessInstanceEventEntity started, String groupId) {
        AuthorizationEntity grant = (AuthorizationEntity) authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(groupId);
        grant.setResource(Resources.HISTORIC_PROCESS_INSTANCE);
        grant.setResourceId(started.getId());
        grant.addPermission(HistoricProcessInstancePermissions.READ);
        grant.setRootProcessInstanceId(started.getRootProcessInstanceId());
        grant.setRemovalTime(started.getRemovalTime());
        command.getAuthorizationManager().insert(grant);
    }

    private void create(String groupId, Resource resource, String resourceId, Permission permission) {
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.addPermission(permission);
        authorizations.saveAuthorization(authorization);
    }

    private void revoke(String groupId, Resource resource, String resourceId, Permission permission) {
        Authorization existing = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
        if (existing != null && existing.isPermissionGranted(permission)) {
            existing.removePermission(permission);
            authorizations.saveAuthorization(existing);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission permission) {
        Authorization existing = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing != null ? existing
                : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        if (existing == null) {
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        } else if (existing.isPermissionGranted(permission)) {
            return;
        }
        authorization.addPermission(permission);
        authorizations.saveAuthorization(authorization);
    }
}

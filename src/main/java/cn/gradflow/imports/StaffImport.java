package cn.gradflow.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.Unit;
import cn.gradflow.security.AsSystem;

/**
 * Staff logins: a Camunda user in their unit's group (group id = unit code), which is all R-ORG-02 needs.
 * The initial password is set when the login is created and never again: a re-import neither resets a
 * password a clerk has since changed nor needs the column. It must be 8–64 characters with letters and
 * digits and not the login name; it is never logged nor echoed in a report (the upload itself is the job's).
 * A login that exists in another unit (or is an operator's) is refused, not moved.
 */
@Component
class StaffImport extends ImportKind {

    private static final int LOGIN = 0, NAME = 1, UNIT = 2, PASSWORD = 3;
    /** Camunda's default user id whitelist: letters and digits only. */
    private static final Pattern LOGIN_NAME = Pattern.compile("[A-Za-z0-9]{2,64}");
    private static final int MIN_PASSWORD = 8;

    private final IdentityService identity;
    private final AsSystem asSystem;
    private final RosterLookups lookups;

    StaffImport(ImportRunner runner, IdentityService identity, AsSystem asSystem, RosterLookups lookups) {
        super(runner);
        this.identity = identity;
        this.asSystem = asSystem;
        this.lookups = lookups;
    }

    @Override
    String path() {
        return "staff";
    }

    @Override
    String label() {
        return "工作人员";
    }

    @Override
    List<Column> columns() {
        return List.of(Column.required("登录名", 64), Column.required("姓名", 50), Column.required("单位代码", 32),
                Column.optional("初始密码", 64));
    }

    @Override
    boolean hqOnly() {
        return true;
    }

    @Override
    Run start(ImportScope scope) {
        Map<String, Unit> units = lookups.units();
        Map<String, Integer> seen = new HashMap<>();
        return new Run() {
            @Override
            public void check(List<SheetRow> rows, Problems problems) {
                for (SheetRow row : rows) {
                    String login = row.value(LOGIN);
                    if (!LOGIN_NAME.matcher(login).matches()) {
                        problems.add(row, LOGIN, "WRONG_TYPE", "登录名应为 2–64 个英文字母或数字");
                        continue;
                    }
                    Integer first = seen.putIfAbsent(login.toLowerCase(java.util.Locale.ROOT), row.number());
                    if (first != null) {
                        problems.add(row, LOGIN, "DUPLICATE_ROW", "登录名 " + login + " 与第 " + first + " 行重复（只导入第一次出现的行）");
                    }
                    Unit unit = units.get(row.value(UNIT));
                    if (unit == null) {
                        problems.add(row, UNIT, "UNKNOWN_UNIT", "单位不存在：" + row.value(UNIT));
                        continue;
                    }
                    Set<String> groups = groupsOf(login);
                    if (groups == null) {
                        String password = row.value(PASSWORD);
                        if (password == null) {
                            problems.add(row, PASSWORD, "EMPTY_REQUIRED", "新登录须填写初始密码");
                        } else if (password.length() < MIN_PASSWORD || !password.matches(".*\\p{L}.*") || !password.matches(".*\\d.*")
                                || password.equalsIgnoreCase(login)) {
                            problems.add(row, PASSWORD, "WEAK_PASSWORD", "初始密码至少 " + MIN_PASSWORD + " 个字符，须含字母和数字，且不能与登录名相同");
                        }
                    } else if (groups.stream().anyMatch(g -> !g.equals(unit.code()))) {
                        problems.add(row, LOGIN, "USER_OTHER_UNIT", "登录名 " + login + " 已被其他单位或管理员使用");
                    }
                }
            }

            @Override
            public void apply(List<SheetRow> rows, Tally tally) {
                // the importer is HQ, not a Camunda user administrator: the engine's user writes go as the system
                asSystem.run(() -> rows.forEach(row -> save(row, tally)));
            }
        };
    }

    /** The login's groups, or null when there is no such login. */
    private Set<String> groupsOf(String login) {
        return asSystem.call(() -> {
            if (identity.createUserQuery().userId(login).count() == 0) {
                return null;
            }
            return Set.copyOf(identity.createGroupQuery().groupMember(login).list().stream().map(Group::getId).toList());
        });
    }

    private void save(SheetRow row, Tally tally) {
        String login = row.value(LOGIN);
        String unit = row.value(UNIT);
        User user = identity.createUserQuery().userId(login).singleResult();
        boolean created = user == null;
        boolean changed = false;
        if (created) {
            user = identity.newUser(login);
            user.setPassword(row.value(PASSWORD));
        }
        if (created || !row.value(NAME).equals(user.getLastName())) {
            user.setLastName(row.value(NAME));
            user.setFirstName("");
            identity.saveUser(user);
            changed = true;
        }
        if (identity.createUserQuery().userId(login).memberOfGroup(unit).count() == 0) {
            identity.createMembership(login, unit);
            changed = true;
        }
        if (created) {
            tally.created++;
        } else if (changed) {
            tally.updated++;
        } else {
            tally.unchanged++;
        }
    }
}

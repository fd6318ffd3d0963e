package cn.gradflow.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import cn.gradflow.roster.RosterWriter;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;
import cn.gradflow.security.UnitAuthorizations;

/**
 * The unit tree, parents before children (a parent is in the system already or on an earlier row). A branch
 * states its chain shape (R-ORG-01): 有分校 (centre → city → branch) or 无分校 (centre → branch, like a
 * college). An existing unit may be renamed, never moved or reshaped: its cases route by that chain.
 * Each new unit gets its Camunda group and standing grants exactly as the demo's (UnitAuthorizations).
 */
@Component
class UnitImport extends ImportKind {

    private static final int CODE = 0, NAME = 1, PARENT = 2, TIER = 3, CHAIN = 4;

    private final RosterWriter writer;
    private final RosterLookups lookups;
    private final UnitAuthorizations authorizations;

    UnitImport(ImportRunner runner, RosterWriter writer, RosterLookups lookups, UnitAuthorizations authorizations) {
        super(runner);
        this.writer = writer;
        this.lookups = lookups;
        this.authorizations = authorizations;
    }

    @Override
    String path() {
        return "units";
    }

    @Override
    String label() {
        return "单位";
    }

    @Override
    List<Column> columns() {
        return List.of(Column.required("单位代码", 32), Column.required("单位名称", 100), Column.optional("上级单位代码", 32),
                Column.required("层级", 10), Column.optional("链路", 10));
    }

    @Override
    boolean hqOnly() {
        return true;
    }

    @Override
    void afterCommit() {
        authorizations.ensureAllUnits();
    }

    @Override
    Run start(ImportScope scope) {
        Map<String, Unit> existing = lookups.units();
        Map<String, Unit> known = new HashMap<>(existing); // grows by each good row: a later row may name it as parent
        Map<String, Integer> seen = new HashMap<>();
        return new Run() {
            @Override
            public void check(List<SheetRow> rows, Problems problems) {
                for (SheetRow row : rows) {
                    String code = row.value(CODE);
                    if (!Cells.code(code)) {
                        problems.add(row, CODE, "WRONG_TYPE", "单位代码只能由字母、数字和 - _ . 组成：" + code);
                    }
                    Integer first = seen.putIfAbsent(code, row.number());
                    if (first != null) {
                        problems.add(row, CODE, "DUPLICATE_ROW", "单位代码 " + code + " 与第 " + first + " 行重复（只导入第一次出现的行）");
                        continue;
                    }
                    Unit unit = unit(row, problems);
                    if (unit == null) {
                        continue;
                    }
                    Unit old = existing.get(code);
                    if (old != null && (old.tier() != unit.tier() || !Objects.equals(old.parentCode(), unit.parentCode())
                            || !Objects.equals(old.hasCityTier(), unit.hasCityTier()))) {
                        problems.add(row, old.tier() != unit.tier() ? TIER : Objects.equals(old.parentCode(), unit.parentCode()) ? CHAIN : PARENT,
                                "UNIT_MOVED", "已有单位 " + code + " 不能通过导入改变层级、上级单位或链路（其案件按原链路流转）");
                    }
                    if (!problems.bad(row)) {
                        known.put(code, unit);
                    }
                }
            }

            /** The row's unit, or null with the reason reported. */
            private Unit unit(SheetRow row, Problems problems) {
                Tier tier = Cells.tier(row.value(TIER));
                if (tier == null) {
                    problems.add(row, TIER, "WRONG_TYPE", "层级应为 总部、分部、分校 或 学习中心：" + row.value(TIER));
                    return null;
                }
                String chain = row.value(CHAIN);
                Boolean hasCity = null;
                if (tier == Tier.BRANCH) {
                    if (chain == null || !(chain.equals("有分校") || chain.equals("无分校"))) {
                        problems.add(row, CHAIN, chain == null ? "EMPTY_REQUIRED" : "WRONG_TYPE", "分部须填写链路：「有分校」或「无分校」");
                        return null;
                    }
                    hasCity = chain.equals("有分校");
                } else if (chain != null) {
                    problems.add(row, CHAIN, "WRONG_TYPE", "只有分部填写链路，" + tier.label() + "留空");
                    return null;
                }
                String parentCode = row.value(PARENT);
                if (tier == Tier.HQ) {
                    if (parentCode != null) {
                        problems.add(row, PARENT, "BAD_PARENT", "总部没有上级单位");
                        return null;
                    }
                    return new Unit(row.value(CODE), row.value(NAME), tier, null, null);
                }
                if (parentCode == null) {
                    problems.add(row, PARENT, "EMPTY_REQUIRED", tier.label() + "须填写上级单位代码");
                    return null;
                }
                Unit parent = known.get(parentCode);
                if (parent == null) {
                    problems.add(row, PARENT, "UNKNOWN_UNIT", "上级单位不存在：" + parentCode + "（上级单位须已在系统中或在本文件更早的行）");
                    return null;
                }
                boolean fits = switch (tier) {
                    case BRANCH -> parent.tier() == Tier.HQ;
                    case CITY -> parent.tier() == Tier.BRANCH && Boolean.TRUE.equals(parent.hasCityTier());
                    case LEARNING_CENTER -> parent.tier() == Tier.CITY
                            || (parent.tier() == Tier.BRANCH && Boolean.FALSE.equals(parent.hasCityTier()));
                    case HQ -> false;
                };
                if (!fits) {
                    problems.add(row, PARENT, "BAD_PARENT", tier.label() + "不能直属于" + parent.tier().label() + " " + parentCode
                            + "（链路：学习中心 → 分校 → 有分校的分部 → 总部，或 学习中心 → 无分校的分部 → 总部）");
                    return null;
                }
                return new Unit(row.value(CODE), row.value(NAME), tier, parentCode, hasCity);
            }

            @Override
            public void apply(List<SheetRow> rows, Tally tally) {
                for (SheetRow row : rows) {
                    Unit unit = known.get(row.value(CODE));
                    Unit old = existing.get(unit.code());
                    if (old == null) {
                        writer.unit(unit); // in row order: a parent before the children that name it
                        tally.created++;
                    } else if (!old.name().equals(unit.name())) {
                        writer.renameUnit(unit.code(), unit.name());
                        tally.updated++;
                    } else {
                        tally.unchanged++;
                    }
                }
            }
        };
    }
}

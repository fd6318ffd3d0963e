package cn.gradflow.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.CourseRule;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.Major;
import cn.gradflow.roster.RosterWriter;

/**
 * Majors with their course rules (R-EL-03/04), one row per rule: the major's own columns repeat on each of
 * its rows and must agree; a row without 课程代码 is the major alone. A course shared by several majors is
 * one course: its name and credits must agree too. Rules are added or changed, never removed by an import.
 */
@Component
class MajorImport extends ImportKind {

    private static final int CODE = 0, NAME = 1, LEVEL = 2, MIN_CREDITS = 3, DEGREE = 4, COURSE = 5, COURSE_NAME = 6,
            CREDITS = 7, KIND = 8;

    private final JdbcClient jdbc;
    private final RosterWriter writer;
    private final RosterLookups lookups;

    MajorImport(ImportRunner runner, JdbcClient jdbc, RosterWriter writer, RosterLookups lookups) {
        super(runner);
        this.jdbc = jdbc;
        this.writer = writer;
        this.lookups = lookups;
    }

    @Override
    String path() {
        return "majors";
    }

    @Override
    String label() {
        return "专业";
    }

    @Override
    List<Column> columns() {
        return List.of(Column.required("专业代码", 32), Column.required("专业名称", 100), Column.required("层次", 10),
                Column.required("最低学分", 10), Column.required("可授学位", 5), Column.optional("课程代码", 32),
                Column.optional("课程名称", 100), Column.optional("学分", 10), Column.optional("课程类型", 20));
    }

    @Override
    boolean hqOnly() {
        return true;
    }

    private static CourseRule.Kind kind(String text) {
        for (CourseRule.Kind kind : CourseRule.Kind.values()) {
            if (kind.label().equals(text) || (kind == CourseRule.Kind.PRACTICE && ("综合实践".equals(text) || "毕业论文".equals(text)))) {
                return kind;
            }
        }
        return null;
    }

    @Override
    Run start(ImportScope scope) {
        Map<String, Major> majors = lookups.majors();
        Map<String, RosterLookups.Course> courses = lookups.courses();
        Map<String, String> rules = rules();
        Map<String, Major> fileMajors = new HashMap<>();
        Map<String, Integer> majorRow = new HashMap<>();
        Map<String, RosterLookups.Course> fileCourses = new HashMap<>();
        Map<String, Integer> courseRow = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        return new Run() {
            @Override
            public void check(List<SheetRow> rows, Problems problems) {
                for (SheetRow row : rows) {
                    Level level = Cells.level(row.value(LEVEL));
                    Integer minCredits = Cells.positiveInt(row.value(MIN_CREDITS));
                    Boolean degree = Cells.yesNo(row.value(DEGREE));
                    if (!Cells.code(row.value(CODE))) {
                        problems.add(row, CODE, "WRONG_TYPE", "专业代码只能由字母、数字和 - _ . 组成：" + row.value(CODE));
                    }
                    if (level == null) {
                        problems.add(row, LEVEL, "WRONG_TYPE", "层次应为「本科」或「专科」：" + row.value(LEVEL));
                    }
                    if (minCredits == null) {
                        problems.add(row, MIN_CREDITS, "WRONG_TYPE", "最低学分应为正整数：" + row.value(MIN_CREDITS));
                    }
                    if (degree == null) {
                        problems.add(row, DEGREE, "WRONG_TYPE", "可授学位应为「是」或「否」：" + row.value(DEGREE));
                    }
                    if (level != null && minCredits != null && degree != null) {
                        Major major = new Major(row.value(CODE), row.value(NAME), level, minCredits, degree);
                        Major first = fileMajors.putIfAbsent(major.code(), major);
                        if (first != null && !first.equals(major)) {
                            problems.add(row, CODE, "MAJOR_CONFLICT", "专业 " + major.code() + " 的名称、层次、最低学分或可授学位与第 "
                                    + majorRow.get(major.code()) + " 行不一致");
                        } else if (first == null) {
                            majorRow.put(major.code(), row.number());
                        }
                    }
                    checkCourse(row, problems);
                }
            }

            private void checkCourse(SheetRow row, Problems problems) {
                String code = row.value(COURSE);
                if (code == null) {
                    for (int c = COURSE_NAME; c <= KIND; c++) {
                        if (row.value(c) != null) {
                            problems.add(row, COURSE, "EMPTY_REQUIRED", "填写了课程信息就须填写课程代码");
                            return;
                        }
                    }
                    return;
                }
                boolean complete = true;
                for (int c = COURSE_NAME; c <= KIND; c++) {
                    if (row.value(c) == null) {
                        problems.add(row, c, "EMPTY_REQUIRED", "「" + columns().get(c).header() + "」不能为空（有课程代码的行）");
                        complete = false;
                    }
                }
                if (!complete) {
                    return;
                }
                if (!Cells.code(code)) {
                    problems.add(row, COURSE, "WRONG_TYPE", "课程代码只能由字母、数字和 - _ . 组成：" + code);
                }
                Integer credits = Cells.positiveInt(row.value(CREDITS));
                if (credits == null) {
                    problems.add(row, CREDITS, "WRONG_TYPE", "学分应为正整数：" + row.value(CREDITS));
                } else {
                    RosterLookups.Course course = new RosterLookups.Course(code, row.value(COURSE_NAME), credits);
                    RosterLookups.Course first = fileCourses.putIfAbsent(code, course);
                    if (first != null && !first.equals(course)) {
                        problems.add(row, COURSE_NAME, "COURSE_CONFLICT", "课程 " + code + " 的名称或学分与第 " + courseRow.get(code) + " 行不一致");
                    } else if (first == null) {
                        courseRow.put(code, row.number());
                    }
                }
                if (kind(row.value(KIND)) == null) {
                    problems.add(row, KIND, "WRONG_TYPE", "课程类型应为 必修课、综合实践/毕业论文 或 补修课：" + row.value(KIND));
                }
                Integer first = seen.putIfAbsent(row.value(CODE) + "|" + code, row.number());
                if (first != null) {
                    problems.add(row, COURSE, "DUPLICATE_ROW", "专业 " + row.value(CODE) + " 的课程 " + code + " 与第 " + first + " 行重复（只导入第一次出现的行）");
                }
            }

            @Override
            public void apply(List<SheetRow> rows, Tally tally) {
                for (SheetRow row : rows) {
                    boolean created = false;
                    boolean updated = false;
                    Major major = new Major(row.value(CODE), row.value(NAME), Cells.level(row.value(LEVEL)),
                            Cells.positiveInt(row.value(MIN_CREDITS)), Cells.yesNo(row.value(DEGREE)));
                    Major oldMajor = majors.get(major.code());
                    if (oldMajor == null) {
                        writer.major(major);
                        created = true;
                    } else if (!oldMajor.equals(major)) {
                        writer.updateMajor(major);
                        updated = true;
                    }
                    majors.put(major.code(), major);
                    String code = row.value(COURSE);
                    if (code != null) {
                        RosterLookups.Course course = new RosterLookups.Course(code, row.value(COURSE_NAME), Cells.positiveInt(row.value(CREDITS)));
                        RosterLookups.Course oldCourse = courses.get(code);
                        if (oldCourse == null) {
                            writer.course(code, course.name(), course.credits());
                            created = true;
                        } else if (!oldCourse.equals(course)) {
                            writer.updateCourse(code, course.name(), course.credits());
                            updated = true;
                        }
                        courses.put(code, course);
                        CourseRule.Kind kind = kind(row.value(KIND));
                        String ruleKey = major.code() + "|" + code;
                        String oldKind = rules.get(ruleKey);
                        if (oldKind == null) {
                            writer.majorCourse(major.code(), code, kind);
                            created = true;
                        } else if (!oldKind.equals(kind.name())) {
                            writer.updateMajorCourse(major.code(), code, kind);
                            updated = true;
                        }
                        rules.put(ruleKey, kind.name());
                    }
                    if (created) {
                        tally.created++;
                    } else if (updated) {
                        tally.updated++;
                    } else {
                        tally.unchanged++;
                    }
                }
            }
        };
    }

    /** Every major's rules as "major|course" → kind: a few thousand rows nationwide. */
    private Map<String, String> rules() {
        Map<String, String> rules = new HashMap<>();
        jdbc.sql("SELECT major_code, course_code, kind FROM major_course")
                .query((rs, n) -> Map.entry(rs.getString(1) + "|" + rs.getString(2), rs.getString(3))).list()
                .forEach(e -> rules.put(e.getKey(), e.getValue()));
        return rules;
    }
}

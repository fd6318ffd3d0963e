package cn.gradflow.checks;

import java.util.List;

import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.roster.CourseRule;
import cn.gradflow.roster.Exemption;
import cn.gradflow.roster.Grade;
import cn.gradflow.roster.Major;
import cn.gradflow.roster.Student;

/**
 * Everything the checks look at for one student in one batch, loaded once. {@code chsi} is null
 * where CHSI has no record; {@code choice} is null until the learning centre applies.
 */
public record CaseFacts(Student student, Major major, List<CourseRule> courseRules, List<Grade> grades,
                        List<Exemption> exemptions, boolean hasGraduationPhoto, ChsiStatus chsi, Batch batch,
                        BatchCalendar calendar, ApplicationChoice choice) {
}

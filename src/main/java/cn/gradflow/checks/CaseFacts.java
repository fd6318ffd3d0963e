package cn.gradflow.checks;

import java.time.LocalDate;
import java.util.List;

import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.Round;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.roster.CourseRule;
import cn.gradflow.roster.Exemption;
import cn.gradflow.roster.Grade;
import cn.gradflow.roster.Major;
import cn.gradflow.roster.Student;

/**
 * Everything the checks look at for one student in one batch, loaded once. {@code chsi} is null
 * where CHSI has no record; {@code choice} is null until the learning centre applies. {@code round} is the
 * case's round (the one it started in, then that of its latest submission); {@code graduationPhotoUploadedOn}
 * the day (Beijing) the platform's graduation photo came, null without one or where unknown.
 */
public record CaseFacts(Student student, Major major, List<CourseRule> courseRules, List<Grade> grades,
                        List<Exemption> exemptions, boolean hasGraduationPhoto, ChsiStatus chsi, Batch batch,
                        BatchCalendar calendar, ApplicationChoice choice, Round round,
                        LocalDate graduationPhotoUploadedOn) {

    /** The facts without the round and the photo's day: no second-round photo deadline applies. */
    public CaseFacts(Student student, Major major, List<CourseRule> courseRules, List<Grade> grades,
                     List<Exemption> exemptions, boolean hasGraduationPhoto, ChsiStatus chsi, Batch batch,
                     BatchCalendar calendar, ApplicationChoice choice) {
        this(student, major, courseRules, grades, exemptions, hasGraduationPhoto, chsi, batch, calendar, choice, null, null);
    }
}

package cn.gradflow.selfstudy.form;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What the self-study graduate registration form (毕业生登记表, 韶关 notice 四(三)) prints. The front is printed
 * from the exam office's records only: the notice forbids writing on it, so every field here comes from our records,
 * never from what a candidate typed into the form.
 *
 * @param candidateNo         准考证号 (required)
 * @param name                姓名 (required)
 * @param level               专科 or 本科
 * @param session             毕业批次, e.g. 2023年上半年
 * @param cityOffice          the city exam office (市考办) the candidate files with
 * @param processingLocation  办理地点, e.g. 韶关市区（0201）
 * @param priorDegree         前置学历 for a bachelor (certificate and certification kind); null: none on record
 * @param courses             the passed courses, in the order to print
 * @param photoJpeg           the graduation photo (JPEG, 480×640) or null: an empty photo box
 * @param characterAssessment the unit's character assessment when recorded in the system; null: ruled blank
 *                            lines for the unit to write on by hand (the notice: black pen, with the unit's seal)
 * @param generatedAt         when the form was printed (from the school clock), shown in the footer (required)
 */
public record RegistrationFormData(String candidateNo, String name, String sex, String idNumber, LocalDate birthDate,
                                   String majorCode, String majorName, String level, String examiningUniversity,
                                   String session, String cityOffice, String processingLocation, String priorDegree,
                                   List<CourseLine> courses, byte[] photoJpeg, String characterAssessment,
                                   LocalDateTime generatedAt) {

    public RegistrationFormData {
        Objects.requireNonNull(candidateNo, "candidateNo");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(generatedAt, "generatedAt");
        courses = courses == null ? List.of() : List.copyOf(courses);
    }
}

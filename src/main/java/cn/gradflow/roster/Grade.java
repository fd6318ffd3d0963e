package cn.gradflow.roster;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One exam result; {@code credits} are the course's. */
public record Grade(String courseCode, String courseName, BigDecimal score, boolean passed, LocalDate examDate,
                    int credits) {
}

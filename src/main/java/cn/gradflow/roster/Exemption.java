package cn.gradflow.roster;

import java.time.LocalDate;

/** A course exemption application (免修免考) and the day it was filed (R-EL-05). */
public record Exemption(String courseCode, LocalDate filedOn) {
}

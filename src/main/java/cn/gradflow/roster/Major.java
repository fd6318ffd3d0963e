package cn.gradflow.roster;

/** A major; which majors may take a cooperative degree is the decision table {@code coop-degree.dmn} (R-EL-08). */
public record Major(String code, String name, Level level, int minCredits, boolean degreeAvailable) {
}

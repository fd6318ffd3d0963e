package cn.gradflow.roster;

/** A course a major demands, and of which kind (R-EL-03, R-EL-04). */
public record CourseRule(String courseCode, String courseName, int credits, Kind kind) {

    public enum Kind {
        REQUIRED("必修课"),
        PRACTICE("综合实践/毕业论文"),
        SUPPLEMENTARY("补修课");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}

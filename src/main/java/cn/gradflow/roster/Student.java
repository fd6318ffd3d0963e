package cn.gradflow.roster;

public record Student(String studentNo, String name, String idNumber, String unitCode, String majorCode,
                      Term enrolmentTerm, Status status, boolean upgradeFromJunior, boolean continuing,
                      boolean supplementaryRequired, boolean degreeEligible) {

    public enum Status {
        ENROLLED("在籍"),
        GRADUATED("已毕业"),
        TERMINATED("学籍终止");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}

package cn.gradflow.cases;

/** What a bulk decision did for one student, with a Chinese message. */
record DecisionResult(String studentNo, Code result, String message) {

    enum Code { DONE, FORBIDDEN, NOT_FOUND, NOT_AT_YOUR_TIER, WINDOW_CLOSED, BLOCKED, ALREADY_DECIDED, INVALID }

    static DecisionResult of(String studentNo, Code code, String message) {
        return new DecisionResult(studentNo, code, message);
    }
}

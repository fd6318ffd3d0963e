package cn.gradflow.application;

/** The answer for one student of a start request. */
public record StartResult(String studentNo, Outcome result, String message) {

    public enum Outcome { STARTED, ALREADY_EXISTS, NOT_FOUND, FORBIDDEN, NOT_IN_BATCH, WINDOW_CLOSED, ROSTER_INCONSISTENT,
        /** R-ID-04: proven impostor (admission review), never registered. */
        IDENTITY_REFUSED }
}

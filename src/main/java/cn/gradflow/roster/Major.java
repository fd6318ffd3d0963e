package cn.gradflow.roster;

public record Major(String code, String name, Level level, int minCredits, boolean degreeAvailable,
                    CoopDegree coopDegree) {

    /** R-EL-08: which rounds may choose a cooperative (合作) degree. */
    public enum CoopDegree { NONE, ANY_ROUND, FIRST_ROUND_ONLY }
}

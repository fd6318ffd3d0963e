package cn.gradflow.roster;

/**
 * The units a learning centre's cases climb through. R-ORG-01: {@code city} is null where the
 * branch (or a college acting as one) approves without a city tier.
 */
public record ApprovalChain(Unit learningCenter, Unit city, Unit branch, Unit hq) {

    public boolean hasCityTier() {
        return city != null;
    }
}

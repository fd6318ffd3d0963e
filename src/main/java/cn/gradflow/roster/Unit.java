package cn.gradflow.roster;

/** A unit of the tree; {@code hasCityTier} is set on branches only (R-ORG-01). */
public record Unit(String code, String name, Tier tier, String parentCode, Boolean hasCityTier) {
}

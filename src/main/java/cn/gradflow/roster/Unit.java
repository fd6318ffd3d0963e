package cn.gradflow.roster;

/**
 * A unit of the tree; {@code hasCityTier} is set on branches only (R-ORG-01).
 * {@code chsiPhotoBlocksAtInitialAudit} (branches only): the branch's own notice bars a student whom
 * CHSI lacks an admission or academic photo for already at the branch/college review, so R-ID-02
 * blocks at the initial audit, not only at HQ final review (V43).
 */
public record Unit(String code, String name, Tier tier, String parentCode, Boolean hasCityTier,
                   boolean chsiPhotoBlocksAtInitialAudit) {

    /** A unit whose R-ID-02 blocks at HQ only. */
    public Unit(String code, String name, Tier tier, String parentCode, Boolean hasCityTier) {
        this(code, name, tier, parentCode, hasCityTier, false);
    }
}

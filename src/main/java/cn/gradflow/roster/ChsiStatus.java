package cn.gradflow.roster;

/** What CHSI (学信网) says of a student (DOMAIN.md §6). A student without a row is unknown to CHSI. */
public record ChsiStatus(boolean identityDoubtful, boolean admissionPhoto, boolean academicPhoto,
                         boolean photoDoubtful) {
}

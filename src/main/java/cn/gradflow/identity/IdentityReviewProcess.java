package cn.gradflow.identity;

import java.util.Arrays;
import java.util.Optional;

import cn.gradflow.common.ProcessVariable;
import cn.gradflow.photo.PhotoProfile;
import cn.gradflow.roster.Tier;

/**
 * The one typed place for {@code processes/identity-review.bpmn} (R-ID-01, R-ID-03), called from the
 * graduation application. It shares the application's variables it is given (applicationId,
 * studentNo, units, decision, reason) and adds its own below; its tasks' due dates are the application's
 * ({@code caseDue}, by applicationId).
 */
public final class IdentityReviewProcess {

    public static final String KEY = "identity-review";

    private IdentityReviewProcess() {
    }

    public enum Step {
        UPLOAD_PACKAGE("UploadIdentityPackage", Tier.LEARNING_CENTER),
        FORWARD_PACKAGE("ForwardIdentityPackage", Tier.BRANCH),
        HQ_REVIEW("HqIdentityReview", Tier.HQ);

        private final String id;
        private final Tier tier;

        Step(String id, Tier tier) {
            this.id = id;
            this.tier = tier;
        }

        public String id() {
            return id;
        }

        public Tier tier() {
            return tier;
        }

        public static Optional<Step> byId(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
        }
    }

    /** The learning centre's choice on the upload task. */
    public enum Action { SUBMIT, WITHDRAW }

    /** The re-verification package (R-ID-01); photos are inspected against their profile. */
    public enum Document {
        REVIEW_FORM("身份复核表", "reviewFormFile", null),
        REGISTRATION_FORM("毕业生登记表", "registrationFormFile", null),
        ADMISSION_PHOTO("录取照片", "admissionPhotoFile", PhotoProfile.ADMISSION),
        GRADUATION_PHOTO("毕业照片", "graduationPhotoFile", PhotoProfile.OUC_GRADUATION);

        private final String label;
        private final String variable;
        private final PhotoProfile profile;

        Document(String label, String variable, PhotoProfile profile) {
            this.label = label;
            this.variable = variable;
            this.profile = profile;
        }

        public String label() {
            return label;
        }

        /** The File variable the upload form writes. */
        public String variable() {
            return variable;
        }

        /** The photo profile the file must meet, or null for a scanned document. */
        public PhotoProfile profile() {
            return profile;
        }
    }

    public static final ProcessVariable<String> IDENTITY_ACTION = ProcessVariable.of("identityAction", String.class);
    public static final ProcessVariable<String> DOCUMENTS_TEXT = ProcessVariable.of("identityDocumentsText", String.class);
}

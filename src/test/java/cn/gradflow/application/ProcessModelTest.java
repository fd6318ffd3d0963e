package cn.gradflow.application;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.gradflow.common.ProcessVariable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the BPMN and its typed Java side in step: every name an expression uses is a declared
 * variable or a delegate bean, and every step id exists in the model.
 */
class ProcessModelTest {

    private static final Path BPMN = Path.of("processes", "graduation-application.bpmn");
    private static final Path IDENTITY_BPMN = Path.of("processes", "identity-review.bpmn");
    private static final Path HQ_BPMN = Path.of("processes", "hq-submission.bpmn");
    private static final Path BATCH_BPMN = Path.of("processes", "graduation-batch.bpmn");
    private static final Path EXPIRY_BPMN = Path.of("processes", "status-expiry.bpmn");
    private static final Set<String> BEANS = Set.of("checkEligibility", "checkChsiForFinalReview",
            "issueRegistrationNumber", "trackStep", "recordDecision", "trackIdentityStep", "recordIdentityDecision",
            "liftIdentityShield", "recordBatchClosed", "execution", "compileHqList", "evaluateConfirmations",
            "submitHqList", "checkHqProgress", "prepareCityConfirmation", "recordCityConfirmation", "batchMilestones", "statusExpiry", "graduateStatistics", "grantUnits",
            "caseRouting", "taskTitle", "hqSubmissionStart", "hqDelivery", "batchClosure", "recordHqListWithdrawal",
            "showPhotos", "refuseProvenImpostor", "caseDue");

    @Test
    void everyExpressionNameIsADeclaredVariableOrBean() throws Exception {
        String xml = Files.readString(BPMN) + Files.readString(IDENTITY_BPMN) + Files.readString(HQ_BPMN)
                + Files.readString(BATCH_BPMN) + Files.readString(EXPIRY_BPMN);
        Set<String> declared = new HashSet<>(BEANS);
        for (Class<?> process : new Class<?>[] {ApplicationProcess.class,
                cn.gradflow.identity.IdentityReviewProcess.class, cn.gradflow.hqsubmission.HqSubmissionProcess.class,
                cn.gradflow.batchflow.BatchProcess.class, cn.gradflow.common.FanOut.class}) {
            for (Field f : process.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == ProcessVariable.class) {
                    declared.add(((ProcessVariable<?>) f.get(null)).name());
                }
            }
        }
        // ${...} and #{...}, and the variables the call activity passes in and out
        Matcher m = Pattern.compile("[$#]\\{!?([a-zA-Z]+)|(?:source|target)=\"([a-zA-Z]+)\"").matcher(xml);
        Set<String> used = new HashSet<>();
        while (m.find()) {
            used.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        assertThat(used).isNotEmpty();
        assertThat(declared).containsAll(used);
    }

    /** Tasklist's Diagram tab draws element names as written: an expression there shows raw (issue 11). */
    @Test
    void elementNamesArePlainAndEveryUserTaskGetsItsTitleOnCreate() throws Exception {
        for (Path bpmn : List.of(BPMN, IDENTITY_BPMN, HQ_BPMN, BATCH_BPMN, EXPIRY_BPMN)) {
            String xml = Files.readString(bpmn);
            assertThat(Pattern.compile("name=\"[^\"]*[$#]\\{").matcher(xml).find()).as(bpmn.toString()).isFalse();
            Matcher task = Pattern.compile("<bpmn:userTask\\b.*?</bpmn:userTask>", Pattern.DOTALL).matcher(xml);
            while (task.find()) {
                assertThat(task.group()).as(bpmn.toString()).contains("delegateExpression=\"${taskTitle}\" event=\"create\"");
            }
        }
    }

    @Test
    void everyStepIdIsInTheModel() throws Exception {
        String xml = Files.readString(BPMN);
        assertThat(Arrays.stream(ApplicationProcess.Step.values()).map(ApplicationProcess.Step::id))
                .allMatch(id -> xml.contains("id=\"" + id + "\""));
        String identity = Files.readString(IDENTITY_BPMN);
        assertThat(Arrays.stream(cn.gradflow.identity.IdentityReviewProcess.Step.values())
                .map(cn.gradflow.identity.IdentityReviewProcess.Step::id))
                .allMatch(id -> identity.contains("id=\"" + id + "\""));
        assertThat(xml).contains("calledElement=\"" + cn.gradflow.identity.IdentityReviewProcess.KEY + "\"");
        String batch = Files.readString(BATCH_BPMN) + Files.readString(EXPIRY_BPMN);
        assertThat(Arrays.stream(cn.gradflow.batchflow.BatchProcess.Milestone.values())
                .map(cn.gradflow.batchflow.BatchProcess.Milestone::activityId))
                .allMatch(id -> batch.contains("id=\"" + id + "\"") && batch.contains("'" + id.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase() + "'"));
        String hq = Files.readString(HQ_BPMN);
        assertThat(Arrays.stream(cn.gradflow.hqsubmission.HqSubmissionProcess.Step.values())
                .map(cn.gradflow.hqsubmission.HqSubmissionProcess.Step::id))
                .allMatch(id -> hq.contains("id=\"" + id + "\""));
        assertThat(xml).contains("id=\"" + ApplicationProcess.KEY + "\"", "historyTimeToLive", "BPMNDiagram");
    }
}

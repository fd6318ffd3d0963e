package cn.gradflow.selfstudy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.gradflow.common.ProcessVariable;

import static org.assertj.core.api.Assertions.assertThat;

/** processes/self-study-graduation.bpmn against its typed place, SelfStudyProcess. */
class SelfStudyModelTest {

    private static final Path BPMN = Path.of("processes", "self-study-graduation.bpmn");
    private static final Set<String> BEANS = Set.of("selfStudyRouting", "selfStudySteps", "selfStudyTaskDone", "taskTitle",
            "grantSelfStudy", "execution");

    @Test
    void everyExpressionNameIsADeclaredVariableOrBean() throws Exception {
        Set<String> declared = new HashSet<>(BEANS);
        for (Field f : SelfStudyProcess.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ProcessVariable.class) {
                declared.add(((ProcessVariable<?>) f.get(null)).name());
            }
        }
        Matcher m = Pattern.compile("[$#]\\{!?([a-zA-Z]+)").matcher(Files.readString(BPMN));
        Set<String> used = new HashSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).contains("selfStudyRouting", "approved");
        assertThat(declared).containsAll(used);
    }

    @Test
    void namesArePlainEveryUserTaskIsTitledAndRecordedAndRoutedFromTheRecords() throws Exception {
        String xml = Files.readString(BPMN);
        assertThat(Pattern.compile("name=\"[^\"]*[$#]\\{").matcher(xml).find()).isFalse();
        Matcher task = Pattern.compile("<bpmn:userTask\\b.*?</bpmn:userTask>", Pattern.DOTALL).matcher(xml);
        int tasks = 0;
        while (task.find()) {
            tasks++;
            assertThat(task.group()).contains("delegateExpression=\"${taskTitle}\" event=\"create\"",
                    "delegateExpression=\"${selfStudyTaskDone}\" event=\"complete\"");
            assertThat(task.group()).containsAnyOf("camunda:assignee=\"${selfStudyRouting.candidateUser(execution)}\"",
                    "camunda:candidateGroups=\"${selfStudyRouting.cityOffice(execution)}\"",
                    "camunda:candidateGroups=\"${selfStudyRouting.provinceOffice(execution)}\"");
        }
        assertThat(tasks).isEqualTo(SelfStudyProcess.Step.values().length);
        assertThat(xml).contains("id=\"" + SelfStudyProcess.KEY + "\"", "historyTimeToLive", "BPMNDiagram", "${grantSelfStudy}");
    }

    @Test
    void everyStepAndEveryEndStateIsInTheModel() throws Exception {
        String xml = Files.readString(BPMN);
        assertThat(Arrays.stream(SelfStudyProcess.Step.values()).map(SelfStudyProcess.Step::id))
                .allMatch(id -> xml.contains("<bpmn:userTask id=\"" + id + "\""));
        for (SelfStudyProcess.State state : SelfStudyProcess.State.values()) {
            if (state.endEvent() != null) {
                assertThat(xml).contains("<bpmn:endEvent id=\"" + state.endEvent() + "\"");
            }
        }
        // every end event at the top level records its state
        Matcher end = Pattern.compile("<bpmn:endEvent id=\"(End[A-Za-z]+)\".*?</bpmn:endEvent>", Pattern.DOTALL).matcher(xml);
        while (end.find()) {
            assertThat(SelfStudyProcess.State.byEndEvent(end.group(1))).as(end.group(1)).isPresent();
            assertThat(end.group()).contains("${selfStudySteps.ended(execution)}");
        }
    }
}

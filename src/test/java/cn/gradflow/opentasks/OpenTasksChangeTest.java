package cn.gradflow.opentasks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a transaction's events of one task leave for its open_task row to do (OpenTasks.Change). */
class OpenTasksChangeTest {

    private static OpenTasks.Change of(String event) {
        return OpenTasks.Change.of(event, "");
    }

    @Test
    void onlyATaskCreatedInTheTransactionHasNoRowToDelete() {
        assertThat(of("create")).isEqualTo(new OpenTasks.Change("", true));
        for (String event : new String[] {"assignment", "update", "complete", "delete"}) {
            assertThat(of(event)).as(event).isEqualTo(new OpenTasks.Change("", false));
        }
    }

    @Test
    void aTaskCreatedEarlierInTheTransactionStaysNewAndTheLastStepNamedWins() {
        assertThat(of("create").then(of("assignment"))).isEqualTo(new OpenTasks.Change("", true));
        assertThat(of("create").then(of("complete"))).isEqualTo(new OpenTasks.Change("", true));
        assertThat(of("assignment").then(of("complete"))).isEqualTo(new OpenTasks.Change("", false));
        assertThat(OpenTasks.Change.of("create", "分校审批").then(OpenTasks.Change.of("assignment", null)).step()).isEqualTo("分校审批");
        assertThat(OpenTasks.Change.of("update", "旧").then(OpenTasks.Change.of("update", "新")).step()).isEqualTo("新");
    }
}

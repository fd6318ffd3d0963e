package cn.gradflow.opentasks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a transaction's events of one task leave for its open_task row to do (OpenTasks.Change). */
class OpenTasksChangeTest {

    private static OpenTasks.Change of(String event) {
        return OpenTasks.Change.of(event, "");
    }

    @Test
    void aTaskCreatedHereHasNoRowToDeleteAndACompletedOneNoneToInsert() {
        assertThat(of("create")).isEqualTo(new OpenTasks.Change("", true, false));
        assertThat(of("complete")).isEqualTo(new OpenTasks.Change("", false, true));
        assertThat(of("delete")).isEqualTo(new OpenTasks.Change("", false, true));
        assertThat(of("assignment")).isEqualTo(new OpenTasks.Change("", false, false));
        assertThat(of("update")).isEqualTo(new OpenTasks.Change("", false, false));
    }

    @Test
    void laterEventsDecideWhetherTheTaskIsGoneEarlierOnesWhetherItIsNew() {
        assertThat(of("create").then(of("assignment"))).isEqualTo(new OpenTasks.Change("", true, false));
        assertThat(of("create").then(of("complete"))).isEqualTo(new OpenTasks.Change("", true, true));
        assertThat(of("assignment").then(of("complete"))).isEqualTo(new OpenTasks.Change("", false, true));
        assertThat(OpenTasks.Change.of("create", "分校审批").then(OpenTasks.Change.of("assignment", null)).step()).isEqualTo("分校审批");
        assertThat(OpenTasks.Change.of("update", "旧").then(OpenTasks.Change.of("update", "新")).step()).isEqualTo("新");
    }
}

package cn.gradflow.opentasks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * At every start the projection is checked against the engine's tables ({@link OpenTasks#reconcile}): an
 * installation upgraded to V56 with tasks open gets their rows, and nothing a crash or a manual change in the
 * database left behind survives a restart.
 */
@Component
@Order(1)
class OpenTasksAtStart implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(OpenTasksAtStart.class);

    private final OpenTasks openTasks;

    OpenTasksAtStart(OpenTasks openTasks) {
        this.openTasks = openTasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        int[] changed;
        try {
            changed = openTasks.reconcile();
        } catch (DuplicateKeyException anotherNodeWroteIt) {
            // a task created on another node between the check and the insert: its listener wrote the row; look again
            changed = openTasks.reconcile();
        }
        if (changed[0] + changed[1] > 0) {
            LOG.info("Open-task projection brought in line with the engine: {} row(s) removed, {} added", changed[0], changed[1]);
        }
    }
}

package cn.gradflow.engine;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstanceQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up, removes the history that versions before {@link BinaryFreeHistory} wrote of files and
 * byte arrays — uploaded identity packages and photos, kept in {@code ACT_HI_VARINST},
 * {@code ACT_HI_DETAIL} and their history byte arrays — through the engine's own
 * {@link HistoryService#deleteHistoricVariableInstance}, which takes a variable's updates and byte
 * arrays with it. Once done, every later start finds nothing. Several nodes may run it at once: a
 * variable another node removed first is skipped.
 */
@Component
class BinaryHistoryPurge implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BinaryHistoryPurge.class);
    private static final int PAGE = 200;

    private final HistoryService history;
    private final BinaryFreeHistory filter;

    BinaryHistoryPurge(HistoryService history, BinaryFreeHistory filter) {
        this.history = history;
        this.filter = filter;
    }

    @Override
    public void run(ApplicationArguments args) {
        int removed = purge();
        if (removed > 0) {
            LOG.info("Removed the engine history of {} file or byte-array variables (identity documents, photos)", removed);
        }
    }

    /** How many variables' histories were removed. */
    int purge() {
        int removed = purge(history.createHistoricVariableInstanceQuery()
                .variableTypeIn(BinaryFreeHistory.BINARY_TYPES.toArray(String[]::new)));
        if (!filter.fileInputs().isEmpty()) {
            removed += purge(history.createHistoricVariableInstanceQuery()
                    .variableNameIn(filter.fileInputs().toArray(String[]::new)));
        }
        return removed;
    }

    private int purge(HistoricVariableInstanceQuery query) {
        query.includeDeleted().disableBinaryFetching().disableCustomObjectDeserialization();
        int removed = 0;
        while (true) {
            List<HistoricVariableInstance> page = query.listPage(0, PAGE);
            int removedNow = 0;
            for (HistoricVariableInstance variable : page) {
                try {
                    history.deleteHistoricVariableInstance(variable.getId());
                    removedNow++;
                } catch (ProcessEngineException goneOrRefused) {
                    LOG.debug("History of variable {} not removed: {}", variable.getId(), goneOrRefused.getMessage());
                }
            }
            removed += removedNow;
            if (page.size() < PAGE || removedNow == 0) {
                return removed;
            }
        }
    }
}

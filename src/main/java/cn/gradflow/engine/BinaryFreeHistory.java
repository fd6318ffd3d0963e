package cn.gradflow.engine;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.springframework.stereotype.Component;

import cn.gradflow.forms.FormCatalog;

/**
 * Files and byte arrays never reach the engine's history (issue 10 item 6). With history level
 * {@code full} the engine copies every value a variable takes into {@code ACT_HI_VARINST} and
 * {@code ACT_HI_DETAIL}, binary ones as history byte arrays in {@code ACT_GE_BYTEARRAY}, and keeps
 * them for the processes' time to live (730 days) after the variable itself is gone. An identity
 * package or a photo is personal data that GradFlow keeps in its own tables
 * ({@code identity_review_document}, {@code photo}) and removes from the variables at once; it has no
 * place in the audit trail of the process.
 * <p>
 * So every history handler (the database's and any other the engine was given) sees no variable event
 * of a {@code file} or {@code bytes} value, and none of a variable that a form in {@code forms/} declares
 * as a file input, whatever value it holds: not its creation, its updates or its deletion. Nothing
 * later depends on the row that was not written: the engine writes an update of a variable without
 * a history row as a new row. A variable that held text before it held bytes keeps its last text in
 * history, and its deletion still marks that row deleted, so history never shows a removed variable
 * as present.
 * <p>
 * The handler is wrapped once the engine's configuration has built it ({@link #postInit}); the engine
 * looks it up through the configuration for every event, so the wrapper sees all of them. History
 * handlers and their events are engine internals with no public equivalent (CAMUNDA-NOTES 7);
 * {@code IdentityDocumentsOutOfHistoryTest} fails if an upgrade changes them. Existing history
 * written before this filter is removed by {@link BinaryHistoryPurge}.
 */
@Component
class BinaryFreeHistory extends AbstractProcessEnginePlugin {

    /** The value types whose content is bytes: uploads ({@code file}) and raw {@code byte[]}. */
    static final Set<String> BINARY_TYPES = Set.of(ValueType.FILE.getName(), ValueType.BYTES.getName());

    private final Set<String> fileInputs;

    BinaryFreeHistory(FormCatalog forms) {
        this.fileInputs = Set.copyOf(forms.fileFields());
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new Filter(configuration.getHistoryEventHandler()));
    }

    /** The names of the form file inputs whose history is never kept. */
    Set<String> fileInputs() {
        return fileInputs;
    }

    boolean keeps(HistoryEvent event) {
        return !(event instanceof HistoricVariableUpdateEventEntity variable)
                || !(BINARY_TYPES.contains(variable.getSerializerName()) || fileInputs.contains(variable.getVariableName()));
    }

    private final class Filter implements HistoryEventHandler {

        private final HistoryEventHandler next;

        Filter(HistoryEventHandler next) {
            this.next = next;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (keeps(event)) {
                next.handleEvent(event);
            } else {
                dropped(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            List<HistoryEvent> kept = events.stream().filter(BinaryFreeHistory.this::keeps).toList();
            events.stream().filter(e -> !keeps(e)).forEach(this::dropped);
            if (!kept.isEmpty()) {
                next.handleEvents(kept);
            }
        }

        /** What the database handler does for a deletion, without the update row that would carry the value. */
        private void dropped(HistoryEvent event) {
            if (event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE)) {
                HistoricVariableInstanceEntity row = Context.getCommandContext().getDbEntityManager()
                        .selectById(HistoricVariableInstanceEntity.class, ((HistoricVariableUpdateEventEntity) event).getVariableInstanceId());
                if (row != null) {
                    row.setState(HistoricVariableInstance.STATE_DELETED);
                }
            }
        }
    }
}

package cn.gradflow.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * Issue 13: the facts an application starts with get no {@code ACT_HI_DETAIL} row for their creation. With history level
 * {@code full} every variable written at a start costs three rows ({@code ACT_RU_VARIABLE}, {@code ACT_HI_VARINST} and
 * {@code ACT_HI_DETAIL}, 37 index entries on H2); the detail of a creation repeats what {@code ACT_HI_VARINST} holds for
 * as long as the variable keeps its first value, and these facts keep it. The trail's history text, created by its first
 * entry, keeps its details, as does every variable of every other process and every update and deletion.
 * <p>
 * The engine's database handler is replaced by this subclass (its default one switched off, this one given as the
 * engine's own), so {@code BinaryFreeHistory}'s filter still wraps whatever handles events. Engine internals with no
 * public equivalent (CAMUNDA-NOTES 7); {@code StartFactsHistoryTest} fails if an upgrade changes what this relies on.
 */
@Component
class StartFactsHistory extends AbstractProcessEnginePlugin {

    /**
     * Set once by {@link ApplicationStarter} and never changed. Not the due dates (on the application's row since V77,
     * {@link CaseDue}) nor the history text, which the trail's first entry creates and whose creation keeps its detail.
     */
    static final Set<String> FACTS = Set.of(APPLICATION_ID.name(), BATCH_CODE.name(), STUDENT_NO.name(), STUDENT_NAME.name(),
            MAJOR_NAME.name(), STUDENT_SUMMARY.name(), DEGREE_OFFERED.name());

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        if (configuration.isEnableDefaultDbHistoryEventHandler()) {
            configuration.setEnableDefaultDbHistoryEventHandler(false);
            handlers.add(0, new Handler());
        }
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    static boolean skipsDetail(HistoricVariableUpdateEventEntity event) {
        return event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE) && KEY.equals(event.getProcessDefinitionKey())
                && FACTS.contains(event.getVariableName());
    }

    /** The engine's database handler, without the detail rows of the start facts' creation. */
    static final class Handler extends DbHistoryEventHandler {
        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return !skipsDetail(event) && super.shouldWriteHistoricDetail(event);
        }
    }
}

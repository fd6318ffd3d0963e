package cn.gradflow.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine checks every entity it inserts for a usable id, and builds the message of that check first: the entity's
 * {@code toString}, every field of a history or variable row, on every INSERT, for an exception it almost never throws.
 * JFR (issue 13, H2 file, {@code -Dbenchmark.paths=starts}) found it in 3 % of a start's and 2 % of an initial
 * audit's CPU samples. Here the id is checked first and the engine's own check, with its message, runs only for an id
 * it refuses (null or {@code *}): the same refusals, the same exception and text.
 * <p>
 * The engine's entity manager comes from the session factory registered for {@link DbEntityManager}; this plugin
 * replaces that factory once the configuration has built it. Engine internals (CAMUNDA-NOTES 7):
 * {@code IdCheckWithoutToStringTest} fails if an upgrade changes them.
 */
@Component
public class IdCheckWithoutToString extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.getSessionFactories().put(DbEntityManager.class, new Factory(configuration.getIdGenerator()));
    }

    static final class Factory extends DbEntityManagerFactory {
        Factory(IdGenerator idGenerator) {
            super(idGenerator);
        }

        @Override
        public DbEntityManager openSession() {
            return new Manager(idGenerator, Context.getCommandContext().getSession(PersistenceSession.class));
        }
    }

    static final class Manager extends DbEntityManager {
        Manager(IdGenerator idGenerator, PersistenceSession persistenceSession) {
            super(idGenerator, persistenceSession);
        }

        @Override
        protected void validateId(DbEntity entity) {
            String id = entity.getId();
            if (id == null || "*".equals(id)) {
                super.validateId(entity); // the engine's refusal, message built only now
            }
        }
    }
}

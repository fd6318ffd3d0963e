package cn.gradflow.engine;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.testing.GradFlowSpringTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's id check on INSERT, without building the entity's text for a message it does not throw. */
@GradFlowSpringTest
class IdCheckWithoutToStringTest {

    @Autowired ProcessEngineConfigurationImpl configuration;

    private final IdCheckWithoutToString.Manager manager = new IdCheckWithoutToString.Manager(null, null);

    @Test
    void theEnginesCommandsUseTheEntityManagerWithTheLazyCheck() {
        assertThat(configuration.getSessionFactories().get(DbEntityManager.class)).isInstanceOf(IdCheckWithoutToString.Factory.class);
        DbEntityManager used = configuration.getCommandExecutorTxRequired()
                .execute(context -> context.getDbEntityManager());
        assertThat(used).isInstanceOf(IdCheckWithoutToString.Manager.class);
    }

    @Test
    void aUsableIdPassesWithoutTheEntitysText() {
        assertThatCode(() -> manager.validateId(new Entity("42"))).doesNotThrowAnyException();
    }

    @Test
    void aNullIdIsRefusedAsTheEngineRefusesIt() {
        assertThatThrownBy(() -> manager.validateId(new Entity(null)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Entity text of 'null'");
    }

    @Test
    void theReservedIdIsRefusedAsTheEngineRefusesIt() {
        assertThatThrownBy(() -> manager.validateId(new Entity("*")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Entity text of '*'")
                .hasMessageContaining("* is a reserved identifier");
    }

    /** An entity whose text may be built only for a refusal. */
    private static final class Entity implements DbEntity {
        private String id;

        Entity(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public void setId(String id) {
            this.id = id;
        }

        @Override
        public Object getPersistentState() {
            return id;
        }

        @Override
        public String toString() {
            if (id != null && !"*".equals(id)) {
                throw new AssertionError("the text of an entity with a usable id was built");
            }
            return "text of '" + id + "'";
        }
    }
}

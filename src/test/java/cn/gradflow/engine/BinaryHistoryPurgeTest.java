package cn.gradflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** History that a GradFlow without {@link BinaryFreeHistory} wrote of an upload is gone after the start-up purge. */
@GradFlowSpringTest
class BinaryHistoryPurgeTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired BinaryHistoryPurge purge;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void base() {
        roster.ensureBase();
    }

    @Test
    void historyOfUploadsWrittenBeforeTheFilterIsRemoved() {
        ProcessInstance pi = driver.start(roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        runtime.setVariable(pi.getId(), "graduationPhotoFile", Variables.fileValue("旧照片.jpg").file(new byte[] {(byte) 0xFF, 1, 2})
                .create());
        runtime.setVariable(pi.getId(), "legacyScan", new byte[] {3, 4, 5});
        runtime.setVariable(pi.getId(), "note", "保留的文本");
        writeHistoryTheOldWay(pi, "graduationPhotoFile");
        writeHistoryTheOldWay(pi, "legacyScan");
        runtime.removeVariable(pi.getId(), "graduationPhotoFile");
        runtime.removeVariable(pi.getId(), "legacyScan");
        assertThat(historyRows(pi)).isEqualTo(4);
        assertThat(historyByteArrays(pi)).isEqualTo(4);

        assertThat(purge.purge()).isEqualTo(2);

        assertThat(historyRows(pi)).isZero();
        assertThat(historyByteArrays(pi)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE PROC_INST_ID_ = ? AND NAME_ = 'note'").param(pi.getId())
                .query(Long.class).single()).as("other history stays").isEqualTo(1);
        assertThat(purge.purge()).as("the next start finds nothing").isZero();
    }

    /** What the engine's own database handler wrote for every new variable before GradFlow filtered it. */
    private void writeHistoryTheOldWay(ProcessInstance pi, String name) {
        VariableInstance variable = runtime.createVariableInstanceQuery().processInstanceIdIn(pi.getId()).variableName(name)
                .singleResult();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        configuration.getCommandExecutorTxRequired().execute(context -> {
            VariableInstanceEntity entity = context.getDbEntityManager().selectById(VariableInstanceEntity.class, variable.getId());
            new DbHistoryEventHandler().handleEvent(configuration.getHistoryEventProducer().createHistoricVariableCreateEvt(entity,
                    context.getExecutionManager().findExecutionById(pi.getId())));
            return null;
        });
    }

    private long historyRows(ProcessInstance pi) {
        return jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM ACT_HI_VARINST WHERE PROC_INST_ID_ = :pi AND VAR_TYPE_ IN ('file', 'bytes'))
                             + (SELECT COUNT(*) FROM ACT_HI_DETAIL WHERE PROC_INST_ID_ = :pi AND VAR_TYPE_ IN ('file', 'bytes'))""")
                .param("pi", pi.getId()).query(Long.class).single();
    }

    private long historyByteArrays(ProcessInstance pi) {
        return jdbc.sql("SELECT COUNT(*) FROM ACT_GE_BYTEARRAY WHERE ROOT_PROC_INST_ID_ = ? AND TYPE_ = 3").param(pi.getId())
                .query(Long.class).single();
    }
}

package cn.gradflow.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issue 13: an index of GradFlow's on the engine's variable table, for Tasklist's filters by a process variable
 * (批次 = batchCode). The engine joins {@code ACT_RU_VARIABLE} on the task's process instance; its own indexes offer
 * H2 {@code (TASK_ID_, NAME_, TYPE_)}, which H2 picks for the join and then reads every instance's batchCode for every
 * task (7.8 million index rows for 2,800 tasks, seen in the benchmark's database: the page took tens of seconds).
 * With {@code (PROC_INST_ID_, NAME_, TYPE_, TASK_ID_)} the same plan reads two rows per task. Flyway cannot create it:
 * it runs before the engine creates its tables on an empty database (EngineConfiguration), so it is created here once
 * the engine has built its schema, if missing (a second node racing for it finds it made).
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    static final String VARIABLE_BY_INSTANCE = "GF_IDX_VAR_PROCINST_NAME";
    private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
        try (Connection c = dataSource.getConnection()) {
            if (!exists(c, "ACT_RU_VARIABLE", VARIABLE_BY_INSTANCE)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE INDEX " + VARIABLE_BY_INSTANCE + " ON ACT_RU_VARIABLE (PROC_INST_ID_, NAME_, TYPE_, TASK_ID_)");
                }
                LOG.info("Created index {} on ACT_RU_VARIABLE", VARIABLE_BY_INSTANCE);
            }
        } catch (SQLException e) {
            // another node made it meanwhile, or the database refuses: the engine works without it, only slower
            LOG.warn("Index {} on ACT_RU_VARIABLE not created: {}", VARIABLE_BY_INSTANCE, e.getMessage());
        }
    }

    static boolean exists(Connection c, String table, String index) throws SQLException {
        for (String name : new String[] {table, table.toLowerCase()}) {
            try (ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), null, name, false, true)) {
                while (rs.next()) {
                    if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

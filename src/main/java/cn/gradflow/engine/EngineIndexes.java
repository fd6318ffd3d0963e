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
 * Issue 13: indexes of GradFlow's on the engine's tables, for what a province's volume makes slow. Flyway cannot create
 * them: it runs before the engine creates its tables on an empty database (EngineConfiguration), so they are created
 * here once the engine has built its schema, if missing (a second node racing for one finds it made).
 * <ul>
 * <li>{@code ACT_RU_VARIABLE (PROC_INST_ID_, NAME_, TYPE_, TASK_ID_)}: Tasklist's filters by a process variable
 * (批次 = batchCode). The engine joins the variables on the task's process instance; its own indexes offer H2
 * {@code (TASK_ID_, NAME_, TYPE_)}, which H2 picks for the join and then reads every instance's batchCode for every
 * task (7.8 million index rows for 2,800 tasks in the benchmark's database: the page took tens of seconds); with this
 * one the same plan reads two rows per task.</li>
 * <li>{@code ACT_RU_TASK (PARENT_TASK_ID_)}: every task completion asks the engine for the task's subtasks
 * ({@code select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?}), and no engine index serves it on any database
 * (camunda/camunda#36824): at 100,000 open tasks that scan cost 130 ms a completion on MariaDB, and both GradFlow's
 * approvals and the bare engine's completions fell to about 15/s in the benchmark.</li>
 * </ul>
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    static final String VARIABLE_BY_INSTANCE = "GF_IDX_VAR_PROCINST_NAME";
    static final String TASK_BY_PARENT = "GF_IDX_TASK_PARENT";
    /** Table, index name, columns. */
    static final String[][] INDEXES = {
            {"ACT_RU_VARIABLE", VARIABLE_BY_INSTANCE, "PROC_INST_ID_, NAME_, TYPE_, TASK_ID_"},
            {"ACT_RU_TASK", TASK_BY_PARENT, "PARENT_TASK_ID_"}};
    private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
        for (String[] index : INDEXES) {
            try (Connection c = dataSource.getConnection()) {
                if (!exists(c, index[0], index[1])) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE INDEX " + index[1] + " ON " + index[0] + " (" + index[2] + ")");
                    }
                    LOG.info("Created index {} on {}", index[1], index[0]);
                }
            } catch (SQLException e) {
                // another node made it meanwhile, or the database refuses: the engine works without it, only slower
                LOG.warn("Index {} on {} not created: {}", index[1], index[0], e.getMessage());
            }
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

package cn.gradflow.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;

import cn.gradflow.batch.Round;

/**
 * R-EL-08's table of which majors may choose a cooperative degree in which round, kept as the DMN
 * decision {@code processes/coop-degree.dmn}: deployed with the processes (Cockpit shows it,
 * Modeler edits it) and evaluated here with the standalone DMN engine, so the check stays plain Java.
 */
public final class CoopDegreeTable {

    static final String RESOURCE = "processes/coop-degree.dmn";
    static final String DECISION = "coopDegreeAllowed";

    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private static final DmnDecision TABLE = load();

    private CoopDegreeTable() {
    }

    public static boolean allowed(String majorName, Round round) {
        Object allowed = DMN.evaluateDecisionTable(TABLE, Map.of("majorName", majorName, "round", round.name()))
                .getSingleEntry();
        return Boolean.TRUE.equals(allowed);
    }

    private static DmnDecision load() {
        try (InputStream in = CoopDegreeTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("缺少决策表 " + RESOURCE);
            }
            return DMN.parseDecision(DECISION, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

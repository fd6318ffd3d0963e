package cn.gradflow.common;

import java.util.List;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Work over many cases as one job per case. A model fans out in two levels: a parallel multi-instance
 * sub-process over chunk numbers (one job per chunk, which only creates its cases' jobs), around an
 * asynchronous multi-instance task over the chunk's cases (one job per case, retried alone, an incident
 * on that case alone). No level holds more than {@link #CHUNK_SIZE} or (cases / CHUNK_SIZE) siblings, so
 * no transaction grows with the batch. The cases are rows in a table, paged in a fixed order.
 */
public final class FanOut {

    public static final int CHUNK_SIZE = 100;

    /** The chunk a sub-process instance handles (its element variable). */
    public static final ProcessVariable<Integer> CHUNK = ProcessVariable.of("chunk", Integer.class);
    /** The case a task instance handles (its element variable). */
    public static final ProcessVariable<String> CASE = ProcessVariable.of("caseStudentNo", String.class);

    private FanOut() {
    }

    /** The chunk numbers for so many cases: 0, 1, ... */
    public static List<Integer> chunks(long cases) {
        return IntStream.range(0, (int) ((cases + CHUNK_SIZE - 1) / CHUNK_SIZE)).boxed().toList();
    }

    /** The first row (in the list's fixed order) of the chunk this execution handles. */
    public static int offset(VariableScope execution) {
        return CHUNK.require(execution) * CHUNK_SIZE;
    }
}

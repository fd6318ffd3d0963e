package cn.gradflow.common;

import java.util.Objects;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A named, typed process variable. Every process declares its variables once as constants of this
 * type, so delegates, listeners, REST and tests never spell a variable name twice.
 */
public final class ProcessVariable<T> {

    private final String name;
    private final Class<T> type;

    private ProcessVariable(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    public static <T> ProcessVariable<T> of(String name, Class<T> type) {
        return new ProcessVariable<>(name, type);
    }

    public String name() {
        return name;
    }

    /** The value, or null where the variable is unset. */
    public T get(VariableScope scope) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("流程变量 " + name + " 类型应为 " + type.getSimpleName()
                    + "，实际为 " + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }

    /** The value; a missing value is a modelling error, not a business outcome. */
    public T require(VariableScope scope) {
        return Objects.requireNonNull(get(scope), () -> "缺少流程变量 " + name);
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    /**
     * The value for the rest of this transaction only (a gateway right after the delegate reads it), written to no engine
     * table. Where an older version persisted the variable, it stays persisted and takes the value: the engine refuses a
     * transient value over a persisted one.
     */
    public void setTransient(VariableScope scope, T value) {
        org.camunda.bpm.engine.variable.value.TypedValue existing = scope.getVariableTyped(name);
        boolean persisted = existing != null && !existing.isTransient();
        scope.setVariable(name, persisted ? value : org.camunda.bpm.engine.variable.Variables.untypedValue(value, true));
    }

    @Override
    public String toString() {
        return name;
    }
}

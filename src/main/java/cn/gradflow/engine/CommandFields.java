package cn.gradflow.engine;

import java.lang.reflect.Field;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A field of an engine command, read by reflection (engine internals: the commands keep what GradFlow's plugins must
 * see, e.g. a completion's {@code taskId} and variables, in protected fields without getters). One place for the
 * input guard and {@link CompletionRace}; their tests fail if an engine upgrade renames a field.
 */
public final class CommandFields {

    private CommandFields() {
    }

    /**
     * The field {@code name} of {@code command} or of a superclass; a ProcessEngineException where there is none, so the
     * input guard refuses a command it cannot read rather than letting it pass unchecked.
     */
    public static <T> T field(Object command, String name, Class<T> type) {
        for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return type.cast(f.get(command));
            } catch (NoSuchFieldException next) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                break;
            }
        }
        throw new ProcessEngineException("GradFlow cannot read " + command.getClass().getName() + "." + name);
    }
}

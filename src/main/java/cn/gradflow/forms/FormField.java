package cn.gradflow.forms;

import java.util.Set;

/**
 * One input of a form: its variable name, what it may hold and its limits.
 *
 * @param limit maximum characters for text, maximum bytes for a file (null: no limit of the form's own)
 */
public record FormField(String name, String label, Kind kind, Set<String> options, Integer limit, Double min,
                        boolean readonly) {

    public enum Kind { TEXT, CHOICE, BOOLEAN, NUMBER, FILE }
}

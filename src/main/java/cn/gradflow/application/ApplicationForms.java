package cn.gradflow.application;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.VariableScope;

import cn.gradflow.batch.Round;
import cn.gradflow.checks.ApplicationChoice;

import static cn.gradflow.application.ApplicationProcess.*;

/** Reads what a clerk entered in a form; refuses values no form offers. */
public final class ApplicationForms {

    private ApplicationForms() {
    }

    /** The application choice entered so far, or null before the centre applied. */
    static ApplicationChoice choice(VariableScope scope, Round round) {
        String kind = APPLICATION_KIND.get(scope);
        if (kind == null || kind.isBlank()) {
            return null;
        }
        String degreeType = DEGREE_TYPE.get(scope);
        boolean letter = Boolean.TRUE.equals(COMMITMENT_LETTER.get(scope));
        // R-EL-09: the wishes are the letter's; without a letter there are none, without a degree wished no type
        ApplicationChoice.Kind letterKind = letter ? optional(ApplicationChoice.Kind.class, LETTER_KIND.get(scope), "承诺书意愿") : null;
        if (letterKind == ApplicationChoice.Kind.DEFERRED) {
            throw new BadUserRequestException("承诺书意愿无效：" + letterKind.name());
        }
        ApplicationChoice.DegreeType letterDegreeType = letterKind == ApplicationChoice.Kind.GRADUATION_DEGREE
                ? optional(ApplicationChoice.DegreeType.class, LETTER_DEGREE_TYPE.get(scope), "承诺书学位类型") : null;
        return new ApplicationChoice(parse(ApplicationChoice.Kind.class, kind, "申请类型"),
                optional(ApplicationChoice.DegreeType.class, degreeType, "学位类型"),
                letter, letterKind, letterDegreeType, round);
    }

    private static <E extends Enum<E>> E optional(Class<E> type, String value, String field) {
        return value == null || value.isBlank() ? null : parse(type, value, field);
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new BadUserRequestException("请选择" + field);
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new BadUserRequestException(field + "无效：" + value);
        }
    }
}

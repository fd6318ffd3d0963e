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
        return new ApplicationChoice(parse(ApplicationChoice.Kind.class, kind, "申请类型"),
                degreeType == null || degreeType.isBlank() ? null : parse(ApplicationChoice.DegreeType.class, degreeType, "学位类型"),
                Boolean.TRUE.equals(COMMITMENT_LETTER.get(scope)), round);
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

package cn.gradflow.roster;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TermTest {

    @ParameterizedTest
    @CsvSource({"201803, 2018春", "201809, 2018秋", "202601, 2026年1月"})
    void labels(String code, String label) {
        assertThat(Term.parse(code).label()).isEqualTo(label);
        assertThat(Term.parse(code).code()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2018", "201813", "2018-03", "abcdef", "2018030"})
    void rejectsMalformedCodes(String code) {
        assertThatThrownBy(() -> Term.parse(code)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("YYYYMM");
    }

    @ParameterizedTest
    @CsvSource({"201803, 202601, true", "202601, 202601, false", "202607, 202601, false"})
    void ordersByYearThenMonth(String a, String b, boolean before) {
        assertThat(Term.parse(a).isBefore(Term.parse(b))).isEqualTo(before);
    }
}

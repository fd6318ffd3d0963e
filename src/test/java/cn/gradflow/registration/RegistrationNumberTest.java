package cn.gradflow.registration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.gradflow.roster.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationNumberTest {

    @ParameterizedTest
    @CsvSource({"2026, BACHELOR, 1, 51161820265000001", "2024, JUNIOR, 999999, 51161820246999999"})
    void formats17Digits(int year, Level level, int sequence, String expected) {
        String number = RegistrationNumber.format(year, level, sequence);
        assertThat(number).isEqualTo(expected).hasSize(17).matches(RegistrationNumber.FORMAT);
    }

    @Test
    void refusesSequenceOutsideSixDigits() {
        assertThatThrownBy(() -> RegistrationNumber.format(2026, Level.BACHELOR, 1_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegistrationNumber.format(2026, Level.BACHELOR, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

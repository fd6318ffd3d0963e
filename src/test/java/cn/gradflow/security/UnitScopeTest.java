package cn.gradflow.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UnitScopeTest {

    @ParameterizedTest
    @CsvSource({"440106199001011234, 4401**********1234", "T00000000000000012, T000**********0012", "1234567, *******"})
    void idNumbersAreMaskedInTheMiddle(String id, String masked) {
        assertThat(UnitScope.mask(id)).isEqualTo(masked);
    }
}

package cn.gradflow.application;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.registration.RegistrationNumber;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

@GradFlowSpringTest
class RegistrationNumberUniquenessTest {

    @Autowired TestRoster roster;
    @Autowired RegistrationRace race;

    @Test
    void fiftyCasesFinishingAtOnceGetFiftyDistinctWellFormedNumbers() throws Exception {
        roster.ensureBase();

        List<String> numbers = race.run(50, 8);

        assertThat(numbers).hasSize(50).allMatch(n -> RegistrationNumber.FORMAT.matcher(n).matches());
        assertThat(new HashSet<>(numbers)).hasSize(50);
    }
}

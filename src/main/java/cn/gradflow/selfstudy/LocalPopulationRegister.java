package cn.gradflow.selfstudy;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The demo's population register: the table {@code ss_population_register}. A real adapter replaces this bean. */
@Component
class LocalPopulationRegister implements PopulationRegister {

    private record Person(String name, String sex, LocalDate birthDate) {
    }

    private final JdbcClient jdbc;

    LocalPopulationRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Verdict verify(SelfStudyCandidate c) {
        return jdbc.sql("SELECT name, sex, birth_date FROM ss_population_register WHERE id_number = ?").param(c.idNumber())
                .query((rs, n) -> new Person(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate())).optional()
                .map(p -> !p.name().equals(c.name()) ? Verdict.mismatch("姓名与人口库不一致")
                        : !p.sex().equals(c.sex()) ? Verdict.mismatch("性别与人口库不一致")
                        : !p.birthDate().equals(c.birthDate()) ? Verdict.mismatch("出生日期与人口库不一致")
                        : Verdict.match())
                .orElse(Verdict.mismatch("人口库中没有该身份证号"));
    }
}

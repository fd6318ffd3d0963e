package cn.gradflow.application;

import java.time.LocalDate;

import cn.gradflow.batch.Round;
import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.roster.Tier;

/** A row of {@code application}, with its registration number once issued. */
public record ApplicationRecord(long id, String batchCode, String studentNo, String processInstanceId,
                                ApplicationChoice.Kind kind, ApplicationChoice.DegreeType degreeType,
                                boolean commitmentLetter, ApplicationChoice.Kind letterKind,
                                ApplicationChoice.DegreeType letterDegreeType, Round round, ApplicationState state, Tier tier,
                                String registrationNo, LocalDate certificateIssueDate) {
}

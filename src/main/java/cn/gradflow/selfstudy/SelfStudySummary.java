package cn.gradflow.selfstudy;

import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** The candidate's record and the case's trail as the forms show them (Markdown for Camunda Forms' text). */
@Component
class SelfStudySummary {

    private static final java.util.Map<String, String> DOCUMENT_LABELS = java.util.Map.of("ID_FRONT", "身份证正面",
            "ID_BACK", "身份证反面", "ID_HANDHELD", "手持身份证", "CERTIFICATE_PHOTO", "毕业证照");

    private final SelfStudyRepository repository;

    SelfStudySummary(SelfStudyRepository repository) {
        this.repository = repository;
    }

    String of(long caseId) {
        SelfStudyRepository.CaseRow row = repository.requireCase(caseId);
        SelfStudyCandidate c = repository.candidate(row.candidateNo()).orElseThrow();
        StringBuilder s = new StringBuilder();
        s.append("- 准考证号：").append(c.candidateNo()).append("\n- 姓名：").append(c.name()).append("\n- 性别：").append(c.sex())
                .append("\n- 身份证号：").append(c.idNumber()).append("\n- 出生日期：").append(c.birthDate())
                .append("\n- 层次与专业：").append(c.levelLabel()).append(" ").append(c.majorCode()).append(" ").append(c.majorName())
                .append("\n- 主考学校：").append(c.examiningUniversity());
        if (row.priorDegreeKind() != null) {
            s.append("\n- 前置学历：").append(PriorDegree.Kind.valueOf(row.priorDegreeKind()).label())
                    .append(row.priorDegreeNo() == null ? "" : " " + row.priorDegreeNo())
                    .append(row.priorDegreeVerified() ? "（省考办已查验）" : "（待省考办查验）");
        }
        s.append("\n- 办理状态：").append(row.state().label());
        if (RegistrationForms.APPLIED.contains(row.state())) {
            s.append("\n- [打印《毕业生登记表》（PDF，一式两份，双面打印）](/api/self-study/sessions/").append(row.sessionCode())
                    .append("/cases/").append(row.candidateNo()).append("/registration-form.pdf)");
        }
        s.append("\n\n各科成绩：\n\n").append(repository.grades(c.candidateNo()).stream()
                .map(g -> "- " + g.courseCode() + " " + g.courseName() + "：" + g.score() + " 分（" + g.examSession() + "）")
                .collect(Collectors.joining("\n")));
        if (!repository.documents(caseId).isEmpty()) {
            // links to GradFlow's own endpoint, which answers the offices and the candidate only (SelfStudyScope)
            s.append("\n\n已上传（点击查看）：\n\n").append(repository.documents(caseId).stream()
                    .map(d -> "- [" + DOCUMENT_LABELS.getOrDefault(d.kind(), d.kind()) + "](/api/self-study/sessions/"
                            + row.sessionCode() + "/cases/" + row.candidateNo() + "/documents/" + d.kind() + ")")
                    .collect(Collectors.joining("\n")));
        }
        return s.toString();
    }
}

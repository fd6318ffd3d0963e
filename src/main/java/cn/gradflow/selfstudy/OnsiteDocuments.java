package cn.gradflow.selfstudy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import cn.gradflow.checks.Finding;

/**
 * R-SS-02: the materials a candidate hands in at the on-site check (韶关 notice 四（四）、（五）): the signed
 * registration form for everyone; for bachelor candidates with a non-mainland ID, a foreign prior degree or
 * a changed name or ID number, the special-case documents; for four majors, their certificates.
 */
public final class OnsiteDocuments {

    public static final String RULE = "R-SS-02";

    /** 食品营养与卫生: the seven courses that call for a medical diploma (course codes as in the notice). */
    public static final Set<String> NUTRITION_MEDICAL_COURSES = Set.of("05747", "05748", "05749", "05750", "05751", "05752", "00988");

    private OnsiteDocuments() {
    }

    public enum Document {
        REGISTRATION_FORM("已签署意见并加盖公章的《毕业生登记表》一式两份", "hasRegistrationForm"),
        PRIOR_CERTIFICATE("前置学历毕业证书原件及复印件", "hasPriorCertificate"),
        STUDENT_STATUS_REPORT("《教育部学籍在线验证报告》", "hasStudentStatusReport"),
        CHSI_RECORD_FORM("《教育部学历证书电子注册备案表》", "hasChsiRecordForm"),
        ID_CARD("身份证原件及复印件", "hasIdCard"),
        FOREIGN_CERTIFICATION("《国外学历学位认证书》原件及复印件", "hasForeignCertification"),
        POLICE_PROOF("公安部门出具的姓名或身份证号变更证明", "hasPoliceProof"),
        MECHANICAL_CERTIFICATES("机械类工种高级国家职业资格证书和高级技工学校毕业证书", "hasMechanicalCertificates"),
        ELECTRICAL_CERTIFICATES("电气类工种高级职业资格证书和高级技工学校毕业证书", "hasElectricalCertificates"),
        PHARMACY_LICENCE("有效期内的卫生类执业证书（证书上须有“执业”二字）", "hasPharmacyLicence"),
        MEDICAL_DIPLOMA("医学相关专业的中专或专科毕业证书原件及复印件", "hasMedicalDiploma");

        private final String label;
        private final String field;

        Document(String label, String field) {
            this.label = label;
            this.field = field;
        }

        public String label() {
            return label;
        }

        /** The checkbox of the on-site check form. */
        public String field() {
            return field;
        }
    }

    /**
     * What the candidate must hand in.
     *
     * @param passedCourses      course codes the candidate passed
     * @param priorIsSelfStudy   the prior degree is a self-study one (no student-status report needed)
     */
    public static Set<Document> required(SelfStudyCandidate c, Collection<String> passedCourses, boolean priorIsSelfStudy) {
        Set<Document> required = EnumSet.of(Document.REGISTRATION_FORM);
        if (c.bachelor()) {
            if (c.nonMainlandId() || c.identityChanged()) {
                required.add(Document.PRIOR_CERTIFICATE);
                if (!priorIsSelfStudy) {
                    required.add(Document.STUDENT_STATUS_REPORT);
                }
                required.add(Document.CHSI_RECORD_FORM);
                required.add(Document.ID_CARD);
            }
            if (c.foreignPriorDegree()) {
                required.add(Document.FOREIGN_CERTIFICATION);
                required.add(Document.ID_CARD);
            }
            if (c.identityChanged()) {
                required.add(Document.POLICE_PROOF);
            }
        }
        switch (c.majorName()) {
            case "机械制造与自动化" -> required.add(Document.MECHANICAL_CERTIFICATES);
            case "电气自动化技术" -> required.add(Document.ELECTRICAL_CERTIFICATES);
            case "药学" -> required.add(Document.PHARMACY_LICENCE);
            case "食品营养与卫生" -> {
                if (passedCourses.stream().anyMatch(NUTRITION_MEDICAL_COURSES::contains)) {
                    required.add(Document.MEDICAL_DIPLOMA);
                }
            }
            default -> {
                // no major-specific certificate
            }
        }
        return required;
    }

    /** One blocking finding per required document not handed in. */
    public static List<Finding> missing(Set<Document> required, Set<Document> handedIn) {
        List<Finding> findings = new ArrayList<>();
        for (Document d : required) {
            if (!handedIn.contains(d)) {
                findings.add(Finding.blocking(RULE, "ONSITE_DOCUMENT_MISSING", "现场材料缺少：" + d.label(), d.name()));
            }
        }
        return findings;
    }
}

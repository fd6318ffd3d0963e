package cn.gradflow.demo;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.gradflow.admission.AdmissionCaseRepository;
import cn.gradflow.admission.AdmissionOffices;
import cn.gradflow.admission.AdmissionReviewProcess.Kind;
import cn.gradflow.admission.AdmissionReviewProcess.Office;
import cn.gradflow.admission.AdmissionReviewStarter;
import cn.gradflow.admission.CandidateNumbers;
import cn.gradflow.admission.ChsiSelfChecks;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.roster.RosterRepository;

/**
 * The 北京 notice's demo (issue 15 item 3), after {@link DemoDataLoader} (on ApplicationReadyEvent, which follows
 * every runner): 生命健康学院 (SMJK) gets an enrolment office and an academic affairs office with a login each;
 * its students get 考生号; {@value #MISMATCH} gets another person's admission photo and a photo comparison case
 * waiting for 教务处. Creates only what is missing, like the loader.
 */
@Component
@Profile("demo")
class AdmissionDemoData {

    static final String SCHOOL = "SMJK";
    static final String MISMATCH = "2110100000195";
    static final String MATCH = "2110100000003";
    static final List<DemoStaff> STAFF = List.of(
            new DemoStaff("zsb1", "生命健康学院招生办", "招生员", "SMJKZSB"),
            new DemoStaff("jwc1", "生命健康学院教务处", "教务员", "SMJKJWC"));

    private static final Logger log = LoggerFactory.getLogger(AdmissionDemoData.class);

    private final AdmissionOffices offices;
    private final CandidateNumbers candidateNumbers;
    private final PhotoRepository photos;
    private final RosterRepository roster;
    private final AdmissionReviewStarter starter;
    private final AdmissionCaseRepository cases;
    private final ChsiSelfChecks selfChecks;
    private final IdentityService identity;
    private final SchoolClock clock;
    private final String password;

    AdmissionDemoData(AdmissionOffices offices, CandidateNumbers candidateNumbers, PhotoRepository photos, RosterRepository roster,
                      AdmissionReviewStarter starter, AdmissionCaseRepository cases, ChsiSelfChecks selfChecks,
                      IdentityService identity, SchoolClock clock, @Value("${gradflow.demo.password}") String password) {
        this.offices = offices;
        this.candidateNumbers = candidateNumbers;
        this.photos = photos;
        this.roster = roster;
        this.starter = starter;
        this.cases = cases;
        this.selfChecks = selfChecks;
        this.identity = identity;
        this.clock = clock;
        this.password = password;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (roster.findStudent(MISMATCH).isEmpty()) {
            log.warn("Admission demo skipped: the demo students are missing");
            return;
        }
        offices.configure(SCHOOL, Office.ENROLMENT, "SMJKZSB", "生命健康学院招生办");
        offices.configure(SCHOOL, Office.ACADEMIC_AFFAIRS, "SMJKJWC", "生命健康学院教务处");
        for (DemoStaff staff : STAFF) {
            if (identity.createUserQuery().userId(staff.userId()).count() == 0) {
                User user = identity.newUser(staff.userId());
                user.setFirstName(staff.firstName());
                user.setLastName(staff.lastName());
                user.setPassword(password);
                user.setEmail(staff.userId() + "@demo.gradflow.invalid");
                identity.saveUser(user);
            }
            if (identity.createUserQuery().userId(staff.userId()).memberOfGroup(staff.unitCode()).count() == 0) {
                identity.createMembership(staff.userId(), staff.unitCode());
            }
        }
        // 考生号 for the college's students (index ≡ 3 mod 4): 26 (year) 11 (北京) 0101 + the 6-digit index
        for (int i = 3; i < DemoDataLoader.STUDENTS; i += 4) {
            String studentNo = DemoDataLoader.studentNo(i);
            if (candidateNumbers.of(studentNo).isEmpty()) {
                candidateNumbers.set(studentNo, String.format("26110101%06d", i));
            }
            // half of them have self-checked their CHSI record (R-ID-08): the other half are listed
            if (i % 8 == 3 && !selfChecks.recorded(studentNo)) {
                selfChecks.record(studentNo, clock.today().minusDays(10), "jwc1");
            }
        }
        if (photos.find(MISMATCH, PhotoRepository.Kind.ADMISSION).isEmpty()) {
            photos.save(MISMATCH, PhotoRepository.Kind.ADMISSION, DemoPhoto.admissionPhoto(DemoPhoto.Person.SOMEONE_ELSE));
        }
        if (cases.forStudent(MISMATCH).isEmpty()) {
            starter.startBySystem(Kind.PHOTO_COMPARISON, MISMATCH, "学历电子注册前比对");
            log.info("Admission demo: photo comparison case started for {}", MISMATCH);
        }
    }
}

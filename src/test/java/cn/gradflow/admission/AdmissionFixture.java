package cn.gradflow.admission;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import cn.gradflow.admission.AdmissionReviewProcess.Kind;
import cn.gradflow.admission.AdmissionReviewProcess.Office;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** The test school (生命健康学院 of the test roster) with its two offices and logins, students and cases. */
@Component
public class AdmissionFixture {

    public static final String SCHOOL = "SMJK";
    public static final String ENROLMENT_GROUP = "SMJKZSB";
    public static final String AFFAIRS_GROUP = "SMJKJWC";
    public static final String ENROLMENT_USER = "zsb1";
    public static final String AFFAIRS_USER = "jwc1";
    private static final AtomicInteger CANDIDATES = new AtomicInteger(100);

    private final TestRoster roster;
    private final AdmissionOffices offices;
    private final CandidateNumbers candidateNumbers;
    private final PhotoRepository photos;
    private final IdentityService identity;
    private final AdmissionReviewStarter starter;
    private final AdmissionCaseRepository cases;
    private final RuntimeService runtime;
    private final TaskService tasks;

    AdmissionFixture(TestRoster roster, AdmissionOffices offices, CandidateNumbers candidateNumbers, PhotoRepository photos,
                     IdentityService identity, AdmissionReviewStarter starter, AdmissionCaseRepository cases, RuntimeService runtime,
                     TaskService tasks) {
        this.roster = roster;
        this.offices = offices;
        this.candidateNumbers = candidateNumbers;
        this.photos = photos;
        this.identity = identity;
        this.starter = starter;
        this.cases = cases;
        this.runtime = runtime;
        this.tasks = tasks;
    }

    public synchronized void ensure() {
        roster.ensureBase();
        offices.configure(SCHOOL, Office.ENROLMENT, ENROLMENT_GROUP, "学院招生办");
        offices.configure(SCHOOL, Office.ACADEMIC_AFFAIRS, AFFAIRS_GROUP, "学院教务处");
        for (String[] staff : new String[][] {{ENROLMENT_USER, ENROLMENT_GROUP}, {AFFAIRS_USER, AFFAIRS_GROUP}}) {
            if (identity.createUserQuery().userId(staff[0]).count() == 0) {
                User user = identity.newUser(staff[0]);
                user.setPassword(TestRoster.PASSWORD);
                identity.saveUser(user);
                identity.createMembership(staff[0], staff[1]);
            }
        }
    }

    /** A student of the college's centre with a graduation photo, a 考生号 and (if asked) an admission photo. */
    public String student(boolean admissionPhoto) {
        String no = roster.eligibleStudent(TestRoster.LC_COLLEGE, "XZGL");
        candidateNumbers.set(no, candidateNo(no));
        if (admissionPhoto) {
            photos.save(no, PhotoRepository.Kind.ADMISSION, PhotoFixtures.admissionJpeg());
        }
        return no;
    }

    /** Another admission photo of the student (other bytes, the same profile), told apart by {@code headTop}. */
    public static byte[] anotherAdmissionJpeg(int headTop) {
        return PhotoFixtures.admissionJpeg(headTop);
    }

    public static String candidateNo(String studentNo) {
        return "2611" + studentNo.substring(studentNo.length() - 10);
    }

    public long start(Kind kind, String studentNo, String user) {
        roster.authenticate(user);
        try {
            return starter.start(kind, studentNo, "测试");
        } finally {
            identity.clearAuthentication();
        }
    }

    public String processInstanceId(long caseId) {
        return cases.find(caseId).orElseThrow().processInstanceId();
    }

    /** Completes the case's waiting task as the user, with the form's two fields. */
    public void act(long caseId, String user, String decision, String reason) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId(caseId)).singleResult();
        assertThat(task).as("waiting task").isNotNull();
        roster.authenticate(user);
        try {
            java.util.Map<String, Object> form = new java.util.HashMap<>(Map.of("admissionDecision", decision));
            if (reason != null) {
                form.put("admissionReason", reason);
            }
            tasks.complete(task.getId(), form);
        } finally {
            identity.clearAuthentication();
        }
    }
}

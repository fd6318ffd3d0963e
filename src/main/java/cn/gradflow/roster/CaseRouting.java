package cn.gradflow.roster;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Who works on a case, read from GradFlow's records at the moment it is needed — never from a
 * process variable, which a client could have sent with a form. The case is named by its business
 * key, which only GradFlow sets: {@code <batch>-<studentNo>} for a student's application and its
 * identity review, {@code A<case>-<studentNo>} for an admission review (admission-review.bpmn), {@code <batch>-<branch>} for a branch's batch, expiry and HQ-list processes.
 * As bean {@code caseRouting} it gives the BPMN's candidate groups and the chain-shape gateway.
 */
@Component("caseRouting")
public class CaseRouting {

    /** Processes whose business key names a student; the others name a branch. */
    private static final Set<String> STUDENT_PROCESSES = Set.of("graduation-application", "identity-review", "admission-review");

    private final RosterRepository roster;

    CaseRouting(RosterRepository roster) {
        this.roster = roster;
    }

    public String learningCenter(DelegateExecution execution) {
        return studentChain(execution).learningCenter().code();
    }

    /** The city tier of a student's case; null where the branch has none (R-ORG-01). */
    public String city(DelegateExecution execution) {
        ApprovalChain chain = studentChain(execution);
        return chain.hasCityTier() ? chain.city().code() : null;
    }

    public boolean hasCityTier(DelegateExecution execution) {
        return studentChain(execution).hasCityTier();
    }

    public String branch(DelegateExecution execution) {
        return isStudentCase(execution) ? studentChain(execution).branch().code() : branchOfKey(execution).code();
    }

    public String hq(DelegateExecution execution) {
        return isStudentCase(execution) ? studentChain(execution).hq().code() : branchOfKey(execution).parentCode();
    }

    /** A unit's name for a task's title (the code where the roster has no such unit). */
    public String unitName(String code) {
        return code == null ? "" : roster.findUnit(code).map(Unit::name).orElse(code);
    }

    /**
     * A task's title as Tasklist lists it: the step (the BPMN element's plain name, so the diagram shows no
     * expression) and what it is about — the student as {@code 姓名（学号）}, which Tasklist's search by name or
     * 学号 matches, or the batch and the unit ({@code 202601（广州开放大学）}): the unit that works on the task (a
     * city confirming its part of the list, a city's statistics), or the branch of the key where that unit is
     * the branch itself or HQ (HQ's overdue task is about the branch's list). A college (no city tier,
     * R-ORG-01) calls its branch-tier steps 学院….
     */
    public String taskTitle(DelegateExecution execution, String step, String candidateGroup) {
        if (isStudentCase(execution)) {
            Student student = student(execution);
            String named = !studentChain(execution).hasCityTier() && step.startsWith("分部") ? "学院" + step.substring(2) : step;
            return named + "：" + student.name() + "（" + student.studentNo() + "）";
        }
        String key = execution.getProcessBusinessKey();
        boolean belowHq = candidateGroup != null && roster.findUnit(candidateGroup).filter(u -> u.tier() != Tier.HQ).isPresent();
        return step + "：" + key.substring(0, key.indexOf('-')) + "（" + unitName(belowHq ? candidateGroup : branchOfKey(execution).code()) + "）";
    }

    /** The units that may read the case: its own and every unit above them (R-ORG-02). */
    public List<String> readers(DelegateExecution execution) {
        if (isStudentCase(execution)) {
            return roster.unitAndAncestors(student(execution).unitCode());
        }
        return roster.unitAndAncestors(branchOfKey(execution).code());
    }

    private ApprovalChain studentChain(DelegateExecution execution) {
        return roster.chainOf(student(execution).unitCode());
    }

    private Student student(DelegateExecution execution) {
        return roster.findStudent(keyPart(execution))
                .orElseThrow(() -> new IllegalStateException("业务键中的学号不存在：" + execution.getProcessBusinessKey()));
    }

    private Unit branchOfKey(DelegateExecution execution) {
        String code = keyPart(execution);
        return roster.findUnit(code).filter(u -> u.tier() == Tier.BRANCH)
                .orElseThrow(() -> new IllegalStateException("业务键中的分部不存在：" + execution.getProcessBusinessKey()));
    }

    private static String keyPart(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        int dash = key == null ? -1 : key.indexOf('-');
        if (dash <= 0 || dash == key.length() - 1) {
            throw new IllegalStateException("流程实例缺少业务键 <批次>-<学号或分部>：" + key);
        }
        return key.substring(dash + 1);
    }

    /** The definition id is {@code <key>:<version>:<id>}. */
    private static boolean isStudentCase(DelegateExecution execution) {
        String definitionId = execution.getProcessDefinitionId();
        return STUDENT_PROCESSES.contains(definitionId.substring(0, definitionId.indexOf(':')));
    }
}

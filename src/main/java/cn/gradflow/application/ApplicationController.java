package cn.gradflow.application;

import cn.gradflow.common.SchoolClock;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.common.TextLimits;
import cn.gradflow.roster.ApprovalChain;
import cn.gradflow.roster.RosterInconsistencyException;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.roster.Tier;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

@RestController
@RequestMapping("/api")
class ApplicationController {

    /** One request starts at most this many; larger lists go in several requests or the Excel import. */
    static final int MAX_STUDENTS_PER_REQUEST = 5000;

    private final ApplicationRepository applications;
    private final SchoolClock clock;
    private final ApplicationStarter starter;
    private final BatchRepository batches;
    private final RosterRepository roster;
    private final UnitScope scope;
    private final CurrentUser currentUser;
    private final HqListWithdrawalService withdrawals;

    ApplicationController(ApplicationRepository applications, ApplicationStarter starter, BatchRepository batches,
                          RosterRepository roster, UnitScope scope, SchoolClock clock, CurrentUser currentUser,
                          HqListWithdrawalService withdrawals) {
        this.currentUser = currentUser;
        this.withdrawals = withdrawals;
        this.clock = clock;
        this.applications = applications;
        this.starter = starter;
        this.batches = batches;
        this.roster = roster;
        this.scope = scope;
    }

    record StartRequest(List<String> studentNos) {
    }

    record StartResponse(String batchCode, Map<StartResult.Outcome, Long> counts, List<StartResult> results) {
    }

    @GetMapping("/applications/{batchCode}/{studentNo}")
    ApplicationView application(@PathVariable String batchCode, @PathVariable String studentNo) {
        Student student = roster.findStudent(studentNo)
                .orElseThrow(() -> ApiException.notFound("学号不存在：" + studentNo));
        var chain = roster.chainOf(student.unitCode());
        if (!scope.covers(chain)) {
            throw ApiException.forbidden("无权查看其他单位的学生：" + studentNo);
        }
        ApplicationRecord a = applications.find(batchCode, studentNo)
                .orElseThrow(() -> ApiException.notFound("该生在批次 " + batchCode + " 没有毕业申请：" + studentNo));
        return new ApplicationView(a.batchCode(), a.studentNo(), student.name(),
                scope.idNumberFor(student.idNumber(), chain.hq().code()), a.state().name(), a.state().label(),
                a.tier().name(), a.tier().label(), a.round().name(), a.kind() == null ? null : a.kind().name(),
                a.degreeType() == null ? null : a.degreeType().name(), a.commitmentLetter(),
                a.letterKind() == null ? null : a.letterKind().name(),
                a.letterDegreeType() == null ? null : a.letterDegreeType().name(),
                applications.findings(a.id()).stream()
                        .map(f -> new ApplicationView.FindingView(f.rule(), f.rules(), f.code(), f.severity().name(), f.message(), f.evidence()))
                        .toList(),
                a.registrationNo(), a.certificateIssueDate(),
                applications.decisions(a.id()).stream()
                        .map(d -> new ApplicationView.DecisionView(d.userId(), d.unitCode(), d.tier().name(), d.decidedAt(),
                                d.decision(), DecisionLabels.label(d.decision()), d.reason()))
                        .toList(),
                applications.trailIntact(a.id()), a.processInstanceId());
    }

    record WithdrawRequest(String decision, String reason) {
    }

    record WithdrawResponse(String batchCode, String studentNo, String decision, String decisionLabel,
                            String state, String stateLabel, String tier) {
    }

    /**
     * Issue 11: the branch (or HQ) takes a case off the way to HQ while it waits at 待分部上报总部 —
     * back to 分部复审, back to the centre's 整改, or 暂缓毕业. Only the case's branch, HQ and admins.
     */
    @PostMapping("/applications/{batchCode}/{studentNo}/withdraw-from-hq-list")
    WithdrawResponse withdrawFromHqList(@PathVariable String batchCode, @PathVariable String studentNo,
                                        @RequestBody(required = false) WithdrawRequest request) {
        Student student = roster.findStudent(studentNo)
                .orElseThrow(() -> ApiException.notFound("学号不存在：" + studentNo));
        ApprovalChain chain = roster.chainOf(student.unitCode());
        if (!scope.covers(chain)) {
            throw ApiException.forbidden("无权办理其他单位的学生：" + studentNo);
        }
        if (!scope.coversUnit(chain.branch().code())) {
            throw ApiException.forbidden("只有该生所属" + chain.branch().name() + "或总部可将其撤出上报总部：" + studentNo);
        }
        ApplicationProcess.HqListWithdrawal withdrawal = parse(request);
        String reason = request.reason();
        String problem = TextLimits.problem("原因", reason, TextLimits.DECISION_REASON);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
        ApplicationRecord a = applications.find(batchCode, studentNo)
                .orElseThrow(() -> ApiException.notFound("该生在批次 " + batchCode + " 没有毕业申请：" + studentNo));
        Tier tier = currentUser.groupIds().contains(chain.branch().code()) ? Tier.BRANCH : Tier.HQ;
        ApplicationRecord after = withdrawals.withdraw(a, withdrawal, reason, currentUser.id(), tier);
        return new WithdrawResponse(after.batchCode(), after.studentNo(), withdrawal.name(),
                DecisionLabels.label(withdrawal.trailCode()), after.state().name(), after.state().label(), after.tier().name());
    }

    private static ApplicationProcess.HqListWithdrawal parse(WithdrawRequest request) {
        String expected = "请求体须为 {\"decision\": \"BACK_TO_BRANCH_REVIEW|CORRECTION|DEFER\", \"reason\": \"原因\"}";
        if (request == null || request.decision() == null) {
            throw ApiException.badRequest(expected);
        }
        try {
            return ApplicationProcess.HqListWithdrawal.valueOf(request.decision().strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("decision 不认识：" + request.decision() + "；" + expected);
        }
    }

    @PostMapping("/batches/{batchCode}/applications")
    StartResponse start(@PathVariable String batchCode, @RequestBody(required = false) StartRequest request) {
        if (request == null || request.studentNos() == null || request.studentNos().isEmpty()) {
            throw ApiException.badRequest("请求体须为 {\"studentNos\": [\"学号\", ...]}，且至少一个学号");
        }
        if (request.studentNos().size() > MAX_STUDENTS_PER_REQUEST) {
            throw ApiException.badRequest("一次最多提交 " + MAX_STUDENTS_PER_REQUEST + " 个学号，本次 " + request.studentNos().size() + " 个");
        }
        String tooLong = cn.gradflow.common.TextLimits.studentNoProblem(request.studentNos());
        if (tooLong != null) {
            throw ApiException.badRequest(tooLong);
        }
        Batch batch = batches.findBatch(batchCode).orElseThrow(() -> ApiException.notFound("批次不存在：" + batchCode));
        LocalDate today = clock.today();
        Set<String> studentNos = request.studentNos().stream()
                .map(no -> no == null ? "" : no.strip())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        // refusals first (unknown, another unit's, inconsistent roster), then the rest started together (issue 13)
        Map<String, StartResult> refused = new java.util.HashMap<>();
        List<String> permitted = new java.util.ArrayList<>();
        for (String no : studentNos) {
            StartResult refusal = refusal(no);
            if (refusal == null) {
                permitted.add(no);
            } else {
                refused.put(no, refusal);
            }
        }
        refuseImpostors(permitted);
        Map<String, StartResult> started = starter.startAll(batch, permitted, today).stream()
                .collect(Collectors.toMap(StartResult::studentNo, r -> r));
        List<StartResult> results = studentNos.stream().map(no -> refused.containsKey(no) ? refused.get(no) : started.get(no)).toList();
        Map<StartResult.Outcome, Long> counts = results.stream()
                .collect(Collectors.groupingBy(StartResult::result, () -> new java.util.EnumMap<>(StartResult.Outcome.class),
                        Collectors.counting()));
        return new StartResponse(batch.code(), counts, results);
    }

    /**
     * R-ID-04: a request naming a proven impostor of the caller's units is refused whole (403, nothing started), so
     * the clerk sees it at once instead of one line among thousands; other units' students stay FORBIDDEN. Asked of
     * the students {@link #refusal} let through: those of the caller's units, their roster consistent.
     */
    private void refuseImpostors(List<String> permitted) {
        List<StartResult> refused = permitted.stream()
                .map(starter::identityRefusal).flatMap(java.util.Optional::stream).toList();
        if (!refused.isEmpty()) {
            throw new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "IDENTITY_REFUSED", refused.get(0).message() + "："
                    + refused.stream().map(StartResult::studentNo).collect(Collectors.joining("、")) + "；本次未启动任何申请");
        }
    }

    /** Why this user may not start the student's application; null when they may. */
    private StartResult refusal(String studentNo) {
        var student = roster.findStudent(studentNo);
        if (student.isEmpty()) {
            return new StartResult(studentNo, StartResult.Outcome.NOT_FOUND, "学号不存在");
        }
        try {
            if (!scope.covers(roster.chainOf(student.get().unitCode()))) {
                return new StartResult(studentNo, StartResult.Outcome.FORBIDDEN, "该生不属于本单位，无权办理");
            }
            return null;
        } catch (RosterInconsistencyException e) {
            return new StartResult(studentNo, StartResult.Outcome.ROSTER_INCONSISTENT, "学籍基础数据有误：" + e.getMessage());
        }
    }
}

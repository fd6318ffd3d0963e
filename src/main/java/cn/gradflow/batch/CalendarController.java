package cn.gradflow.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Term;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/** A branch registry keeps its batch calendar here; cities set their narrower windows. */
@RestController
@RequestMapping("/api/batches/{batchCode}")
class CalendarController {

    private final BatchRepository batches;
    private final RosterRepository roster;
    private final UnitScope scope;
    private final ApplicationEventPublisher events;

    CalendarController(BatchRepository batches, RosterRepository roster, UnitScope scope, ApplicationEventPublisher events) {
        this.batches = batches;
        this.roster = roster;
        this.scope = scope;
        this.events = events;
    }

    record WindowBody(LocalDate open, LocalDate close) {
        BatchCalendar.Window toWindow() {
            return open == null && close == null ? null : new BatchCalendar.Window(open, close);
        }

        static WindowBody of(BatchCalendar.Window w) {
            return w == null ? null : new WindowBody(w.open(), w.close());
        }
    }

    record CalendarBody(String scopeFrom, String scopeTo, LocalDate exemptionCutoff, WindowBody firstRound,
                        WindowBody secondRound, WindowBody upgradePhase, WindowBody regularPhase, WindowBody makeupPhase,
                        LocalDate cityReviewDue, LocalDate branchReviewDue, LocalDate hqReviewDue,
                        LocalDate gradeRecheckDeadline, LocalDate coopMaterialDeadline, LocalDate statisticsDue,
                        LocalDate expiryCleanupDate, Integer reminderDays, LocalDate continuingAuditDue,
                        LocalDate secondRoundPhotoDue) {

        private static String code(Term term) {
            return term == null ? null : term.code();
        }

        static CalendarBody of(BatchCalendar c) {
            return new CalendarBody(code(c.scopeFrom()), code(c.scopeTo()), c.exemptionCutoff(),
                    WindowBody.of(c.firstRound()), WindowBody.of(c.secondRound()), WindowBody.of(c.upgradePhase()),
                    WindowBody.of(c.regularPhase()), WindowBody.of(c.makeupPhase()), c.cityReviewDue(),
                    c.branchReviewDue(), c.hqReviewDue(), c.gradeRecheckDeadline(), c.coopMaterialDeadline(),
                    c.statisticsDue(), c.expiryCleanupDate(), c.reminderDays(), c.continuingAuditDue(),
                    c.secondRoundPhotoDue());
        }
    }

    record CityWindowBody(Round round, LocalDate open, LocalDate close) {
    }

    @GetMapping("/calendars/{branchCode}")
    CalendarBody calendar(@PathVariable String batchCode, @PathVariable String branchCode) {
        batch(batchCode);
        return CalendarBody.of(batches.findCalendar(batchCode, branchCode)
                .orElseThrow(() -> ApiException.notFound("分部 " + branchCode + " 未设置批次 " + batchCode + " 的日历")));
    }

    /**
     * The row, the city windows it bounds, the timers re-planned and the processes started commit or
     * roll back together: the batch process follows the saved calendar synchronously (BatchFlow), in
     * this transaction; what touches many students runs later in its own jobs.
     */
    @PutMapping("/calendars/{branchCode}")
    @org.springframework.transaction.annotation.Transactional
    CalendarBody save(@PathVariable String batchCode, @PathVariable String branchCode, @RequestBody(required = false) CalendarBody body) {
        batch(batchCode);
        Unit branch = roster.findUnit(branchCode).filter(u -> u.tier() == Tier.BRANCH)
                .orElseThrow(() -> ApiException.notFound("分部不存在：" + branchCode));
        if (!scope.coversUnit(branch.code())) {
            throw ApiException.forbidden("只有本分部学籍管理人员或总部可以修改分部日历");
        }
        BatchCalendar calendar = toCalendar(batchCode, branch.code(), body);
        List<String> problems = new ArrayList<>(outOfRange(body));
        problems.addAll(calendar.problems());
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("日历有误：" + String.join("；", problems));
        }
        batches.saveCalendar(calendar);
        events.publishEvent(new CalendarSaved(batchCode, branch.code()));
        return CalendarBody.of(calendar);
    }

    @PutMapping("/city-windows/{cityCode}")
    CityWindowBody saveCityWindow(@PathVariable String batchCode, @PathVariable String cityCode,
                                  @RequestBody(required = false) CityWindowBody body) {
        batch(batchCode);
        Unit city = roster.findUnit(cityCode).filter(u -> u.tier() == Tier.CITY)
                .orElseThrow(() -> ApiException.notFound("分校不存在：" + cityCode));
        if (!scope.coversUnit(city.code())) {
            throw ApiException.forbidden("只有本分校、所属分部或总部可以设置分校申请时间");
        }
        if (body == null || body.round() == null || body.open() == null || body.close() == null || body.close().isBefore(body.open())
                || body.open().isBefore(EARLIEST) || body.close().isAfter(LATEST)) {
            throw ApiException.badRequest("请求体须为 {\"round\": \"FIRST|SECOND\", \"open\": \"YYYY-MM-DD\", \"close\": \"YYYY-MM-DD\"}，且结束不早于开始");
        }
        BatchCalendar branch = batches.findCalendar(batchCode, city.parentCode())
                .orElseThrow(() -> ApiException.badRequest("所属分部尚未设置批次日历"));
        BatchCalendar.Window outer = body.round() == Round.FIRST ? branch.firstRound()
                : new BatchCalendar.Window(branch.secondRound().open(), branch.finalClose());
        if (body.open().isBefore(outer.open()) || body.close().isAfter(outer.close())) {
            throw ApiException.badRequest("分校申请时间须在分部的" + body.round().label() + " " + outer.describe() + " 之内");
        }
        batches.saveCityWindow(batchCode, city.code(), body.round(), new BatchCalendar.Window(body.open(), body.close()));
        return body;
    }

    /** Dates a registry could mean: 2000 to 2100 (a year typed as 20266 or 1926 is a typing error). */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private static List<String> outOfRange(CalendarBody b) {
        java.util.Map<String, LocalDate> dates = new java.util.LinkedHashMap<>();
        dates.put("exemptionCutoff", b.exemptionCutoff());
        window(dates, "firstRound", b.firstRound());
        window(dates, "secondRound", b.secondRound());
        window(dates, "upgradePhase", b.upgradePhase());
        window(dates, "regularPhase", b.regularPhase());
        window(dates, "makeupPhase", b.makeupPhase());
        dates.put("cityReviewDue", b.cityReviewDue());
        dates.put("branchReviewDue", b.branchReviewDue());
        dates.put("hqReviewDue", b.hqReviewDue());
        dates.put("gradeRecheckDeadline", b.gradeRecheckDeadline());
        dates.put("coopMaterialDeadline", b.coopMaterialDeadline());
        dates.put("statisticsDue", b.statisticsDue());
        dates.put("expiryCleanupDate", b.expiryCleanupDate());
        dates.put("continuingAuditDue", b.continuingAuditDue());
        dates.put("secondRoundPhotoDue", b.secondRoundPhotoDue());
        List<String> problems = new ArrayList<>();
        dates.forEach((field, date) -> {
            if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
                problems.add(field + " 的日期 " + date + " 不在 " + EARLIEST + " 至 " + LATEST + " 之内");
            }
        });
        if (b.reminderDays() != null && (b.reminderDays() < 0 || b.reminderDays() > 60)) {
            problems.add("reminderDays 须在 0 至 60 之间");
        }
        return problems;
    }

    private static void window(java.util.Map<String, LocalDate> dates, String name, WindowBody w) {
        if (w != null) {
            dates.put(name + ".open", w.open());
            dates.put(name + ".close", w.close());
        }
    }

    private void batch(String batchCode) {
        batches.findBatch(batchCode).orElseThrow(() -> ApiException.notFound("批次不存在：" + batchCode));
    }

    private static BatchCalendar toCalendar(String batchCode, String branchCode, CalendarBody b) {
        if (b == null) {
            throw ApiException.badRequest("缺少日历内容（JSON）");
        }
        List<String> missing = new ArrayList<>();
        if (b.firstRound() == null || b.firstRound().toWindow() == null || b.firstRound().open() == null || b.firstRound().close() == null) missing.add("firstRound");
        if (b.secondRound() == null || b.secondRound().open() == null || b.secondRound().close() == null) missing.add("secondRound");
        if (b.cityReviewDue() == null) missing.add("cityReviewDue");
        if (b.branchReviewDue() == null) missing.add("branchReviewDue");
        if (b.hqReviewDue() == null) missing.add("hqReviewDue");
        for (WindowBody phase : new WindowBody[] {b.upgradePhase(), b.regularPhase(), b.makeupPhase()}) {
            if (phase != null && (phase.open() == null) != (phase.close() == null)) {
                missing.add("阶段的 open/close");
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("日历缺少必填项：" + String.join("、", missing));
        }
        Term from;
        Term to;
        try {
            // R-BA-02: either side may be open (absent or null); problems() wants at least one
            from = blank(b.scopeFrom()) ? null : Term.parse(b.scopeFrom().trim());
            to = blank(b.scopeTo()) ? null : Term.parse(b.scopeTo().trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return new BatchCalendar(batchCode, branchCode, from, to, b.exemptionCutoff(), b.firstRound().toWindow(),
                b.secondRound().toWindow(), window(b.upgradePhase()), window(b.regularPhase()), window(b.makeupPhase()),
                b.cityReviewDue(), b.branchReviewDue(), b.hqReviewDue(), b.gradeRecheckDeadline(),
                b.coopMaterialDeadline(), b.statisticsDue(), b.expiryCleanupDate(),
                b.reminderDays() == null ? 3 : b.reminderDays(), b.continuingAuditDue(), b.secondRoundPhotoDue());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static BatchCalendar.Window window(WindowBody body) {
        return body == null ? null : body.toWindow();
    }
}

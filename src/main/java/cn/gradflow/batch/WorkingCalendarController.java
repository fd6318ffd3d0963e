package cn.gradflow.batch;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.common.TextLimits;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/**
 * R-BA-06: the national working calendar — public holidays and make-up working days (调休上班) — that HQ's
 * working days are counted by. Everyone logged in reads it; only HQ (and admins) change it, because the
 * State Council's arrangement holds for the whole system and HQ's own turnaround is what it counts.
 */
@RestController
@RequestMapping("/api/working-calendar")
class WorkingCalendarController {

    private final WorkingDays workingDays;
    private final UnitScope scope;
    private final CurrentUser currentUser;

    WorkingCalendarController(WorkingDays workingDays, UnitScope scope, CurrentUser currentUser) {
        this.workingDays = workingDays;
        this.scope = scope;
        this.currentUser = currentUser;
    }

    record DayBody(LocalDate date, String weekday, String kind, String kindLabel, String name, boolean workingDay,
                   String changedBy, LocalDateTime changedAt) {
        static DayBody of(WorkingDays.Day d) {
            return new DayBody(d.date(), WEEKDAYS[d.date().getDayOfWeek().getValue() - 1], d.kind().name(),
                    d.kind().label(), d.name(), d.kind() == WorkingDays.Kind.MAKEUP_WORKDAY, d.changedBy(), d.changedAt());
        }
    }

    record YearBody(int year, List<DayBody> days) {
    }

    record ChangeBody(String kind, String name) {
    }

    private static final String[] WEEKDAYS = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

    @GetMapping("/{year}")
    YearBody year(@PathVariable String year) {
        int y;
        try {
            y = Integer.parseInt(year);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("年份须为四位数字，例如 2026：" + year);
        }
        if (y < CalendarController.EARLIEST.getYear() || y > CalendarController.LATEST.getYear()) {
            throw ApiException.badRequest("年份须在 " + CalendarController.EARLIEST.getYear() + " 至 "
                    + CalendarController.LATEST.getYear() + " 之间：" + year);
        }
        return new YearBody(y, workingDays.year(y).stream().map(DayBody::of).toList());
    }

    @PutMapping("/{date}")
    DayBody save(@PathVariable String date, @RequestBody(required = false) ChangeBody body) {
        requireHq();
        LocalDate day = date(date);
        if (body == null) {
            throw ApiException.badRequest("请求体须为 {\"kind\": \"HOLIDAY|MAKEUP_WORKDAY\", \"name\": \"名称\"}");
        }
        WorkingDays.Kind kind = kind(body.kind());
        String name = body.name() == null ? "" : body.name().strip();
        if (name.isEmpty()) {
            throw ApiException.badRequest("请填写名称 name（例如 春节、国庆节调休上班）");
        }
        String problem = TextLimits.problem("name", name, WorkingDays.NAME_MAX);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (kind == WorkingDays.Kind.MAKEUP_WORKDAY && !weekend) {
            throw ApiException.badRequest(day + "（" + WEEKDAYS[day.getDayOfWeek().getValue() - 1]
                    + "）本就是工作日，调休上班日只能是周六或周日");
        }
        return DayBody.of(workingDays.save(day, kind, name, currentUser.id()));
    }

    @DeleteMapping("/{date}")
    ResponseEntity<Void> remove(@PathVariable String date) {
        requireHq();
        LocalDate day = date(date);
        if (!workingDays.remove(day, currentUser.id())) {
            throw ApiException.notFound("工作日历中没有 " + day + " 这一天的设置");
        }
        return ResponseEntity.noContent().build();
    }

    private void requireHq() {
        if (!scope.isHqOrAdmin()) {
            throw ApiException.forbidden("只有总部可以维护工作日历（法定节假日和调休上班日）");
        }
    }

    private static LocalDate date(String text) {
        LocalDate day;
        try {
            day = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("日期须为 YYYY-MM-DD 格式的有效日期，例如 2026-10-01：" + text);
        }
        if (day.isBefore(CalendarController.EARLIEST) || day.isAfter(CalendarController.LATEST)) {
            throw ApiException.badRequest("日期 " + day + " 不在 " + CalendarController.EARLIEST + " 至 "
                    + CalendarController.LATEST + " 之内");
        }
        return day;
    }

    private static WorkingDays.Kind kind(String text) {
        String allowed = Arrays.stream(WorkingDays.Kind.values()).map(k -> k.name() + "（" + k.label() + "）")
                .collect(Collectors.joining("、"));
        if (text == null) {
            throw ApiException.badRequest("请填写类型 kind：" + allowed);
        }
        try {
            return WorkingDays.Kind.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("类型 kind 只能是 " + allowed + "：" + (text.length() > 30 ? text.substring(0, 30) + "…" : text));
        }
    }
}

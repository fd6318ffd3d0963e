package cn.gradflow.hqsubmission;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.gradflow.batch.WorkingDays;
import cn.gradflow.common.BoundedText;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;

import static cn.gradflow.hqsubmission.HqSubmissionProcess.*;

/** The small steps of the HQ list; each reads and writes through {@link HqSubmissionProcess}. */
@Configuration(proxyBeanMethods = false)
class HqSubmissionDelegates {

    /** What a case's delivery found: sent to HQ, or no longer waiting for HQ (closed meanwhile, say). */
    static final String DELIVERED = "DELIVERED";
    static final String NOT_WAITING = "NOT_WAITING";

    /** (Re-)issues the list: every waiting case of the branch not excluded by the branch; who must confirm. */
    @Bean
    JavaDelegate compileHqList(HqSubmissionRepository lists, RosterRepository roster) {
        return execution -> {
            Unit branch = roster.findUnit(BRANCH.require(execution)).filter(u -> u.tier() == Tier.BRANCH)
                    .orElseThrow(() -> new BadUserRequestException("分部不存在：" + BRANCH.require(execution)));
            HQ.set(execution, branch.parentCode());
            Long id = SUBMISSION_ID.get(execution);
            if (id == null) {
                id = lists.create(BATCH_CODE.require(execution), BRANCH.require(execution), execution.getProcessInstanceId());
                SUBMISSION_ID.set(execution, id);
            }
            lists.reissue(id, BATCH_CODE.require(execution), BRANCH.require(execution),
                    splitNos(EXCLUDED_STUDENT_NOS.get(execution)));
            // one count per city serves the emptiness, the cities that confirm and the summary
            List<HqSubmissionRepository.CityCount> byCity = lists.countsByCity(id);
            long count = byCity.stream().mapToLong(HqSubmissionRepository.CityCount::students).sum();
            LIST_EMPTY.set(execution, count == 0);
            if (count == 0) {
                lists.markEmpty(id);
            }
            CITIES.set(execution, byCity.stream().map(HqSubmissionRepository.CityCount::cityCode).filter(c -> c != null).toList());
            LIST_SUMMARY.set(execution, summary(lists, id, byCity, count));
        };
    }

    /** After every city answered this issue: did any return corrections? */
    @Bean
    JavaDelegate evaluateConfirmations(HqSubmissionRepository lists) {
        return execution -> {
            long id = SUBMISSION_ID.require(execution);
            List<HqSubmissionRepository.Answer> returned = lists.answers(id, lists.issueNo(id)).stream()
                    .filter(a -> a.decision().equals(Confirmation.RETURN.name())).toList();
            ANY_RETURNED.set(execution, !returned.isEmpty());
            RETURNS_SUMMARY.set(execution, BoundedText.lines("退回的分校 " + returned.size() + " 个：", returned.stream()
                    .map(a -> "- " + a.cityCode() + "（" + a.userId() + "）：" + a.corrections()).toList(), returned.size()));
        };
    }

    /**
     * The list goes to HQ: recorded with HQ's working-day deadline (R-BA-06). The cases themselves move
     * afterwards, one job each ({@code DeliverCaseToHq}), so this step never holds the whole list.
     */
    @Bean
    JavaDelegate submitHqList(HqSubmissionRepository lists, SchoolClock clock, WorkingDays workingDays) {
        return execution -> {
            long id = SUBMISSION_ID.require(execution);
            LocalDate due = workingDays.after(clock.today(), HQ_TURNAROUND_WORKING_DAYS);
            lists.markSubmitted(id, due.atTime(17, 0));
            HQ_TURNAROUND_DUE.set(execution, clock.date(due.atTime(17, 0)));
        };
    }

    /** When HQ's working days are over: which cases of the list are still waiting for its decision. */
    @Bean
    JavaDelegate checkHqProgress(HqSubmissionRepository lists) {
        return execution -> {
            long id = SUBMISSION_ID.require(execution);
            long waiting = lists.countStillAtHq(id);
            HQ_OVERDUE.set(execution, waiting > 0);
            OVERDUE_SUMMARY.set(execution, waiting == 0 ? "（无）" : BoundedText.lines("尚待总部终审 " + waiting + " 人：",
                    lists.stillAtHq(id, 50).stream().map(HqSubmissionRepository.Item::line).toList(), waiting));
        };
    }

    static List<String> splitNos(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\s,，、;；]+")).filter(s -> !s.isBlank()).distinct().toList();
    }

    /** Counts per city (or the college's own centres), continuing students (专科续读本科) reported on their own (R-BA-08). */
    static String summary(HqSubmissionRepository lists, long id, List<HqSubmissionRepository.CityCount> byCity, long count) {
        if (count == 0) {
            return "（无）";
        }
        List<String> lines = byCity.stream()
                .map(c -> "- " + (c.cityCode() == null ? "（学院直管）" : c.cityName() + " " + c.cityCode()) + "：" + c.students() + " 人")
                .collect(Collectors.toList());
        long continuing = lists.continuingCount(id);
        if (continuing > 0) {
            lines.add("- 其中专科续读本科（单独上报）：" + continuing + " 人");
        }
        return BoundedText.lines("共 " + count + " 人", lines, lines.size());
    }

    /** The city's part: how many, and the first of them. */
    static String citySummary(HqSubmissionRepository lists, long id, String city) {
        long count = lists.count(id, city);
        return count == 0 ? "（无）" : BoundedText.lines("本分校共 " + count + " 人：",
                lists.page(id, city, 0, 50).stream().map(HqSubmissionRepository.Item::line).toList(), count);
    }
}

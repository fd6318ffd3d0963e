package cn.gradflow.hqsubmission;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.camunda.bpm.engine.BadUserRequestException;

import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;
import cn.gradflow.security.AsSystem;
import cn.gradflow.batch.WorkingDays;
import cn.gradflow.common.SchoolClock;

import static cn.gradflow.hqsubmission.HqSubmissionProcess.*;

/** The small steps of the HQ list; each reads and writes through {@link HqSubmissionProcess}. */
@Configuration(proxyBeanMethods = false)
class HqSubmissionDelegates {

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
            String excluded = EXCLUDED_STUDENT_NOS.get(execution);
            lists.reissue(id, BATCH_CODE.require(execution), BRANCH.require(execution), splitNos(excluded));
            List<HqSubmissionRepository.Item> items = lists.items(id);
            LIST_EMPTY.set(execution, items.isEmpty());
            if (items.isEmpty()) {
                lists.markEmpty(id);
            }
            CITIES.set(execution, items.stream().map(HqSubmissionRepository.Item::cityCode).filter(c -> c != null)
                    .distinct().sorted().toList());
            LIST_TEXT.set(execution, describe(items));
        };
    }

    /** After every city answered this issue: did any return corrections? */
    @Bean
    JavaDelegate evaluateConfirmations(HqSubmissionRepository lists) {
        return execution -> {
            long id = SUBMISSION_ID.require(execution);
            List<HqSubmissionRepository.Answer> answers = lists.answers(id, lists.issueNo(id));
            List<HqSubmissionRepository.Answer> returned = answers.stream()
                    .filter(a -> a.decision().equals(Confirmation.RETURN.name())).toList();
            ANY_RETURNED.set(execution, !returned.isEmpty());
            RETURNS_TEXT.set(execution, returned.stream()
                    .map(a -> "- " + a.cityCode() + "（" + a.userId() + "）：" + a.corrections())
                    .collect(Collectors.joining("\n")));
        };
    }

    /** Sends every case on the list to HQ, and sets HQ's working-day deadline (R-BA-06). */
    @Bean
    JavaDelegate submitHqList(HqSubmissionRepository lists, RuntimeService runtime, AsSystem asSystem, SchoolClock clock) {
        return execution -> {
            long id = SUBMISSION_ID.require(execution);
            String batchCode = BATCH_CODE.require(execution);
            // the last city to confirm completes this step, but the list moves every city's cases
            asSystem.run(() -> lists.items(id).forEach(item ->
                    runtime.createMessageCorrelation(ApplicationProcess.MESSAGE_SUBMITTED_TO_HQ)
                            .processInstanceBusinessKey(ApplicationProcess.businessKey(batchCode, item.studentNo()))
                            .correlate()));
            LocalDate due = WorkingDays.after(clock.today(), HQ_TURNAROUND_WORKING_DAYS);
            lists.markSubmitted(id, due.atTime(17, 0));
            HQ_TURNAROUND_DUE.set(execution, clock.date(due.atTime(17, 0)));
        };
    }

    /** When HQ's working days are over: which cases of the list are still waiting for its decision. */
    @Bean
    JavaDelegate checkHqProgress(HqSubmissionRepository lists) {
        return execution -> {
            List<HqSubmissionRepository.Item> waiting = lists.stillAtHq(SUBMISSION_ID.require(execution));
            HQ_OVERDUE.set(execution, !waiting.isEmpty());
            OVERDUE_TEXT.set(execution, describe(waiting));
        };
    }

    static List<String> splitNos(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\s,，、;；]+")).filter(s -> !s.isBlank()).toList();
    }

    /**
     * Markdown: one section per city (or the centre, for a college), one line per student; continuing
     * students (专科续读本科) are also listed on their own, as they are reported separately (R-BA-08).
     */
    static String describe(List<HqSubmissionRepository.Item> items) {
        if (items.isEmpty()) {
            return "（无）";
        }
        List<HqSubmissionRepository.Item> continuing = items.stream().filter(HqSubmissionRepository.Item::continuing).toList();
        Map<String, List<HqSubmissionRepository.Item>> byCity = new TreeMap<>();
        for (HqSubmissionRepository.Item item : items) {
            byCity.computeIfAbsent(item.cityCode() == null ? "（学院直管）" : item.cityName() + " " + item.cityCode(),
                    k -> new java.util.ArrayList<>()).add(item);
        }
        StringBuilder s = new StringBuilder("共 " + items.size() + " 人\n");
        byCity.forEach((city, list) -> {
            s.append("\n**").append(city).append("**（").append(list.size()).append(" 人）\n");
            list.forEach(i -> s.append("- ").append(i.studentNo()).append(" ").append(i.studentName()).append("（")
                    .append(i.learningCenter()).append("）\n"));
        });
        if (!continuing.isEmpty()) {
            s.append("\n**专科续读本科（单独上报）**（").append(continuing.size()).append(" 人）\n");
            continuing.forEach(i -> s.append("- ").append(i.studentNo()).append(" ").append(i.studentName()).append("\n"));
        }
        return s.toString().strip();
    }

    static String describeCity(List<HqSubmissionRepository.Item> items, String city) {
        return describe(items.stream().filter(i -> city.equals(i.cityCode())).toList());
    }

}

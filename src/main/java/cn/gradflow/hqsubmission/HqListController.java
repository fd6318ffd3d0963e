package cn.gradflow.hqsubmission;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.common.Page;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/**
 * A list for HQ, page by page (the forms show counts and the first rows). The branch and HQ see the
 * whole list; a city sees its own part (city=its code).
 */
@RestController
@RequestMapping("/api/hq-submissions/{submissionId}")
class HqListController {

    record ListItem(String studentNo, String studentName, String cityCode, String cityName, String learningCenter,
                    boolean continuing, String delivery) {
    }

    record ListAnswer(String cityCode, String decision, String corrections, String userId) {
    }

    record Summary(long submissionId, String batchCode, String branchCode, String state, int issueNo, long students,
                   List<HqSubmissionRepository.CityCount> cities, long continuing) {
    }

    private final HqSubmissionRepository lists;
    private final UnitScope scope;
    private final cn.gradflow.roster.RosterRepository roster;

    HqListController(HqSubmissionRepository lists, UnitScope scope, cn.gradflow.roster.RosterRepository roster) {
        this.lists = lists;
        this.scope = scope;
        this.roster = roster;
    }

    @GetMapping
    Summary summary(@PathVariable long submissionId) {
        HqSubmissionRepository.Submission s = visible(submissionId, null);
        List<HqSubmissionRepository.CityCount> byCity = lists.countsByCity(s.id());
        return new Summary(s.id(), s.batchCode(), s.branchCode(), s.state(), s.issueNo(),
                byCity.stream().mapToLong(HqSubmissionRepository.CityCount::students).sum(), byCity, lists.continuingCount(s.id()));
    }

    @GetMapping("/items")
    Page<ListItem> items(@PathVariable long submissionId, @RequestParam(required = false) String city,
                         @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Page.Request request = Page.Request.of(page, size);
        HqSubmissionRepository.Submission s = visible(submissionId, city);
        List<ListItem> items = lists.page(s.id(), city, request.offset(), request.size()).stream()
                .map(i -> new ListItem(i.studentNo(), i.studentName(), i.cityCode(), i.cityName(), i.learningCenter(),
                        i.continuing(), i.delivery()))
                .toList();
        return Page.of(request, lists.count(s.id(), city), items);
    }

    /** Each city's answer to the list's current issue. */
    @GetMapping("/answers")
    List<ListAnswer> answers(@PathVariable long submissionId) {
        HqSubmissionRepository.Submission s = visible(submissionId, null);
        return lists.answers(s.id(), s.issueNo()).stream()
                .map(a -> new ListAnswer(a.cityCode(), a.decision(), a.corrections(), a.userId())).toList();
    }

    /**
     * The branch's list to its branch and HQ; a city's part to that city, if it is a city of the list's
     * branch. Unknown and foreign look the same.
     */
    private HqSubmissionRepository.Submission visible(long submissionId, String city) {
        HqSubmissionRepository.Submission s = lists.find(submissionId)
                .orElseThrow(() -> ApiException.notFound("名单不存在：" + submissionId));
        if (scope.coversUnit(s.branchCode()) || (city != null && scope.coversUnit(city)
                && roster.findUnit(city).map(u -> s.branchCode().equals(u.parentCode())).orElse(false))) {
            return s;
        }
        throw ApiException.notFound("名单不存在：" + submissionId);
    }
}

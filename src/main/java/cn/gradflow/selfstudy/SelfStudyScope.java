package cn.gradflow.selfstudy;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.gradflow.security.CurrentUser;
import cn.gradflow.web.ApiException;

/**
 * Who may see which self-study case, in one place for {@code /api} (the engine's own doors rely on the
 * authorizations {@link SelfStudyAccess} grants): a candidate their own, a city exam office its city's
 * candidates, the provincial office every candidate of its cities, an operator everything.
 */
@Component
public class SelfStudyScope {

    private final CurrentUser user;
    private final SelfStudyRepository repository;

    SelfStudyScope(CurrentUser user, SelfStudyRepository repository) {
        this.user = user;
        this.repository = repository;
    }

    public boolean canSee(SelfStudyCandidate candidate) {
        List<String> groups = user.groupIds();
        if (CurrentUser.isAdmin(groups) || candidate.userId().equals(user.id()) || groups.contains(candidate.cityOffice())) {
            return true;
        }
        return repository.office(candidate.cityOffice()).map(SelfStudyRepository.Office::parentCode)
                .filter(groups::contains).isPresent();
    }

    /** The candidate, when the caller may see them; one answer for "no such candidate" and "not yours". */
    public SelfStudyCandidate requireCandidate(String candidateNo) {
        return repository.candidate(candidateNo).filter(this::canSee)
                .orElseThrow(() -> ApiException.notFound("考生不存在或不属于本考办：" + candidateNo));
    }

    /**
     * The list an office sees: {@code Optional.of(cityCode)} for a city office, {@code Optional.empty()} for the
     * province or an operator (every city); a caller who is neither is refused.
     */
    public Optional<String> officeCity() {
        List<String> groups = user.groupIds();
        if (CurrentUser.isAdmin(groups)) {
            return Optional.empty();
        }
        for (SelfStudyRepository.Office office : repository.offices()) {
            if (groups.contains(office.code())) {
                return "PROVINCE".equals(office.tier()) ? Optional.empty() : Optional.of(office.code());
            }
        }
        throw ApiException.forbidden("只有考办可以查看考生名单");
    }

    public Optional<SelfStudyCandidate> ownCandidate() {
        return repository.candidateOfUser(user.id());
    }
}

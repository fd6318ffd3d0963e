package cn.gradflow.roster;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/**
 * R-ID-02 per branch (V43): whether a branch's initial audit blocks a student CHSI lacks an admission or
 * academic photo for, because the branch's own notice bars them at its review. Everyone logged in reads
 * it; only HQ (and admins) change it: it decides what the branch's audit lets through to HQ.
 */
@RestController
@RequestMapping("/api/branches/{code}/chsi-photo-rule")
class BranchChsiPhotoRuleController {

    private final RosterRepository roster;
    private final RosterWriter writer;
    private final UnitScope scope;

    BranchChsiPhotoRuleController(RosterRepository roster, RosterWriter writer, UnitScope scope) {
        this.roster = roster;
        this.writer = writer;
        this.scope = scope;
    }

    record RuleBody(String branch, String name, boolean blocksAtInitialAudit) {
        static RuleBody of(Unit u) {
            return new RuleBody(u.code(), u.name(), u.chsiPhotoBlocksAtInitialAudit());
        }
    }

    record ChangeBody(Boolean blocksAtInitialAudit) {
    }

    @GetMapping
    RuleBody get(@PathVariable String code) {
        return RuleBody.of(branch(code));
    }

    @PutMapping
    RuleBody save(@PathVariable String code, @RequestBody(required = false) ChangeBody body) {
        if (!scope.isHqOrAdmin()) {
            throw ApiException.forbidden("只有总部可以设置分部的学信网照片审核规则（R-ID-02）");
        }
        Unit branch = branch(code);
        if (body == null || body.blocksAtInitialAudit() == null) {
            throw ApiException.badRequest("请求体须为 {\"blocksAtInitialAudit\": true|false}");
        }
        writer.chsiPhotoRule(branch.code(), body.blocksAtInitialAudit());
        return RuleBody.of(branch(code));
    }

    private Unit branch(String code) {
        return roster.findUnit(code).filter(u -> u.tier() == Tier.BRANCH)
                .orElseThrow(() -> ApiException.notFound("分部不存在：" + (code.length() > 32 ? code.substring(0, 32) + "…" : code)));
    }
}

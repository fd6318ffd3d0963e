package cn.gradflow.cases;

import java.util.Set;

import org.springframework.stereotype.Component;

import cn.gradflow.web.ApiException;

/** Placeholder until the jobs core lands. */
@Component
class DecisionsJob {
    String submit(String batchCode, DecisionRequest request, Set<String> studentNos) {
        throw ApiException.badRequest("一次最多 " + DecisionsController.INLINE_LIMIT + " 个学号");
    }
}

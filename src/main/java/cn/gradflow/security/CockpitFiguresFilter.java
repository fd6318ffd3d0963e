package cn.gradflow.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.TaskCountByCandidateGroupResult;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import cn.gradflow.web.JsonResponses;

/**
 * Makes the figures of Cockpit's dashboard, processes page and Human Tasks page the user's own
 * (see {@link ScopedFigures} for why Camunda's are not):
 * <ul>
 * <li>{@code GET …/process-definition/statistics} of the engine API (dashboard: running instances, open
 * incidents) and of Cockpit's base plugin (processes page: running instances, incidents per process):
 * Camunda answers, then each count is replaced by the engine's count over the instances the user may
 * read, unless the user may read every instance of that definition anyway (admins);</li>
 * <li>{@code GET …/task/report/candidate-group-count} (Human Tasks page: assignments by group): answered
 * here for Cockpit users, with the groups of their own unit tree; Camunda answers admins and refuses
 * everyone else as before.</li>
 * </ul>
 * Mapped by servlet name (Camunda's webapp "Engine Api" and "Cockpit Api", the {@code /engine-rest}
 * servlet), so that it runs after every URL-mapped filter, that is after the webapp's and the REST API's
 * authentication: the engine already knows the user here.
 */
class CockpitFiguresFilter extends OncePerRequestFilter {

    private static final String DEFINITION_STATISTICS = "/process-definition/statistics";
    private static final String CANDIDATE_GROUP_REPORT = "/task/report/candidate-group-count";
    private static final Pattern ENGINE_NAME = Pattern.compile("/(?:engine|plugin/base)/([^/]+)/(?:process-definition|task)/");

    private final ScopedFigures figures;
    private final IdentityService identity;
    private final String engineName;
    private final boolean authorizationEnabled;
    private final ObjectMapper json;

    CockpitFiguresFilter(ScopedFigures figures, IdentityService identity, String engineName, boolean authorizationEnabled,
                         ObjectMapper json) {
        this.figures = figures;
        this.identity = identity;
        this.engineName = engineName;
        this.authorizationEnabled = authorizationEnabled;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!authorizationEnabled || !"GET".equals(request.getMethod())) {
            return true;
        }
        String path = path(request);
        if (!path.endsWith(DEFINITION_STATISTICS) && !path.endsWith(CANDIDATE_GROUP_REPORT)) {
            return true;
        }
        Matcher engine = ENGINE_NAME.matcher(path);
        return engine.find() && !engine.group(1).equals(engineName);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = identity.getCurrentAuthentication();
        if (user == null || user.getUserId() == null) {
            // Only reachable if the authentication filters did not run first: refuse rather than count everything.
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        String path = path(request);
        if (path.endsWith(CANDIDATE_GROUP_REPORT)) {
            candidateGroupReport(user, request, response, chain);
        } else {
            definitionStatistics(user, path.contains("/plugin/base/"), request, response, chain);
        }
    }

    private void candidateGroupReport(Authentication user, HttpServletRequest request, HttpServletResponse response,
                                      FilterChain chain) throws ServletException, IOException {
        if (figures.readsEveryTask(user) || !figures.usesCockpit(user) || wantsCsv(request)) {
            chain.doFilter(request, response);
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TaskCountByCandidateGroupResult row : figures.candidateGroupCounts(user)) {
            Map<String, Object> out = new HashMap<>();
            out.put("groupName", row.getGroupName());
            out.put("taskCount", row.getTaskCount());
            rows.add(out);
        }
        JsonResponses.write(response, HttpServletResponse.SC_OK, rows);
    }

    private void definitionStatistics(Authentication user, boolean cockpitPlugin, HttpServletRequest request,
                                      HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        ContentCachingResponseWrapper camunda = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, camunda);
        if (camunda.getStatus() != HttpServletResponse.SC_OK) {
            camunda.copyBodyToResponse();
            return;
        }
        JsonNode statistics = json.readTree(camunda.getContentAsByteArray());
        if (statistics instanceof ArrayNode rows) {
            Map<String, Boolean> everyInstance = new HashMap<>();
            for (JsonNode row : rows) {
                if (row instanceof ObjectNode stat) {
                    String key = cockpitPlugin ? stat.path("key").asText() : stat.path("definition").path("key").asText();
                    if (!everyInstance.computeIfAbsent(key, k -> figures.readsEveryInstance(user, k))) {
                        if (cockpitPlugin) {
                            scopePluginRow(stat, key);
                        } else {
                            scopeEngineRow(stat, request);
                        }
                    }
                }
            }
            if (cockpitPlugin) {
                resortPage(rows, request.getParameter("sortBy"), request.getParameter("sortOrder"));
            }
        }
        camunda.resetBuffer();
        camunda.getOutputStream().write(json.writeValueAsBytes(statistics));
        camunda.copyBodyToResponse();
    }

    /** The Cockpit plugin's row: one per key, counts over every version. */
    private void scopePluginRow(ObjectNode stat, String key) {
        String tenantId = stat.hasNonNull("tenantId") ? stat.get("tenantId").asText() : null;
        stat.put("instances", figures.instancesOfKey(key, tenantId));
        stat.put("incidents", figures.incidentsOfKey(key, tenantId));
    }

    /** The engine's row: one per definition version, with failed jobs and incidents by type when asked for. */
    private void scopeEngineRow(ObjectNode stat, HttpServletRequest request) {
        String definitionId = stat.path("id").asText();
        stat.put("instances", figures.instances(definitionId));
        if (isTrue(request, "failedJobs")) {
            stat.put("failedJobs", figures.failedJobs(definitionId));
        }
        String incidentType = request.getParameter("incidentsForType");
        boolean rootCausesOnly = isTrue(request, "rootIncidents");
        if (isTrue(request, "incidents") || rootCausesOnly || incidentType != null) {
            ArrayNode incidents = stat.putArray("incidents");
            figures.incidentsByType(definitionId, rootCausesOnly, incidentType).forEach((type, count) ->
                    incidents.addObject().put("incidentType", type).put("incidentCount", count));
        }
    }

    /** The plugin sorted the page by Camunda's counts; a page sorted by a count is sorted again by the user's. */
    private static void resortPage(ArrayNode rows, String sortBy, String sortOrder) {
        if (!"instances".equals(sortBy) && !"incidents".equals(sortBy)) {
            return;
        }
        List<JsonNode> sorted = new ArrayList<>();
        rows.forEach(sorted::add);
        Comparator<JsonNode> byCount = Comparator.comparingLong(row -> row.path(sortBy).asLong());
        sorted.sort("desc".equalsIgnoreCase(sortOrder) ? byCount.reversed() : byCount);
        rows.removeAll();
        rows.addAll(sorted);
    }

    private static boolean isTrue(HttpServletRequest request, String parameter) {
        return "true".equalsIgnoreCase(request.getParameter(parameter));
    }

    private static boolean wantsCsv(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("csv") && !accept.contains("json") && !accept.contains("*/*");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}

package cn.gradflow.security;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.gradflow.web.JsonResponses;

/**
 * The engine's REST API, as {@code /engine-rest} and as the webapps' {@code /camunda/api/engine}, is
 * read-only for staff except for the few operations their work needs: completing and claiming tasks
 * they may see, a task's follow-up date ({@code PUT /task/{id}}, the rest of the task checked there), starting a process through its start form ({@code submit-form}) (the engine's authorizations and
 * {@link EngineInputGuard} decide the rest), and the queries Tasklist and Cockpit send by POST.
 * Everything else that changes state — messages, signals, modification, migration, suspension,
 * deletion, jobs, deployments, decisions, external tasks, identity, authorizations, filters,
 * tenants, incidents, history — is refused with 403 to every user who is not a {@code camunda-admin}.
 * Default deny: an operation a later Camunda adds is refused until it is listed here.
 */
class EngineRestGuard extends OncePerRequestFilter {

    /** POST operations open to staff, on the path after {@code /engine-rest} or {@code /engine/<name>}. */
    private static final List<Pattern> STAFF_POSTS = List.of(
            // queries (the engine's authorizations filter what they return)
            Pattern.compile("/(task|process-instance|execution|variable-instance|job|job-definition|incident|external-task|group)(/count)?"),
            Pattern.compile("/history/(activity-instance|detail|external-task-log|job-log|process-instance|task|variable-instance"
                    + "|incident|identity-link-log|user-operation|decision-instance)(/count)?"),
            Pattern.compile("/filter/[^/]+/(list|count|singleResult)"),
            // a staff member's own work on a task they may see
            Pattern.compile("/task/[^/]+/(complete|submit-form|claim|unclaim|comment/create)"),
            // the HQ list through its start form, as Tasklist does; CREATE_INSTANCE and HqSubmissionStart
            // decide who. Not /start: its options (skipCustomListeners, startInstructions) are an operator's.
            Pattern.compile("/process-definition/(key/[^/]+|[^/]+)/submit-form"));

    /**
     * PUT /task/{id}: Tasklist's 设置跟进日期 sends the whole task; {@link EngineInputGuard} lets a unit task's
     * follow-up date through and refuses every other change (due date, assignee, owner, name, ...).
     */
    private static final Pattern STAFF_PUT = Pattern.compile("/task/[^/]+");

    private static final Pattern ENGINE_PREFIX = Pattern.compile("^/engine/[^/]+");

    private final IdentityService identity;
    private final String restPrefix;
    private final String webappEnginePrefix;

    EngineRestGuard(IdentityService identity, String restPrefix, String webappEnginePrefix) {
        this.identity = identity;
        this.restPrefix = restPrefix;
        this.webappEnginePrefix = webappEnginePrefix;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String operation;
        List<String> groups;
        if (path.startsWith(restPrefix)) {
            operation = path.substring(restPrefix.length());
            Authentication user = identity.getCurrentAuthentication();
            groups = user == null ? null : user.getGroupIds();
        } else if (path.startsWith(webappEnginePrefix)) {
            operation = path.substring(webappEnginePrefix.length());
            groups = webappGroups(request.getSession(false));
        } else {
            chain.doFilter(request, response);
            return;
        }
        operation = ENGINE_PREFIX.matcher(operation).replaceFirst("");
        if (groups == null || CurrentUser.isAdmin(groups) || allowed(method, operation)) {
            chain.doFilter(request, response); // not logged in: the engine's own 401
            return;
        }
        JsonResponses.write(response, HttpServletResponse.SC_FORBIDDEN, JsonResponses.error("type", "AuthorizationException",
                "无权执行此操作：流程引擎的这一接口只对系统管理员开放（" + method + " " + operation + "）"));
    }

    static boolean allowed(String method, String operation) {
        return "POST".equals(method) && STAFF_POSTS.stream().anyMatch(p -> p.matcher(operation).matches())
                || "PUT".equals(method) && STAFF_PUT.matcher(operation).matches();
    }

    /** The webapps keep their login in the session; the engine's API there runs as that user. */
    private static List<String> webappGroups(HttpSession session) {
        if (session == null) {
            return null;
        }
        Authentications all = AuthenticationUtil.getAuthsFromSession(session);
        if (all == null || all.getAuthentications().isEmpty()) {
            return null;
        }
        // one login per engine; GradFlow runs one engine, so these are the groups of that login
        return all.getAuthentications().stream().map(UserAuthentication::getGroupIds).filter(Objects::nonNull)
                .flatMap(List::stream).toList();
    }
}

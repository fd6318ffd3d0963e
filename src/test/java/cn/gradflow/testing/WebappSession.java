package cn.gradflow.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's session with the Camunda webapps: the login form and the webapps' own API
 * ({@code /camunda/api/...}), with the session cookie and the XSRF token the webapps require.
 */
public final class WebappSession {

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private String xsrf;

    private WebappSession(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    /** Logs in through the webapps' login endpoint; fails the test if the login is refused. */
    public static WebappSession login(int port, String user, String password, String app) {
        WebappSession session = new WebappSession(port);
        session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/" + app + "/default/")).GET());
        HttpResponse<String> login = session.send(HttpRequest.newBuilder(
                        URI.create(session.base + "/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))));
        if (login.statusCode() != 200) {
            throw new AssertionError("webapp login of " + user + " answered " + login.statusCode() + ": " + login.body());
        }
        // the login renews the session: a GET hands out the new session's XSRF token
        session.get("/camunda/api/admin/auth/user/default");
        return session;
    }

    /** A browser that opened the webapps but logged in to none: a session cookie without a login. */
    public static WebappSession anonymous(int port) {
        WebappSession session = new WebappSession(port);
        session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/tasklist/default/")).GET());
        return session;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(String method, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** As {@link #send(String, String, String)}, with this {@code X-XSRF-TOKEN} instead of the session's (none if null). */
    public HttpResponse<String> sendWithToken(String method, String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(request, token);
    }

    /** The session's CSRF token, as the webapps (and GradFlow's pages) send it. */
    public String xsrfToken() {
        return xsrf;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, xsrf);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("X-XSRF-TOKEN", token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue("X-XSRF-TOKEN").ifPresent(handed -> xsrf = handed);
            for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
                if (cookie.getName().equals("XSRF-TOKEN")) {
                    xsrf = cookie.getValue();
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

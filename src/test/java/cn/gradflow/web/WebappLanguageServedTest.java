package cn.gradflow.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.gradflow.testing.GradFlowSpringTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, as the browser gets it before anyone logs in: each webapp's {@code config.js} takes its locales from
 * {@code gradflow/language.js}, which serves Chinese first and only (English only on the user's request), the
 * {@code zh.json} served has every key of the {@code en.json} served next to it, and the end-of-life banner is hidden.
 */
@GradFlowSpringTest
class WebappLanguageServedTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;

    @ParameterizedTest
    @ValueSource(strings = {"welcome", "tasklist", "admin", "cockpit"})
    void eachAppServesChineseFirst(String app) throws Exception {
        String config = get("/camunda/app/" + app + "/scripts/config.js");
        assertThat(config).contains("import {app, locales} from '../../gradflow/language.js';")
                .contains("app: app('" + app + "')").containsPattern("\\n  locales,?\\n");

        JsonNode zh = JSON.readTree(get("/camunda/app/" + app + "/locales/zh.json"));
        JsonNode en = JSON.readTree(strip(get("/camunda/app/" + app + "/locales/en.json")));
        assertThat(zh.path("labels").size()).as("%s: zh.json labels", app).isEqualTo(en.path("labels").size());

        assertThat(get("/camunda/app/" + app + "/styles/user-styles.css"))
                .containsPattern("\\.ce-eol-banner \\{\\s*display: none;\\s*}");
    }

    @Test
    void chineseUnlessTheUserAskedForEnglish() throws Exception {
        String language = get("/camunda/app/gradflow/language.js");
        assertThat(language).contains("export const locales = english\n"
                + "  ? {availableLocales: ['en'], fallbackLocale: 'en'}\n"
                + "  : {availableLocales: ['zh'], fallbackLocale: 'zh'};");
        assertThat(language).contains("window.localStorage.getItem(KEY) === 'en'");
        assertThat(language).contains("const NAMES = {welcome: '欢迎', tasklist: '任务列表', cockpit: '监控中心', admin: '管理'};");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /** Camunda's en.json files start with a byte order mark. */
    private static String strip(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}

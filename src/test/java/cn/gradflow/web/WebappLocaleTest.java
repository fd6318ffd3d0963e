package cn.gradflow.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: the Chinese webapps. Every key of the {@code en.json} that the Camunda webjar on the classpath ships
 * (so an upgrade that brings new keys fails here, not silently in English) has a Chinese entry in GradFlow's
 * {@code zh.json}, with the same placeholders ({@code {{ name }}}, {@code {}}, {@code %s}, HTML tags and entities),
 * and no entry is the English text left as it was. Fix: {@code tools/webapp-zh/generate.py} (README "Language").
 */
class WebappLocaleTest {

    private static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What must survive translation unchanged: Angular interpolations, moment's %s/%d, the {} of a count, markup. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\{\\{[^}]*}}|\\{}|%[sd]|&[a-z]+;|</?(?:a|b|br|strong|i|em|code|span|p|ul|li|pre|div|small|kbd)\\b[^>]*>");
    /** A Latin word of three letters or more... */
    private static final Pattern WORD = Pattern.compile("[A-Za-z]{3,}");
    /** ...that is no product, format or literal value, which stay as they are in Chinese too. */
    private static final Set<String> KEPT = Set.of("camunda", "bpmn", "dmn", "json", "csv", "optimize", "null",
            "undefined", "yyyy", "ddthh");

    @ParameterizedTest
    @ValueSource(strings = {"welcome", "tasklist", "admin", "cockpit"})
    void everyEnglishKeyHasAChineseEntryWithTheSamePlaceholders(String app) throws IOException {
        Map<String, String> en = labels(app, "en");
        Map<String, String> zh = labels(app, "zh");
        assertThat(en).as("%s: en.json of the webjar", app).hasSizeGreaterThan(100);

        List<String> missing = new ArrayList<>();
        List<String> placeholders = new ArrayList<>();
        List<String> untranslated = new ArrayList<>();
        en.forEach((key, english) -> {
            String chinese = zh.get(key);
            if (chinese == null || (chinese.isBlank() && !mayStayEmpty(english))) {
                missing.add(key + " = " + english);
                return;
            }
            if (!placeholders(english).equals(placeholders(chinese))) {
                placeholders.add(key + ": " + placeholders(english) + " -> " + placeholders(chinese));
            }
            if (chinese.equals(english) && looksEnglish(english)) {
                untranslated.add(key + " = " + english);
            }
        });
        assertThat(missing).as("%s: keys of en.json without Chinese (tools/webapp-zh/generate.py lists them)", app).isEmpty();
        assertThat(placeholders).as("%s: placeholders changed by the translation", app).isEmpty();
        assertThat(untranslated).as("%s: entries still in English", app).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "admin", "cockpit"})
    void datesAreWrittenTheChineseWay(String app) throws IOException {
        JsonNode dates = read(app, "zh").path("dateLocales");
        assertThat(dates.path("longDateFormat").path("LLL").asText()).isEqualTo("YYYY-MM-DD HH:mm");
        assertThat(dates.path("longDateFormat").path("L").asText()).isEqualTo("YYYY-MM-DD");
        assertThat(dates.path("relativeTime").path("future").asText()).isEqualTo("%s后");
        assertThat(dates.path("relativeTime").path("dd").asText()).isEqualTo("%d 天");
        assertThat(dates.path("weekdays").get(1).asText()).isEqualTo("星期一");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Claim                                  | 认领
            Complete                               | 完成
            Save                                   | 保存
            Tasklist                               | 任务列表
            Cockpit                                | 监控中心
            Log in                                 | 登录
            Unclaim                                | 取消认领
            Assignee                               | 处理人
            Due date                               | 到期日期
            """)
    void theWordsStaffReadMostAreTheAgreedOnes(String english, String chinese) throws IOException {
        Map<String, String> tasklist = labels("tasklist", "en");
        Map<String, String> zh = labels("tasklist", "zh");
        List<String> keys = tasklist.entrySet().stream().filter(e -> e.getValue().equals(english)).map(Map.Entry::getKey).toList();
        assertThat(keys).as("Tasklist's en.json says \"%s\"", english).isNotEmpty();
        keys.forEach(key -> assertThat(zh.get(key)).as(key).isEqualTo(chinese));
    }

    @Test
    void placeholdersAreFoundWhereverTheyStand() {
        assertThat(placeholders("Due {{ dueDate }} <a href=\"#\">x</a> %s {} &lt;")).containsExactly(
                "%s", "&lt;", "</a>", "<a href=\"#\">", "{{dueDate}}", "{}");
        assertThat(placeholders("<null> <Operation> {{a}}")).containsExactly("{{a}}");
        assertThat(looksEnglish("Camunda")).isFalse();
        assertThat(looksEnglish("YYYY-MM-DDTHH:mm:ss")).isFalse();
        assertThat(looksEnglish("Show more")).isTrue();
    }

    /** Camunda's empty text (NO_TASK_FORM) and the plural "s" a sentence glues on: Chinese has nothing to say there. */
    private static boolean mayStayEmpty(String english) {
        return english.isBlank() || english.equals("s");
    }

    private static boolean looksEnglish(String text) {
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            if (!KEPT.contains(words.group().toLowerCase())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group().startsWith("{{") ? m.group().replaceAll("\\s+", "") : m.group());
        }
        found.sort(null);
        return found;
    }

    private static Map<String, String> labels(String app, String locale) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = read(app, locale).path("labels").fields();
        fields.forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        return labels;
    }

    private static JsonNode read(String app, String locale) throws IOException {
        String path = LOCALES.formatted(app, locale);
        try (InputStream in = WebappLocaleTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as("%s on the classpath", path).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Camunda's en.json files start with a byte order mark
            return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        }
    }
}

package cn.gradflow.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import cn.gradflow.testing.GradFlowSpringTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list pages under {@code /lists/}: every page a form links to exists and is served without a login (the data
 * comes from {@code /api}, which asks for one); they load nothing from outside and never put data into the page as HTML.
 */
@GradFlowSpringTest
class ListPagesTest {

    private static final Path PAGES = Path.of("src/main/resources/static/lists");
    private static final Pattern FORM_LINK = Pattern.compile("\\(/lists/([a-z-]+\\.html)\\?");

    @Autowired TestRestTemplate http;

    @Test
    void everyPageAFormLinksToIsServed() throws IOException {
        List<String> linked;
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            linked = forms.filter(f -> f.toString().endsWith(".form")).flatMap(ListPagesTest::links).distinct().toList();
        }
        assertThat(linked).contains("hq-submission.html", "status-cleanup.html");
        for (String page : Stream.concat(linked.stream(), Stream.of("closures.html", "notification.html")).toList()) {
            assertThat(PAGES.resolve(page)).as(page).exists();
            ResponseEntity<String> served = http.getForEntity("/lists/" + page, String.class);
            assertThat(served.getStatusCode().value()).as(page).isEqualTo(200);
            assertThat(served.getHeaders().getContentType()).as(page).isNotNull()
                    .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.TEXT_HTML)).isTrue());
            assertThat(served.getBody()).as(page).contains("<html lang=\"zh-CN\">", "lists.js");
        }
        assertThat(http.getForEntity("/lists/lists.js", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void pagesLoadNothingFromOutsideAndPutNoDataInAsHtml() throws IOException {
        try (Stream<Path> files = Files.list(PAGES)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertThat(text).as(file.toString()).doesNotContain("http://", "https://", "src=\"//", "href=\"//", "@import");
                if (file.toString().endsWith(".js")) {
                    assertThat(text).as(file.toString()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                            "document.write", "eval(", "new Function");
                    assertThat(text).as(file.toString()).doesNotContainPattern("credentials:\\s*'include'");
                }
            }
        }
    }

    private static Stream<String> links(Path form) {
        try {
            Matcher m = FORM_LINK.matcher(Files.readString(form, StandardCharsets.UTF_8));
            return m.results().map(r -> r.group(1)).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

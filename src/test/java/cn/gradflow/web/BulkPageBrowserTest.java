package cn.gradflow.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.gradflow.application.ApplicationRecord;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.ApplicationState;
import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.HeadlessChromium;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 5: bulk work in a real browser (headless Chromium through Selenium). A learning centre's clerk logs
 * in to Tasklist, follows 批量办理 in Tasklist's header to {@code /lists/bulk.html}, filters the batch's list to the
 * students not yet applied for, ticks 勾选全部 and presses 批量申请毕业: each student's result is shown with its
 * Chinese message, and the cases moved (an application started and submitted, its check next; the one without a graduation photo
 * stopped at 整改 with R-EL-06/R-PH-01). The centre belongs to a branch of this test alone
 * ({@link TestRoster#ensureBulkPageBranch()}), so "all not applied" are this test's students. Screenshots in
 * {@code target/screenshots/}.
 *
 * <p>Without Chromium and its driver the test is skipped with the reason, unless {@code -Dgradflow.browser.required=true}.
 */
@GradFlowSpringTest
class BulkPageBrowserTest {

    private static final Duration WAIT = HeadlessChromium.WAIT;

    @LocalServerPort int port;
    @Autowired TestRoster roster;
    @Autowired ApplicationRepository applications;
    @Autowired TaskService tasks;
    @Autowired ManagementService jobs;

    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.open(1500, 1100, WAIT);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * The link, reloading Tasklist once or twice if its header came up without it: on the first Tasklist of a fresh
     * JVM the header has been seen rendered before the custom scripts' plugins arrived (the CI run of 2026-11-26).
     */
    private static WebElement headerLink(WebDriver browser) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new WebDriverWait(browser, java.time.Duration.ofSeconds(30)).until(b -> b.findElements(By.cssSelector("a.gradflow-bulk-link"))
                        .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
            } catch (org.openqa.selenium.TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
                browser.navigate().refresh();
            }
        }
    }

    @Test
    void aClerkAppliesForAllListedStudentsAtOnce() throws Exception {
        roster.ensureBulkPageBranch();
        List<String> eligible = List.of(roster.eligibleStudent(TestRoster.LC_BULK_PAGE, "XZGL"),
                roster.eligibleStudent(TestRoster.LC_BULK_PAGE, "XZGL"), roster.eligibleStudent(TestRoster.LC_BULK_PAGE, "XZGL"));
        String withoutPhoto = roster.studentWithoutPhoto(TestRoster.LC_BULK_PAGE);

        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        HeadlessChromium.logInToTasklist(browser, wait, port, TestRoster.BULK_PAGE_CLERK, TestRoster.PASSWORD);

        // Tasklist's header carries the link (scripts/bulk-link.js on the navbar's action point)
        WebElement link = headerLink(browser);
        assertThat(link.getText()).contains("批量办理");
        link.click();

        wait.until(b -> b.getCurrentUrl().contains("/lists/bulk.html") && !rows(b).isEmpty());
        new Select(browser.findElement(By.cssSelector("#filters select[name=state]"))).selectByValue("NOT_APPLIED");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        List<String> listed = wait.until(b -> {
            List<String> shown = rows(b);
            return shown.size() == 4 ? shown : null;
        });
        assertThat(listed).containsExactlyInAnyOrderElementsOf(concat(eligible, withoutPhoto));
        assertThat(browser.findElement(By.id("groups")).getText()).contains("无阻断问题");

        browser.findElement(By.id("select-all")).click();
        assertThat(browser.findElement(By.id("selected")).getText()).isEqualTo("已勾选 4 人");
        browser.findElement(By.cssSelector("#actions button[data-action=APPLY]")).click();
        WebElement dialog = wait.until(b -> b.findElement(By.id("confirm")).isDisplayed() ? b.findElement(By.id("confirm")) : null);
        assertThat(dialog.getText()).contains("确定对勾选的 4 名学生申请毕业吗");
        screenshot("bulk-page-confirm.png");
        browser.findElement(By.id("confirm-ok")).click();

        Map<String, String> results = wait.until(b -> {
            Map<String, String> shown = results(b);
            return shown.size() == 4 ? shown : null;
        });
        String resultText = browser.findElement(By.id("results")).getText();
        // the list reloads with the new states: no student is left 未申请 under this filter
        wait.until(b -> rows(b).isEmpty());
        screenshot("bulk-page-results.png");

        eligible.forEach(no -> assertThat(results).containsEntry(no, "DONE"));
        assertThat(results).containsEntry(withoutPhoto, "BLOCKED");
        assertThat(resultText).contains("申请毕业：共 4 人", "已办理 3 人", "有须整改的问题 1 人", "已申请毕业，资格检查后送审",
                "R-EL-06/R-PH-01");
        for (String no : eligible) {
            // submitted: the choice recorded, no task left at the centre, the check (a job) comes next
            ApplicationRecord application = applications.find(TestRoster.BATCH, no).orElseThrow();
            assertThat(application.kind()).as(no).isEqualTo(ApplicationChoice.Kind.GRADUATION);
            assertThat(tasks.createTaskQuery().processInstanceId(application.processInstanceId()).count()).as(no).isZero();
            assertThat(jobs.createJobQuery().processInstanceId(application.processInstanceId()).count()).as(no).isEqualTo(1);
        }
        assertThat(applications.find(TestRoster.BATCH, withoutPhoto).orElseThrow().state()).isEqualTo(ApplicationState.CORRECTION);
    }

    private static List<String> concat(List<String> a, String b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(b)).toList();
    }

    /** The 学号 of the rows the case list shows (none while it says it is empty), read at once: the list re-renders. */
    @SuppressWarnings("unchecked")
    private static List<String> rows(WebDriver b) {
        return (List<String>) ((JavascriptExecutor) b).executeScript(
                "return Array.from(document.querySelectorAll('#list tbody tr[data-key]')).map(tr => tr.dataset.key);");
    }

    /** 学号 → result code of the results table, read at once. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> results(WebDriver b) {
        return (Map<String, String>) ((JavascriptExecutor) b).executeScript(
                "return Object.fromEntries(Array.from(document.querySelectorAll('#result-table tbody tr'))"
                        + ".map(tr => [tr.cells[0].textContent, tr.dataset.result]));");
    }

    private void screenshot(String name) throws Exception {
        HeadlessChromium.screenshot(browser, name);
    }
}

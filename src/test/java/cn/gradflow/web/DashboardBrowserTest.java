package cn.gradflow.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.batch.NotificationRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.HeadlessChromium;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, items 3–4, in a real browser (headless Chromium): a branch manager logs in to Tasklist, finds 批次看板 in the
 * header with the badge of recent notices, opens the dashboard and reads the same numbers as the API. Screenshots in
 * {@code target/screenshots/}. Skipped without Chromium unless {@code -Dgradflow.browser.required=true}.
 */
@GradFlowSpringTest
@SuppressWarnings({"unchecked", "rawtypes"})
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort int port;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired NotificationRepository notifications;
    @Autowired TestRestTemplate http;

    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.open(1400, 1000, WAIT);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aBranchManagerOpensTheDashboardFromTasklistAndReadsTheDatabasesNumbers() throws Exception {
        roster.ensureBase();
        ProcessInstance atCity = driver.start(roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        driver.apply(atCity, "th1", "GRADUATION");
        driver.start(roster.studentWithoutPhoto(TestRoster.LC_B));
        notifications.add("GD", TestRoster.BATCH, "TEST", "测试通知：首批申请将于 3 天后截止");

        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        HeadlessChromium.logInToTasklist(browser, wait, port, "gd1", TestRoster.PASSWORD);

        WebElement link = wait.until(b -> b.findElements(By.cssSelector("a.gradflow-dashboard-link")).stream().findFirst().orElse(null));
        WebElement badge = wait.until(b -> b.findElements(By.cssSelector(".gradflow-notice-badge")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(link.getText()).contains("批次看板");
        assertThat(Integer.parseInt(badge.getText().strip())).isPositive();
        screenshot("tasklist-header-dashboard-link.png");

        link.click();
        wait.until(b -> b.getCurrentUrl().contains("/lists/dashboard.html"));
        WebElement applying = wait.until(b -> b.findElements(By.id("count-CITY_REVIEW")).stream().findFirst().orElse(null));
        Map api = http.withBasicAuth("gd1", TestRoster.PASSWORD).getForEntity("/api/dashboard", Map.class).getBody();
        for (Map state : (List<Map>) api.get("states")) {
            String shown = browser.findElement(By.id("count-" + state.get("state"))).getText();
            assertThat(Long.parseLong(shown)).as((String) state.get("label")).isEqualTo(((Number) state.get("count")).longValue());
        }
        assertThat(Long.parseLong(applying.getText())).isPositive();
        assertThat(applying.getAttribute("href")).contains("bulk.html").contains("state=CITY_REVIEW").contains("unit=GD");
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).contains("批次 " + TestRoster.BATCH + " 看板", "各状态人数", "时间窗口与倒计时", "首批申请", "每日趋势",
                "阻断规则", "各学习中心", "测试通知：首批申请将于 3 天后截止").doesNotContain("undefined", "null", "NaN");
        assertThat(browser.findElements(By.cssSelector("#trend svg rect"))).isNotEmpty();

        browser.manage().window().setSize(new Dimension(1400, 2000));
        screenshot("dashboard-branch-gd1.png");
    }

    private void screenshot(String name) throws Exception {
        HeadlessChromium.screenshot(browser, name);
    }
}

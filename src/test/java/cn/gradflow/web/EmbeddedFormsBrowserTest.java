package cn.gradflow.web;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.ApplicationState;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.HeadlessChromium;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded HTML forms in a real Tasklist (headless Chromium through Selenium, as
 * {@link TasklistSearchBrowserTest}): the branch review shows the photos it compares (R-PH-03, R-ID-04) and
 * completes, and a 整改 completes — Tasklist sends every variable an embedded form fetched, which the input
 * guard refused until the forms dropped the ones they only show. Screenshots in {@code target/screenshots/}.
 */
@GradFlowSpringTest
class EmbeddedFormsBrowserTest {

    private static final Duration WAIT = HeadlessChromium.WAIT;

    @LocalServerPort int port;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired PhotoRepository photos;
    @Autowired TaskService tasks;

    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.open(1400, 2200, WAIT);
        roster.ensureBase();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theBranchReviewShowsThePhotosSideBySideAndCompletesWithItsComparison() throws Exception {
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        photos.save(no, PhotoRepository.Kind.GRADUATION, PhotoFixtures.graduationJpeg());
        photos.save(no, PhotoRepository.Kind.CHSI_ACADEMIC, PhotoFixtures.graduationJpeg());
        photos.save(no, PhotoRepository.Kind.ADMISSION, PhotoFixtures.admissionJpeg());
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        driver.approve(pi, "gz1");

        WebDriverWait wait = openClaimed("gd1", pi);
        // the four <img> of the two pairs, loaded through /api with the Tasklist login
        List<Object> loaded = wait.until(b -> {
            Object widths = ((JavascriptExecutor) b).executeScript("return Array.from(document.querySelectorAll('img[alt]'))"
                    + ".filter(i => i.alt.indexOf('照片') >= 0 && i.complete).map(i => i.alt + ' ' + i.naturalWidth);");
            return widths instanceof List<?> list && list.size() == 4 ? List.copyOf(list) : null;
        });
        assertThat(loaded).containsExactly("平台毕业照片 480", "学信网学历照片 480", "录取照片 295", "平台毕业照片 480");
        screenshot("branch-review-photo-comparison.png");

        select("academicPhotoMatch", "MATCH");
        select("admissionPhotoMatch", "MATCH");
        browser.findElement(By.id("photoNote")).sendKeys("同版照片");
        select("decision", "APPROVE");
        complete(wait, no, ApplicationState.AWAITING_HQ, "branch-review-completed.png");

        assertThat(applications.decisions(applications.find(TestRoster.BATCH, no).orElseThrow().id()))
                .extracting(d -> d.decision() + " " + d.reason())
                .contains("PHOTO_COMPARISON R-PH-03 平台毕业照片与学信网学历照片：一致；R-ID-04 录取照片与毕业照片：一致 — 同版照片");
    }

    @Test
    void aCorrectionCompletesFromTasklist() throws Exception {
        String no = roster.studentWithoutPhoto(TestRoster.LC_A);
        ProcessInstance pi = driver.start(no);
        WebDriverWait wait = openClaimed("th1", pi);
        wait.until(b -> !b.findElements(By.id("correctionAction")).isEmpty());

        select("correctionAction", "DEFER");
        browser.findElement(By.id("reason")).sendKeys("学生本人申请暂缓");
        complete(wait, no, ApplicationState.DEFERRED, "correction-completed.png");
    }

    /** Logs in, opens the case's task and claims it: Tasklist enables a form only for the one who claimed it. */
    private WebDriverWait openClaimed(String user, ProcessInstance pi) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        HeadlessChromium.logInToTasklist(browser, wait, port, user, TestRoster.PASSWORD);
        wait.until(b -> !b.findElements(By.cssSelector("ol.tasks-list")).isEmpty());
        String task = tasks.createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).singleResult().getId();
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task);
        WebElement claim;
        try {
            claim = wait.until(b -> b.findElements(By.cssSelector("button.claim")).stream().findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            // seen once in CI on two cores: Tasklist stayed at its spinner for the task; a reload draws it (as in
            // ChineseWorkplaceBrowserTest.loaded); the page's text goes into the failure if it does not
            browser.navigate().refresh();
            try {
                claim = wait.until(b -> b.findElements(By.cssSelector("button.claim")).stream().findFirst().orElse(null));
            } catch (org.openqa.selenium.TimeoutException again) {
                throw new AssertionError("no 认领 button at " + browser.getCurrentUrl() + "; the page read: "
                        + browser.findElement(By.tagName("body")).getText(), again);
            }
        }
        claim.click();
        wait.until(b -> !b.findElements(By.cssSelector("button.unclaim")).isEmpty());
        return wait;
    }

    private void select(String variable, String value) {
        new Select(browser.findElement(By.cssSelector("select[cam-variable-name=" + variable + "]"))).selectByValue(value);
    }

    /** Completes the form and waits for the case to reach {@code state}; a refusal Tasklist shows fails the test with its text. */
    private void complete(WebDriverWait wait, String no, ApplicationState state, String shot) throws Exception {
        wait.until(b -> b.findElements(By.cssSelector("button")).stream()
                .filter(e -> e.getText().strip().matches("Complete|完成")).filter(e -> e.isEnabled()).findFirst().orElse(null))
                .click();
        // GradFlow's refusals read 提交的内容有误… / …不能… / 须…; Tasklist's notices re-render, so a stale one is read again
        String refusal = wait.ignoring(StaleElementReferenceException.class)
                .until(b -> applications.find(TestRoster.BATCH, no).orElseThrow().state() == state ? ""
                        : b.findElements(By.cssSelector(".alert-danger")).stream().map(e -> e.getText().strip())
                                .filter(t -> t.matches("(?s).*(提交的内容有误|不能|须).*")).findFirst().orElse(null));
        screenshot(shot);
        assertThat(refusal).as("Tasklist's refusal").isEmpty();
    }

    private void screenshot(String name) throws Exception {
        HeadlessChromium.screenshot(browser, name);
    }
}

package cn.gradflow.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.fail;

/**
 * The browser tests' Chromium (Selenium, headless), in one place: where it is, how it starts, the Tasklist login and
 * the screenshots kept in {@code target/screenshots/} (a name may hold a folder: {@code zh-roles/x.png}). Without Chromium and its driver a test is skipped with the
 * reason, unless {@code -Dgradflow.browser.required=true} (CI, {@code .ci/run}, which installs them): then it fails.
 */
public final class HeadlessChromium {

    /**
     * How long a browser test waits for a page to show something: long, because on two busy cores Tasklist's
     * first load can take half a minute; a wait ends as soon as the thing is there.
     */
    public static final java.time.Duration WAIT = java.time.Duration.ofSeconds(90);

    private static final Path CHROMIUM = Path.of(System.getProperty("gradflow.browser.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("gradflow.browser.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** A new headless Chromium of this window size, in Chinese and in Asia/Shanghai time; skips (or fails, when required) the test without one. */
    public static WebDriver open(int width, int height, Duration pageLoad) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "浏览器测试需要 " + CHROMIUM + " 和 " + CHROMEDRIVER + "（apt-get install chromium chromium-driver fonts-noto-cjk）";
            if (Boolean.getBoolean("gradflow.browser.required")) {
                fail(missing + "，但未安装（-Dgradflow.browser.required=true）");
            }
            Assumptions.abort(missing + "，未安装，跳过");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=zh-CN");
        // the zone of the registry staff's PCs: the webapps show times in the browser's zone
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withEnvironment(java.util.Map.of("TZ", "Asia/Shanghai")).build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(pageLoad);
        return browser;
    }

    /**
     * Camunda's login form in front of Tasklist, as a user types it, until the form has gone. On two busy cores the
     * form has been seen drawn before Tasklist finished starting, so what was typed never reached the login (the
     * page stayed at {@code #/login}, seen in three CI runs at three different logins): the form is typed again, at most
     * three times, and a login that still does not go through fails here with what the page said (a refused
     * password's notice, 429 of the throttle) instead of as a missing task list later.
     */
    public static void logInToTasklist(WebDriver browser, WebDriverWait wait, int port, String user, String password) {
        logIn(browser, wait, "http://localhost:" + port + "/camunda/app/tasklist/default/", user, password);
    }

    /** The same login in front of another of Camunda's webapps ({@code app}: its start page). */
    public static void logIn(WebDriver browser, WebDriverWait wait, String app, String user, String password) {
        StringBuilder seen = new StringBuilder();
        for (int attempt = 1; attempt <= 3; attempt++) {
            browser.get(app);
            wait.until(b -> !b.findElements(By.cssSelector("input[type=password]")).isEmpty());
            try {
                WebElement name = browser.findElement(By.cssSelector("input[type=text]"));
                WebElement secret = browser.findElement(By.cssSelector("input[type=password]"));
                name.clear();
                name.sendKeys(user);
                secret.clear();
                secret.sendKeys(password);
                if (user.equals(name.getAttribute("value"))) {
                    secret.sendKeys(Keys.ENTER);
                    new WebDriverWait(browser, Duration.ofSeconds(30))
                            .until(b -> b.findElements(By.cssSelector("input[type=password]")).isEmpty());
                    return;
                }
                seen.append("\n").append(attempt).append(": the name field read 「").append(name.getAttribute("value")).append('」');
            } catch (StaleElementReferenceException | TimeoutException redrawnOrRefused) {
                seen.append("\n").append(attempt).append(": ").append(redrawnOrRefused.getClass().getSimpleName()).append(", the page read: ")
                        .append(browser.findElement(By.tagName("body")).getText().replace('\n', ' '));
            }
        }
        fail(user + " could not log in at " + app + " in three attempts:" + seen);
    }

    public static void screenshot(WebDriver browser, String name) throws IOException {
        Path target = Path.of("target", "screenshots").resolve(name);
        Files.createDirectories(target.getParent());
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}

package cn.gradflow.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.selfstudy.SelfStudyFixture;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.HeadlessChromium;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's check, as a new user makes it: a centre clerk, a city officer, a branch manager and HQ log in to a
 * browser set to Chinese and open the Tasklist list, a task's form, Cockpit (dashboard, process list, one instance —
 * what their tier may open; the others meet GradFlow's Chinese refusal page), Admin (the administrator's only: the same
 * refusal), Welcome and the batch dashboard. Every page is Chinese: its visible text holds no Latin word but the identifiers listed in
 * {@link #identifiers()}, and no browser-drawn file picker ("Choose File"). The dashboard's counts are the database's.
 * Screenshots in {@code target/screenshots/zh-roles/}. One browser for the four logins, to keep {@code mvn verify} short.
 */
@GradFlowSpringTest
class ChineseWorkplaceBrowserTest {

    private static final Duration WAIT = HeadlessChromium.WAIT;
    /** A Latin word: letters, with the digits, dots, dashes and slashes identifiers carry. */
    private static final Pattern LATIN = Pattern.compile("[A-Za-z][A-Za-z0-9_./:-]*[A-Za-z0-9]|[A-Za-z]");
    /**
     * Identifiers by their shape: rule ids (R-EL-03, R-EL-06/R-PH-01), file names (照片.jpg), the engine's ids (hex
     * with dashes; graduation-application:1:…) and the time zone the footer names.
     */
    private static final Pattern IDENTIFIER = Pattern.compile("R-[A-Z]+-\\d+(/R-[A-Z]+-\\d+)*|.+\\.(jpg|jpeg|png|pdf|xlsx|zip)"
            + "|[0-9a-f-]*\\d[0-9a-f-]*|[a-z-]+:\\d+:[0-9a-f-]+|Asia/Shanghai");
    /** File formats and sizes as the forms name them (「JPG，不超过 50 KB」): how Chinese staff write them too. */
    private static final Set<String> FORMATS = Set.of("JPG", "PNG", "PDF", "KB");
    /**
     * The administrator's pages (issue 14) name Camunda's permissions and resource ids as the engine spells them (left in
     * English on purpose, README), its usage metrics by their abbreviations, which the page spells out in Chinese
     * (「流程实例（PI）」), and the formats of the deployments' files.
     */
    private static final Set<String> ADMIN_TERMS = Set.of("ACCESS", "ALL", "NONE", "READ", "UPDATE", "CREATE", "DELETE",
            "PI", "DI", "TU", "FNI", "EDE", "FNI/EDE", "BPMN", "DMN", "CMMN", "JSON", "CSV");
    /** An ASCII colon after a Chinese character or bracket (「学号:」): Chinese writes 「：」. */
    private static final Pattern ASCII_COLON = Pattern.compile("[\\u3400-\\u9fff\\uff09]:");

    /** The pencil beside the focused filter, which opens its dialog (Tasklist's filter list). */
    private static final String FILTER_PENCIL = "[cam-tasklist-filters] .task-filter .actions a";

    /** The test profile's administrator (application-test.yml). */
    private static final String ADMIN = "testadmin";
    private static final String ADMIN_PASSWORD = "test-admin-secret";

    @LocalServerPort int port;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired TaskService tasks;
    @Autowired JdbcClient jdbc;
    @Autowired PhotoRepository photos;
    @Autowired SelfStudyFixture selfStudy;
    @Autowired IdentityService identity;

    private WebDriver browser;
    private WebDriverWait wait;
    /** Every Latin word found, by page: reported together so one run shows them all. */
    private final Map<String, Set<String>> english = new LinkedHashMap<>();

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.open(1400, 1000, WAIT);
        wait = new WebDriverWait(browser, WAIT);
        roster.ensureBase();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * Issue 14: the administrator's own pages in Admin (users, a user's profile and groups, the create-user form, groups,
     * authorizations, tenants, system) and Cockpit (processes opened first, as from a bookmark, a definition, an instance,
     * batch operations, migration, decisions, deployments) are Chinese as well; the administrator is offered Cockpit's
     * operator controls that officers are not.
     */
    @Test
    void theAdministratorsPagesAreChinese() throws Exception {
        ProcessInstance atCity = driver.start(roster.eligibleStudent(TestRoster.LC_A, "GSGL"));
        driver.apply(atCity, "th1", "GRADUATION");
        String definition = atCity.getProcessDefinitionId();
        HeadlessChromium.logIn(browser, wait, base() + "/camunda/app/admin/default/", ADMIN, ADMIN_PASSWORD);
        wait.until(b -> !b.findElements(By.cssSelector(".account > .dropdown-toggle")).isEmpty());
        String[][] pages = {
                {"admin", "#/users", "users", "用户列表"},
                {"admin", "#/users/th1?tab=profile", "user-profile", "个人资料"},
                {"admin", "#/users/th1?tab=groups", "user-groups", "所属用户组"},
                {"admin", "#/user-create", "user-create", "用户账户"},
                {"admin", "#/groups", "groups", "用户组列表"},
                {"admin", "#/groups/" + TestRoster.LC_A + "?tab=group", "group", "用户组详情"},
                {"admin", "#/authorization?resource=0", "authorizations", "授权"},
                {"admin", "#/tenants", "tenants", "租户列表"},
                {"admin", "#/system?section=system-settings-general", "system", "常规设置"},
                {"admin", "#/system?section=system-settings-metrics", "system-metrics", "执行指标"},
                {"cockpit", "#/processes", "cockpit-processes", "流程定义"},
                {"cockpit", "#/process-definition/" + definition + "/runtime", "cockpit-definition", "监控中心"},
                {"cockpit", "#/process-instance/" + atCity.getId() + "/runtime", "cockpit-instance", "流程实例"},
                {"cockpit", "#/batch", "cockpit-batch", "批处理"},
                {"cockpit", "#/migration", "cockpit-migration", "监控中心"},
                {"cockpit", "#/decisions", "cockpit-decisions", "决策定义"},
                {"cockpit", "#/repository", "cockpit-deployments", "部署时间"}};
        for (String[] page : pages) {
            // a new page load each time: Cockpit's processes list drew translation keys when opened first
            browser.get(base() + "/camunda/app/" + page[0] + "/default/?reload=" + page[2] + page[1]);
            if (page[2].equals("cockpit-instance")) {
                wait.until(b -> !b.findElements(By.cssSelector("[cam-widget-variables-table] tbody tr")).isEmpty());
                // the administrator may change a case's variables (EngineDoorsTest): the controls are his
                wait.until(b -> b.findElements(By.cssSelector("[cam-widget-variables-table] td.actions button")).stream()
                        .anyMatch(WebElement::isDisplayed));
            }
            check("admin-" + page[2], page[3]);
        }
        assertThat(english).as("English on the administrator's pages (page → words)").isEmpty();
        namesReadSurnameFirstInAdmin();
    }

    /**
     * Issue 14: a user stored as first name 晓雯, last name 林 reads 「林晓雯」 on their Admin page (heading, window title,
     * breadcrumb, 「林晓雯 所属用户组」), and their group's member list shows 姓 before 名. The stored fields are unchanged.
     */
    private void namesReadSurnameFirstInAdmin() {
        String login = "tzhname";
        String group = "TZHNAMES";
        if (identity.createUserQuery().userId(login).count() == 0) {
            User user = identity.newUser(login);
            user.setFirstName("晓雯");
            user.setLastName("林");
            user.setPassword(TestRoster.PASSWORD);
            identity.saveUser(user);
            org.camunda.bpm.engine.identity.Group names = identity.newGroup(group);
            names.setName("姓名测试组");
            names.setType("TEST");
            identity.saveGroup(names);
            identity.createMembership(login, group);
        }
        browser.get(base() + "/camunda/app/admin/default/?reload=names#/users/" + login + "?tab=groups");
        wait.until(b -> b.findElements(By.cssSelector("h3")).stream().anyMatch(h -> h.getText().contains("编辑用户 林晓雯")));
        wait.until(b -> b.getTitle().endsWith("编辑用户 林晓雯") && visibleText().contains("林晓雯 所属用户组"));
        assertThat(browser.findElements(By.cssSelector("li[ng-repeat*='in breadcrumbs'] .text")).stream().map(WebElement::getText).toList())
                .as("the breadcrumb").contains("林晓雯");
        assertThat(visibleText()).as("Admin's user page").doesNotContain("晓雯 林");
        browser.get(base() + "/camunda/app/admin/default/?reload=members#/groups/" + group + "?tab=users");
        wait.until(b -> b.findElements(By.xpath("//tr[td/a[text()='" + login + "']]/td")).stream().map(WebElement::getText).toList()
                .equals(List.of(login, "林", "晓雯")));
        List<String> heads = browser.findElements(By.xpath("//th[@sort-by-property='lastName']/../th")).stream()
                .map(WebElement::getText).map(String::strip).toList();
        int surname = heads.indexOf(heads.stream().filter(h -> h.startsWith("姓")).findFirst().orElse("?"));
        int given = heads.indexOf(heads.stream().filter(h -> h.startsWith("名")).findFirst().orElse("?"));
        assertThat(surname).as("the member list's heads " + heads).isPositive().isLessThan(given);
        assertThat(identity.createUserQuery().userId(login).singleResult().getLastName()).isEqualTo("林");
    }

    /**
     * Issue 14: a self-study candidate opens Tasklist on their own tasks (待我处理, the only filter they read), without
     * the staff's header links, and sees their name surname first as Chinese writes it.
     */
    @Test
    void aCandidateLandsOnTheirOwnTasks() throws Exception {
        selfStudy.ensureBase();
        String candidateNo = selfStudy.candidate(SelfStudyFixture.spec());
        selfStudy.fire(selfStudy.start(candidateNo), "WaitApplicationWindow"); // the window opens: their first task
        String login = SelfStudyFixture.userOf(candidateNo);
        User user = identity.createUserQuery().userId(login).singleResult();
        user.setFirstName("晓雯");
        user.setLastName("林");
        identity.saveUser(user);

        HeadlessChromium.logInToTasklist(browser, wait, port, login, TestRoster.PASSWORD);
        loaded("ol.tasks-list li.task");
        check("candidate-tasklist", "待我处理");
        List<String> filters = browser.findElements(By.cssSelector("[cam-tasklist-filters] .task-filter .name")).stream()
                .map(WebElement::getText).map(String::strip).filter(t -> !t.isEmpty()).toList();
        assertThat(filters).as("the candidate's filters").hasSize(1);
        assertThat(filters.get(0)).as("the candidate's filter").startsWith("待我处理");
        assertThat(browser.findElement(By.cssSelector(".account > .dropdown-toggle")).getText()).contains("林晓雯");
        wait.until(b -> !b.findElements(By.cssSelector("li.start-process-action")).isEmpty());
        // nothing to start and no filter to change: 启动流程 and the filter's pencil are not offered (SelfStudyDoorsTest)
        for (String link : List.of("li.gradflow-bulk", "li.gradflow-dashboard", "li.create-task-action", "li.start-process-action",
                FILTER_PENCIL)) {
            assertThat(browser.findElements(By.cssSelector(link)).stream().filter(WebElement::isDisplayed).toList())
                    .as("the header's " + link + " for a candidate").isEmpty();
        }
        assertThat(english).as("English on the candidate's pages (page → words)").isEmpty();
    }

    @Test
    void everyRoleWorksInChineseAndTheDashboardCountsTheDatabase() throws Exception {
        // one case waiting at each tier: a correction at the centre (the form with a file upload), then each review
        ProcessInstance correction = driver.start(roster.studentWithoutPhoto(TestRoster.LC_A));
        ProcessInstance atCity = driver.start(roster.eligibleStudent(TestRoster.LC_A, "GSGL"));
        driver.apply(atCity, "th1", "GRADUATION");
        String withPhotos = roster.eligibleStudent(TestRoster.LC_B, "GSGL");
        // real photos, so that the branch review's comparison shows pictures, as staff see it
        photos.save(withPhotos, PhotoRepository.Kind.GRADUATION, PhotoFixtures.graduationJpeg());
        photos.save(withPhotos, PhotoRepository.Kind.CHSI_ACADEMIC, PhotoFixtures.graduationJpeg());
        photos.save(withPhotos, PhotoRepository.Kind.ADMISSION, PhotoFixtures.admissionJpeg());
        ProcessInstance atBranch = driver.start(withPhotos);
        driver.apply(atBranch, "py1", "GRADUATION");
        driver.approve(atBranch, "gz1");
        ProcessInstance atHq = driver.start(roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        driver.apply(atHq, "th1", "GRADUATION");
        driver.approve(atHq, "gz1");
        driver.approve(atHq, "gd1");
        driver.submitToHq(atHq);
        ProcessInstance rejected = driver.start(roster.eligibleStudent(TestRoster.LC_B, "XZGL"));
        driver.apply(rejected, "py1", "GRADUATION");
        driver.reject(rejected, "gz1", "毕业照片背景不符");

        browser.get(base() + "/camunda/app/tasklist/default/");
        loaded("input[type=password]");
        check("login", "登录");

        role("th1", "clerk", correction, false);
        role("gz1", "city", atCity, false);
        role("gd1", "branch", atBranch, true);
        role("hq1", "hq", atHq, true);

        assertThat(english).as("English on the Chinese pages (page → words)").isEmpty();
    }

    private void role(String user, String name, ProcessInstance caseOfTier, boolean cockpit) throws Exception {
        browser.manage().deleteAllCookies();
        HeadlessChromium.logInToTasklist(browser, wait, port, user, TestRoster.PASSWORD);
        loaded("ol.tasks-list li.task");
        check(name + "-tasklist", "本单位待办");
        // issue 14: GradFlow's mark in the header instead of Camunda's logo; the unit's links, not 创建任务
        WebElement logo = browser.findElement(By.cssSelector(".navbar-brand .brand-logo"));
        assertThat(logo.getCssValue("background-image")).as(name + ": the header's mark").contains("gradflow/logo.svg");
        assertThat(logo.findElements(By.cssSelector("svg")).stream().filter(WebElement::isDisplayed).toList())
                .as(name + ": Camunda's logo").isEmpty();
        wait.until(b -> b.findElements(By.cssSelector("li.gradflow-bulk")).stream().anyMatch(WebElement::isDisplayed));
        assertThat(browser.findElements(By.cssSelector("li.create-task-action")).stream().filter(WebElement::isDisplayed).toList())
                .as(name + ": 创建任务 (no grant to create tasks)").isEmpty();
        // 启动流程 for whom the engine lets start a process (a branch or HQ: the list to HQ); the filters are GradFlow's
        wait.until(b -> b.findElements(By.cssSelector("li.start-process-action")).stream().anyMatch(WebElement::isDisplayed) == cockpit);
        assertThat(browser.findElements(By.cssSelector(FILTER_PENCIL)).stream().filter(WebElement::isDisplayed).toList())
                .as(name + ": the filter's pencil").isEmpty();

        String task = tasks.createTaskQuery().processInstanceId(caseOfTier.getId()).singleResult().getId();
        browser.get(base() + "/camunda/app/tasklist/default/#/?task=" + task);
        wait.until(b -> b.findElements(By.cssSelector("button.claim")).stream().findFirst().orElse(null)).click();
        wait.until(b -> !b.findElements(By.cssSelector("button.unclaim")).isEmpty());
        wait.until(b -> !b.findElements(By.cssSelector("[cam-tasklist-form] form, .fjs-container")).isEmpty());
        browser.manage().window().setSize(new Dimension(1400, 1800));
        check(name + "-form", "完成");
        browser.manage().window().setSize(new Dimension(1400, 1000));

        if (cockpit) {
            browser.get(base() + "/camunda/app/cockpit/default/#/dashboard");
            wait.until(b -> !b.findElements(By.cssSelector(".dashboard .stats-section")).isEmpty());
            check(name + "-cockpit-dashboard", "监控中心");
            browser.get(base() + "/camunda/app/cockpit/default/#/processes");
            wait.until(b -> b.findElements(By.cssSelector("table tbody tr a")).size() > 1);
            check(name + "-cockpit-processes", "流程定义");
            browser.get(base() + "/camunda/app/cockpit/default/#/process-instance/" + caseOfTier.getId() + "/runtime");
            wait.until(b -> !b.findElements(By.cssSelector("[cam-widget-bpmn-viewer] svg")).isEmpty()
                    && !b.findElements(By.cssSelector("[cam-widget-variables-table] tbody tr, .cam-variables-table tbody tr")).isEmpty());
            check(name + "-cockpit-instance", "流程实例");
            // issue 14: the server refuses officers every change of a case (EngineDoorsTest): no controls offered
            assertThat(browser.findElements(By.cssSelector("[cam-widget-variables-table] td.actions button, .ctn-toolbar .btn-toolbar"))
                    .stream().filter(WebElement::isDisplayed).toList()).as(name + ": Cockpit's operator controls").isEmpty();
        } else {
            // Camunda refuses the page with 403; GradFlow's error page says why, in Chinese
            browser.get(base() + "/camunda/app/cockpit/default/");
            check(name + "-cockpit-refused", "无权打开「监控中心」");
        }
        browser.get(base() + "/camunda/app/admin/default/");
        check(name + "-admin", "仅供系统管理员使用");
        browser.get(base() + "/camunda/app/welcome/default/");
        wait.until(b -> !b.findElements(By.cssSelector(".webapps a, main h1")).isEmpty());
        check(name + "-welcome", "欢迎");

        // the test's batch: HQ's first view is the newest of any branch, which other tests' branches may hold
        browser.get(base() + "/lists/dashboard.html?batch=" + TestRoster.BATCH);
        wait.until(b -> b.findElement(By.id("board")).isDisplayed());
        dashboardCountsTheDatabase(name);
        browser.manage().window().setSize(new Dimension(1400, 1800));
        check(name + "-dashboard", "各状态人数");
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    /**
     * Waits for {@code selector}, reloading the page once or twice if it does not come: on two busy cores the first
     * Tasklist of a fresh JVM has been seen to stay at its spinner (as in {@code BulkPageBrowserTest}).
     */
    private void loaded(String selector) {
        for (int attempt = 1; ; attempt++) {
            try {
                new WebDriverWait(browser, Duration.ofSeconds(45)).until(b -> !b.findElements(By.cssSelector(selector)).isEmpty());
                return;
            } catch (org.openqa.selenium.TimeoutException e) {
                if (attempt == 3) {
                    // what the page showed instead, for whoever reads the CI log (seen once under heavy load: the candidate's list)
                    try {
                        HeadlessChromium.screenshot(browser, "zh-roles/timeout.png");
                    } catch (java.io.IOException screenshot) {
                        e.addSuppressed(screenshot);
                    }
                    throw new AssertionError("「" + selector + "」 did not appear at " + browser.getCurrentUrl() + "; the page read: "
                            + visibleText(), e);
                }
                browser.navigate().refresh();
            }
        }
    }

    /** The page's counts per state against a count of the database for the unit's learning centres in the batch. */
    private void dashboardCountsTheDatabase(String page) {
        String batch = browser.findElement(By.id("batch")).getAttribute("value");
        String scope = browser.findElement(By.id("scope-unit")).getText();
        String unit = scope.substring(scope.lastIndexOf('（') + 1, scope.lastIndexOf('）'));
        List<String> centres = centres(batch, unit);
        Map<String, Long> expected = new HashMap<>();
        jdbc.sql("SELECT a.state, COUNT(*) FROM application a JOIN student s ON s.student_no = a.student_no"
                        + " WHERE a.batch_code = :batch AND s.unit_code IN (:centres) GROUP BY a.state")
                .param("batch", batch).param("centres", centres)
                .query((rs, n) -> expected.put(rs.getString(1), rs.getLong(2))).list();
        expected.put("NOT_APPLIED", jdbc.sql("SELECT COUNT(*) FROM student s WHERE s.unit_code IN (:centres) AND s.status = 'ENROLLED'"
                        + " AND NOT EXISTS (SELECT 1 FROM application a WHERE a.batch_code = :batch AND a.student_no = s.student_no)")
                .param("batch", batch).param("centres", centres).query(Long.class).single());
        List<WebElement> shown = browser.findElements(By.cssSelector("#states [id^=count-]"));
        assertThat(shown).as(page + ": the states on the dashboard").hasSizeGreaterThan(5);
        long total = 0;
        for (WebElement count : shown) {
            String state = count.getAttribute("id").substring("count-".length());
            assertThat(Long.parseLong(count.getText().strip())).as(page + " " + unit + " " + state)
                    .isEqualTo(expected.getOrDefault(state, 0L));
            total += expected.getOrDefault(state, 0L);
        }
        assertThat(total).as(page + ": students of " + unit).isPositive();
    }

    /** The learning centres below {@code unit} whose branch takes part in the batch (has a calendar for it). */
    private List<String> centres(String batch, String unit) {
        Set<String> inBatch = new HashSet<>(jdbc.sql("SELECT branch_code FROM batch_calendar WHERE batch_code = :batch")
                .param("batch", batch).query(String.class).list());
        Map<String, String> parent = new HashMap<>();
        List<String> leaves = new ArrayList<>();
        jdbc.sql("SELECT code, tier, parent_code FROM unit").query((rs, n) -> {
            parent.put(rs.getString(1), rs.getString(3));
            if ("LEARNING_CENTER".equals(rs.getString(2))) {
                leaves.add(rs.getString(1));
            }
            return null;
        }).list();
        List<String> centres = new ArrayList<>();
        for (String centre : leaves) {
            List<String> chain = new ArrayList<>();
            for (String up = centre; up != null && chain.size() < 10; up = parent.get(up)) {
                chain.add(up);
            }
            if (chain.contains(unit) && chain.stream().anyMatch(inBatch::contains)) {
                centres.add(centre);
            }
        }
        return centres;
    }

    /**
     * Waits until the page shows {@code expected} and has stopped changing (Camunda's views fill in over several
     * requests), saves a screenshot and records the Latin words of its visible text, title and placeholders.
     */
    private void check(String page, String expected) throws Exception {
        String[] last = {""};
        int[] same = {0};
        wait.pollingEvery(Duration.ofMillis(400)).until(b -> {
            String now = visibleText();
            same[0] = now.equals(last[0]) && !now.isBlank() && !now.contains("加载中") ? same[0] + 1 : 0;
            last[0] = now;
            return same[0] >= 3;
        });
        if (!last[0].contains(expected)) {
            english.computeIfAbsent(page, p -> new LinkedHashSet<>()).add("(missing 「" + expected + "」)");
        }
        HeadlessChromium.screenshot(browser, "zh-roles/" + page + ".png");
        Set<String> allowed = identifiers();
        Set<String> found = new LinkedHashSet<>();
        Matcher words = LATIN.matcher(last[0]);
        while (words.find()) {
            String word = words.group();
            if (!allowed.contains(word) && !IDENTIFIER.matcher(word).matches()) {
                found.add(word);
            }
        }
        if (!browser.findElements(By.cssSelector("input[type=file]")).stream().filter(WebElement::isDisplayed).toList().isEmpty()) {
            found.add("Choose File (the browser's file picker)");
        }
        Matcher colon = ASCII_COLON.matcher(last[0]);
        while (colon.find()) {
            found.add("ASCII colon: " + colon.group());
        }
        if (!found.isEmpty()) {
            english.computeIfAbsent(page, p -> new LinkedHashSet<>()).addAll(found);
        }
    }

    private String visibleText() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "var out = [document.title, document.body.innerText];"
                        + "document.querySelectorAll('input, textarea').forEach(function (e) {"
                        + "  if (e.offsetParent !== null && e.placeholder) { out.push(e.placeholder); } });"
                        + "return out.join('\\n');");
    }

    /**
     * Identifiers a page may show as they are: unit codes, logins, process keys, the names and text values of the
     * cases' variables (enum codes such as GRADUATION), and the link that switches to English, which is named in
     * its own language on purpose.
     */
    private Set<String> identifiers() {
        Set<String> allowed = new HashSet<>(FORMATS);
        allowed.addAll(ADMIN_TERMS);
        allowed.add("English");
        allowed.add(ADMIN);
        allowed.add("default"); // the engine's name (Admin's system page: 「流程引擎 default 正在运行」)
        // what the administrator's pages list as data: group types (LEARNING_CENTER), deployment names, e-mail addresses
        allowed.addAll(jdbc.sql("SELECT DISTINCT TYPE_ FROM ACT_ID_GROUP WHERE TYPE_ IS NOT NULL").query(String.class).list());
        allowed.addAll(jdbc.sql("SELECT DISTINCT ID_ FROM ACT_ID_GROUP").query(String.class).list());
        allowed.addAll(jdbc.sql("SELECT DISTINCT NAME_ FROM ACT_RE_DEPLOYMENT WHERE NAME_ IS NOT NULL").query(String.class).list());
        // the deployments' files, by folder and name (processes/, forms/)
        for (String resource : jdbc.sql("SELECT NAME_ FROM ACT_GE_BYTEARRAY WHERE DEPLOYMENT_ID_ IS NOT NULL").query(String.class).list()) {
            allowed.add(resource);
            allowed.addAll(List.of(resource.split("/")));
        }
        allowed.addAll(jdbc.sql("SELECT DISTINCT RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION").query(String.class).list());
        for (String email : jdbc.sql("SELECT EMAIL_ FROM ACT_ID_USER WHERE EMAIL_ IS NOT NULL").query(String.class).list()) {
            allowed.addAll(List.of(email.split("@")));
        }
        allowed.addAll(jdbc.sql("SELECT code FROM unit").query(String.class).list());
        allowed.addAll(jdbc.sql("SELECT ID_ FROM ACT_ID_USER").query(String.class).list());
        // users' names are data (the test profile's administrator is "Testadmin Testadmin", as Camunda names him)
        allowed.addAll(jdbc.sql("SELECT FIRST_ FROM ACT_ID_USER WHERE FIRST_ IS NOT NULL UNION SELECT LAST_ FROM ACT_ID_USER"
                + " WHERE LAST_ IS NOT NULL").query(String.class).list());
        allowed.addAll(jdbc.sql("SELECT DISTINCT KEY_ FROM ACT_RE_PROCDEF").query(String.class).list());
        allowed.addAll(jdbc.sql("SELECT DISTINCT NAME_ FROM ACT_RU_VARIABLE").query(String.class).list());
        allowed.addAll(jdbc.sql("SELECT DISTINCT TEXT_ FROM ACT_RU_VARIABLE WHERE TEXT_ IS NOT NULL AND LENGTH(TEXT_) < 40")
                .query(String.class).list());
        return allowed;
    }

    private String base() {
        return "http://localhost:" + port;
    }
}

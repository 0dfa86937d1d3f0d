package org.yidan.settlement.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.yidan.settlement.app.ServiceFixture;

/**
 * The page's account screens in a real browser (Debian's headless Chromium): an admin creates a clerk whose password
 * the server generates and the page shows once; the clerk logs in with it and changes it through 修改密码; an admin
 * disables, re-enables, resets and re-roles an account; a supervisor has no 账户管理 and the server refuses it too.
 * Each test makes its own accounts, so they run in any order.
 */
class AccountsPageTest {
    /** Passwords.generate's alphabet: letters and digits without 0, O, 1, l, I; AccountsController generates 16. */
    static final String GENERATED = "[A-HJ-NP-Za-km-z2-9]{16}";

    @TempDir
    static Path data;
    static ServiceFixture svc;
    Browser window;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        svc = new ServiceFixture(data, Map.of("yidan.hospital.name", "聊城市人民医院"));
        svc.account("zhang", "supervisor", "Boss-Secret-42x");
        Files.createDirectories(Browser.SHOTS);
    }

    @AfterAll
    static void stop() {
        if (svc != null) svc.close();
    }

    /** A shorter window than CounterPageTest's, for the screenshot. */
    @BeforeEach
    void open() {
        window = new Browser(1280, 900);
        browser = window.driver;
        wait = window.wait;
    }

    @AfterEach
    void close() {
        if (window != null) window.close();
    }

    /** Logs in through the login page; waits until the counter page knows who is logged in. */
    void login(String user, String password) {
        submitLogin(user, password);
        wait.until(ExpectedConditions.urlContains("/counter/"));
        wait.until(d -> !text("hdr-role").isEmpty());
        assertEquals(user, text("hdr-user"));
    }

    void loginFails(String user, String password) {
        submitLogin(user, password);
        wait.until(ExpectedConditions.urlContains("/login?error=1"));
        assertTrue(browser.findElement(By.id("login-error")).isDisplayed());
    }

    private void submitLogin(String user, String password) {
        browser.get(svc.url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    void logout() {
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login?logout=1"));
    }

    String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    WebElement openAccounts() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-accounts"))).click();
        return row("admin");
    }

    /** The accounts table's row of a username, once it is there. */
    WebElement row(String username) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#accounts-table tr[data-username='" + username + "']")));
    }

    String cell(String username, String field) {
        return row(username).findElement(By.cssSelector("[data-field='" + field + "']")).getText().trim();
    }

    void waitForCell(String username, String field, String value) {
        wait.until(d -> {
            try {
                return value.equals(cell(username, field));
            } catch (org.openqa.selenium.StaleElementReferenceException ex) {
                return false;   // the table was redrawn in between
            }
        });
    }

    void createAccount(String username, String role, String password) {
        browser.findElement(By.id("acc-username")).sendKeys(username);
        new Select(browser.findElement(By.id("acc-role"))).selectByValue(role);
        if (password != null) browser.findElement(By.id("acc-password")).sendKeys(password);
        browser.findElement(By.id("acc-create")).click();
        row(username);
    }

    /** Clicks a row's action; 停用 and 重置密码 ask first, and are confirmed. */
    void act(String username, String action) {
        row(username).findElement(By.cssSelector("[data-action='" + action + "']")).click();
        if (action.equals("disable") || action.equals("reset")) {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
            assertTrue(text("confirm-lead").contains(username), text("confirm-lead"));
            browser.findElement(By.id("confirm-ok")).click();
        }
    }

    /** The password the page shows once; closes its box and checks it is gone from the page. */
    String takeShownPassword(String shot) throws Exception {
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("acc-new-password")));
        assertTrue(box.getText().contains("请立即转交本人，关闭后不再显示"), box.getText());
        String password = text("acc-new-password-value");
        assertTrue(password.matches(GENERATED), password);
        assertFalse(svc.get("/api/accounts").body().contains(password), "the account list shows a password");
        if (shot != null) window.shot(shot);
        browser.findElement(By.id("acc-new-password-close")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("acc-new-password")));
        assertFalse(browser.getPageSource().contains(password), "the password stays in the page after closing");
        return password;
    }

    /** fetch() from the page with its session: the status. */
    long fetchStatus(String method, String path) {
        return (Long) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "const o = {method: arguments[0], credentials: 'same-origin', headers: {'X-Requested-With': 'counter'}};"
                + "if (arguments[0] !== 'GET') { o.headers['Content-Type'] = 'application/json'; o.body = '{}'; }"
                + "fetch(arguments[1], o).then(r => done(r.status), () => done(-1));", method, path);
    }

    void changePassword(String old, String neu, String again) {
        browser.findElement(By.id("pw-old")).clear();
        browser.findElement(By.id("pw-old")).sendKeys(old);
        browser.findElement(By.id("pw-new")).clear();
        browser.findElement(By.id("pw-new")).sendKeys(neu);
        browser.findElement(By.id("pw-new2")).clear();
        browser.findElement(By.id("pw-new2")).sendKeys(again);
        browser.findElement(By.id("pw-confirm")).click();
    }

    @Test
    void anAdminCreatesAClerkWhoLogsInWithTheShownPasswordAndChangesIt() throws Exception {
        login("admin", ServiceFixture.ADMIN_PASSWORD);
        assertEquals("管理员", text("hdr-role"));
        openAccounts();
        assertEquals("管理员", cell("admin", "role"));
        assertEquals("正常", cell("admin", "state"));
        assertEquals("主管", cell("zhang", "role"));

        // no password given: the server generates one (16 characters) and the page shows it once
        createAccount("wang.fang", "clerk", null);
        assertEquals("收费员", cell("wang.fang", "role"));
        assertEquals("正常", cell("wang.fang", "state"));
        assertTrue(text("acc-new-password-title").contains("wang.fang"), text("acc-new-password-title"));
        String generated = takeShownPassword("accounts.png");
        logout();

        // the clerk: 收费员, no 账户管理, and the server agrees
        login("wang.fang", generated);
        assertEquals("收费员", text("hdr-role"));
        assertFalse(browser.findElement(By.id("tab-accounts")).isDisplayed(), "a clerk sees 账户管理");
        assertEquals(403L, fetchStatus("GET", "/api/accounts"));

        browser.findElement(By.id("change-password")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pw-dialog")));
        // the page's own checks: the repeat must match; at least 10 characters
        changePassword(generated, "Neue-Kasse-2024", "Neue-Kasse-2025");
        wait.until(d -> text("pw-error").contains("两次输入的新密码不一致"));
        changePassword(generated, "kurz-9", "kurz-9");
        wait.until(d -> text("pw-error").contains("新密码至少 10 位"));
        // the server's: the current password must be right (403), the new one not weak (400)
        changePassword("not-the-password", "Neue-Kasse-2024", "Neue-Kasse-2024");
        wait.until(d -> text("pw-error").contains("当前密码不正确"));
        assertFalse(text("pw-error").contains("old:"), "the field's name shown: " + text("pw-error"));
        changePassword(generated, "aaaaaaaaaaab", "aaaaaaaaaaab");
        wait.until(d -> text("pw-error").contains("新密码中不同的字符太少（至少 4 种）"));
        assertTrue(browser.getCurrentUrl().contains("/counter/"), browser.getCurrentUrl());

        changePassword(generated, "Neue-Kasse-2024", "Neue-Kasse-2024");
        wait.until(d -> text("pw-done").contains("密码已修改，请重新登录"));
        wait.until(ExpectedConditions.urlContains("/login?changed=1"));
        assertTrue(text("login-info").contains("密码已修改"), text("login-info"));

        loginFails("wang.fang", generated);
        login("wang.fang", "Neue-Kasse-2024");
        assertEquals("收费员", text("hdr-role"));
    }

    @Test
    void anAdminDisablesAClerkWhoThenCannotLogIn() throws Exception {
        login("admin", ServiceFixture.ADMIN_PASSWORD);
        openAccounts();
        // a password given: nothing is shown
        createAccount("zhao.lei", "clerk", "Zhao-Kasse-42x");
        assertTrue(text("notice-body").contains("已创建账户"), text("notice-body"));
        assertFalse(browser.findElement(By.id("acc-new-password")).isDisplayed());
        // the server's refusal as it says it, without the field's name in front
        createAccount("zhao.lei", "clerk", "Zhao-Kasse-42x");
        wait.until(d -> text("error-list").contains("用户名 zhao.lei 已被占用"));
        assertFalse(text("error-list").contains("username:"), text("error-list"));

        // one's own row cannot be disabled, re-roled or reset here; the server refuses disabling oneself too
        WebElement mine = row("admin");
        assertFalse(mine.findElement(By.cssSelector("[data-action='disable']")).isEnabled());
        assertFalse(mine.findElement(By.cssSelector("[data-action='reset']")).isEnabled());
        assertFalse(mine.findElement(By.cssSelector("select")).isEnabled());
        assertEquals(409L, fetchStatus("POST", "/api/accounts/admin/disable"));

        // 停用 asks first: cancelling changes nothing
        row("zhao.lei").findElement(By.cssSelector("[data-action='disable']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        browser.findElement(By.id("confirm-cancel")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
        assertEquals("正常", cell("zhao.lei", "state"));

        act("zhao.lei", "disable");
        waitForCell("zhao.lei", "state", "已停用");
        assertTrue(text("notice-body").contains("已停用账户"), text("notice-body"));
        assertTrue(svc.get("/api/accounts").body().contains("\"username\":\"zhao.lei\",\"role\":\"clerk\",\"disabled\":true"));
        logout();
        loginFails("zhao.lei", "Zhao-Kasse-42x");

        // enabled again, a new password (generated, shown once) and another role
        login("admin", ServiceFixture.ADMIN_PASSWORD);
        openAccounts();
        act("zhao.lei", "enable");
        waitForCell("zhao.lei", "state", "正常");
        act("zhao.lei", "reset");
        String reset = takeShownPassword(null);
        WebElement roleSet = row("zhao.lei").findElement(By.cssSelector("[data-action='role']"));
        assertFalse(roleSet.isEnabled(), "修改角色 enabled before another role is chosen");
        new Select(row("zhao.lei").findElement(By.cssSelector("select"))).selectByValue("supervisor");
        row("zhao.lei").findElement(By.cssSelector("[data-action='role']")).click();
        waitForCell("zhao.lei", "role", "主管");
        logout();

        loginFails("zhao.lei", "Zhao-Kasse-42x");
        login("zhao.lei", reset);
        assertEquals("主管", text("hdr-role"));
    }

    @Test
    void aSupervisorHasNoAccountsTabAndTheServerRefusesTheList() {
        login("zhang", "Boss-Secret-42x");
        assertEquals("主管", text("hdr-role"));
        assertTrue(browser.findElement(By.id("tab-audit")).isDisplayed(), "a supervisor's 审计日志 is missing");
        assertFalse(browser.findElement(By.id("tab-accounts")).isDisplayed(), "a supervisor sees 账户管理");
        assertFalse(browser.findElement(By.id("panel-accounts")).isDisplayed());
        assertEquals(403L, fetchStatus("GET", "/api/accounts"));
        assertEquals(403L, fetchStatus("POST", "/api/accounts/zhang/enable"));
        // 修改密码 is there for every account
        assertTrue(browser.findElement(By.id("change-password")).isDisplayed());
    }
}

package org.yidan.settlement.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.yidan.settlement.app.ServiceFixture;
import org.yidan.settlement.tools.MllpClient;

/**
 * The integration page in a real browser (issue 14): an integration account lands on it, finds the message with a
 * wrong code (an admission with relief identity 9999, which the mapping does not have), reads why it was refused and
 * where, fixes the code in the message and reprocesses it to AA; names and ID numbers are masked throughout. The
 * example messages are mappings/examples lc-01..04, sent over MLLP.
 */
class InterfacePageTest {
    @TempDir
    static Path data;
    static ServiceFixture svc;
    Browser window;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        svc = new ServiceFixture(data, Map.of("yidan.hospital.name", "聊城市人民医院"));
        svc.account("jiekou", "integration", "Jiekou-Secret-42x");
        try (MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
                assertTrue(new String(c.send(Files.readAllBytes(Path.of("mappings/examples", f))), StandardCharsets.UTF_8).contains("MSA|AA|"), f);
            }
            String wrong = Files.readString(Path.of("mappings/examples/lc-01-adt-a01.hl7")).replace("EX-LC-0001", "EX-LC-FIX")
                    .replace("LC0001-A01", "FIX-A01").replace("ZIN|371500|9902|", "ZIN|371500|9999|");
            assertTrue(new String(c.send(wrong.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8).contains("MSA|AE|"));
        }
    }

    @AfterAll
    static void stop() {
        if (svc != null) svc.close();
    }

    @BeforeEach
    void open() {
        window = new Browser(1280, 1100, ServiceFixture.START);
        browser = window.driver;
        wait = window.wait;
    }

    @AfterEach
    void close() {
        if (window != null) window.close();
    }

    /** A new integration account logged in, on the integration page's tab {@code tab}. */
    void asIntegration(String user, String tab) {
        svc.account(user, "integration", user + "-Secret-42x");
        browser.get(svc.url("/login"));
        login(user, user + "-Secret-42x", "/interface/");
        browser.findElement(By.id(tab)).click();
    }

    /** Logs in on the login page shown and waits for the page the account lands on. */
    void login(String user, String password, String landsOn) {
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains(landsOn));
    }

    @Test
    void aMessageWithAWrongCodeIsFoundFixedAndReprocessedToAa() throws Exception {
        browser.get(svc.url("/"));
        wait.until(ExpectedConditions.urlContains("/login"));
        login("jiekou", "Jiekou-Secret-42x", "/interface/");   // an integration account lands on its own page
        // the newest first: what start() sent (and, when the dashboard's test ran first, its ADT^A13)
        wait.until(d -> d.findElements(By.cssSelector("[data-testid='msg-row']")).size() >= 5);
        List<String> rows = browser.findElements(By.cssSelector("[data-testid='msg-row']")).stream().map(WebElement::getText).toList();
        String fix = rows.stream().filter(r -> r.contains("FIX-A01")).findFirst().orElseThrow();
        String a03 = rows.stream().filter(r -> r.contains("出院结算 ADT^A03")).findFirst().orElseThrow();
        assertTrue(rows.indexOf(fix) < rows.indexOf(a03), "newest first: " + rows);
        assertTrue(a03.contains("已结算：医疗费用总额 35,000.00 元"), a03);
        window.shot("interface-messages.png");

        // the failed ones: ACK AE
        new Select(browser.findElement(By.id("msg-ack"))).selectByValue("AE");
        browser.findElement(By.id("msg-go")).click();
        wait.until(d -> d.findElements(By.cssSelector("[data-testid='msg-row']")).size() == 1);
        WebElement failed = browser.findElement(By.cssSelector("[data-testid='msg-row']"));
        assertTrue(failed.getText().contains("错误 AE"), failed.getText());
        failed.sendKeys(Keys.ENTER);   // opened from the keyboard
        WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("msg-detail")));
        wait.until(d -> detail.getText().contains("FIX-A01"));
        String outcome = browser.findElement(By.id("msg-outcome")).getText();
        assertTrue(outcome.startsWith("未处理（AE）"), outcome);
        assertTrue(outcome.contains("ZIN[1]-2"), outcome);
        assertTrue(browser.findElement(By.cssSelector("[data-testid='fact-error']")).getText().contains("103 代码表中无此值"));
        assertEquals("EX-LC-FIX", browser.findElement(By.cssSelector("[data-testid='fact-visit']")).getText());
        assertEquals("127.0.0.1", browser.findElement(By.cssSelector("[data-testid='fact-peer']")).getText());
        WebElement pid = browser.findElement(By.cssSelector("[data-testid='msg-seg'][data-seg='PID']"));
        assertTrue(pid.getText().contains("王**"), pid.getText());
        String page = browser.getPageSource();
        assertFalse(page.contains("王秀英"), "a name reached the page");
        assertFalse(page.contains("371502198003154321"), "an ID number reached the page");
        window.shot("interface-message.png");

        // fixed: the identity code 9999 → 9902, reprocessed with a reason
        browser.findElement(By.id("msg-reprocess")).click();
        WebElement text = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("msg-edit-text")));
        assertTrue(text.getAttribute("value").contains("ZIN|371500|9999|"));
        window.js("const t = document.getElementById('msg-edit-text'); t.value = t.value.replace('ZIN|371500|9999|', 'ZIN|371500|9902|');");
        browser.findElement(By.id("msg-edit-go")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-banner")));
        assertTrue(browser.findElement(By.id("error-list")).getText().contains("原因"), "a reason is asked for");
        browser.findElement(By.id("msg-edit-reason")).sendKeys("身份代码录入错误，9999 应为 9902");
        browser.findElement(By.id("msg-edit-go")).click();
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice-banner")));
        wait.until(d -> notice.getText().contains("应答 AA"));
        wait.until(d -> browser.findElement(By.id("msg-outcome")).getText().startsWith("入院登记：免收住院押金"));
        assertTrue(browser.findElement(By.cssSelector("[data-testid='link-original']")).getText().contains("原报文"));
        assertEquals("jiekou", browser.findElement(By.cssSelector("[data-testid='fact-actor']")).getText());
        window.shot("interface-reprocessed.png");
        // the list was searched again: the reprocessed message is there, accepted
        new Select(browser.findElement(By.id("msg-ack"))).selectByValue("");
        browser.findElement(By.id("msg-control")).sendKeys("FIX-A01");
        browser.findElement(By.id("msg-go")).click();
        wait.until(d -> d.findElements(By.cssSelector("[data-testid='msg-row']")).size() == 2);
        assertTrue(browser.findElements(By.cssSelector("[data-testid='msg-row']")).get(0).getText().contains("成功 AA"));
    }

    /**
     * The dashboard: the messages of the hour and of today by type and ACK code, the errors by HL7 code, today's
     * settlements, the ACK time; it refreshes on its own (a message sent while it is shown appears).
     */
    @Test
    void theDashboardCountsWhatCameAndRefreshes() throws Exception {
        asIntegration("jiankong", "tab-dashboard");
        WebElement a01 = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='dash-type-row'][data-type='ADT^A01']")));
        // what start() sent (the other test may have reprocessed the wrong admission meanwhile: AA counts are at least)
        long before = Long.parseLong(browser.findElement(By.id("dash-today")).getText().replace(",", ""));
        assertTrue(before >= 5, "today's messages: " + before);
        assertEquals("1", a01.findElement(By.cssSelector("td[data-period='today'][data-ack='AE']")).getText());
        assertEquals("1", browser.findElement(By.cssSelector("[data-testid='dash-type-row'][data-type='ADT^A03'] "
                + "td[data-period='today'][data-ack='AA']")).getText());
        WebElement err = browser.findElement(By.cssSelector("[data-testid='dash-error-row'][data-code='103']"));
        assertTrue(err.getText().contains("代码表中无此值"), err.getText());
        assertTrue(browser.findElement(By.id("dash-settled")).getText().startsWith("1 / "), browser.findElement(By.id("dash-settled")).getText());
        assertTrue(browser.findElement(By.id("dash-ack")).getText().endsWith("毫秒"), browser.findElement(By.id("dash-ack")).getText());
        window.shot("interface-dashboard.png");
        // a message while it is shown: within a refresh (10 s) it is counted
        try (MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            c.send(Files.readString(Path.of("mappings/examples/lc-05-adt-a13.hl7")).replace("LC0001-A13", "DASH-A13")
                    .getBytes(StandardCharsets.UTF_8));
        }
        new WebDriverWait(browser, java.time.Duration.ofSeconds(25)).until(d ->
                Long.parseLong(d.findElement(By.id("dash-today")).getText().replace(",", "")) > before);
        assertEquals("1", browser.findElement(By.cssSelector("[data-testid='dash-type-row'][data-type='ADT^A13'] "
                + "td[data-period='hour'][data-ack='AA']")).getText());
    }

    /**
     * The message profile: per message, its segments and fields with usage and count; what an A03 must carry
     * (PV1-45, the discharge time, 必填) and what it may leave out (the regions, taken from the admission).
     */
    @Test
    void theMessageProfileShowsWhatEachMessageNeeds() throws Exception {
        asIntegration("guifan", "tab-profile");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='prof-field'][data-path='PV1-19-1']")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("prof-type"))).selectByValue("ADT^A03");
        WebElement end = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='prof-field'][data-path='PV1-45-1']")));
        assertTrue(end.getText().contains("必填 R") && end.getText().contains("出院时间") && end.getText().contains("endtime"), end.getText());
        WebElement region = browser.findElement(By.cssSelector("[data-testid='prof-field'][data-path='ZIN-1']"));
        assertTrue(region.getText().contains("可选 O") && region.getText().contains("参保地医保区划"), region.getText());
        WebElement zft = browser.findElement(By.cssSelector("[data-testid='prof-seg'][data-segment='ZFT']"));
        assertTrue(zft.getText().contains("1..1（每个 FT1 之后）"), zft.getText());
        assertTrue(browser.findElement(By.id("prof-about")).getText().contains("ACK^A03"));
        // what the service answers: the bill's ZBL, required when the answer is AA
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("prof-type"))).selectByValue("ACK^A03");
        WebElement zbl = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='prof-seg'][data-segment='ZBL']")));
        assertTrue(zbl.getText().contains("应答为 AA 时必有"), zbl.getText());
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", zbl);
        window.shot("interface-profile.png");
    }

    @Test
    void aClerkCannotOpenTheIntegrationPage() {
        svc.account("li", "clerk", "Clerk-Secret-42x");
        browser.get(svc.url("/login"));
        login("li", "Clerk-Secret-42x", "/counter/");
        browser.get(svc.url("/interface/"));
        wait.until(d -> d.getPageSource().contains("无权打开此页面"));
    }
}

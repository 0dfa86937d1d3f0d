package org.yidan.settlement.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
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
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.yidan.settlement.service.Hl7Service;
import org.yidan.settlement.app.ServiceFixture;

/**
 * The billing counter in a real browser (Debian's headless Chromium through its chromedriver): a clerk logs in, finds
 * the example visit, opens an amount's working and prints; a clerk cannot cancel; a supervisor's cancel appears in
 * the audit log. Screenshots go to target/screenshots (the README's are copied from there).
 *
 * <p>The example visit is the README's: 聊城, 低保, 35000.00 of charges over HL7 (mappings/examples lc-01..04):
 * assistance 6432.37, the patient 4396.73 (worked by hand in SettlerTest).
 *
 * <p>Time: the service's clock starts at 2026-12-01T20:00Z (ServiceFixture.START), the hospital's 2026-12-02 04:00
 * (Asia/Shanghai); the browser's clock starts at the same instant, in the JVM's zone. The build runs these tests with
 * the JVM and the browser in UTC (where it is still 1 December) and in Asia/Shanghai: the page's day is the hospital's
 * in both.
 */
class CounterPageTest {
    @TempDir
    static Path data;
    static ServiceFixture svc;
    static final Path SHOTS = Browser.SHOTS;
    Browser window;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        svc = new ServiceFixture(data, Map.of("yidan.hospital.name", "聊城市人民医院"));
        svc.account("li", "clerk", "Clerk-Secret-42x");
        svc.account("zhang", "supervisor", "Boss-Secret-42x");
        Hl7Service hl7 = svc.context.getBean(Hl7Service.class);
        for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
            assertEquals("AA", hl7.handle(Files.readAllBytes(Path.of("mappings/examples", f))).ackCode(), f);
        }
        // a second visit for the supervisor to cancel (the README's JSON example under another number)
        String example = Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"));
        assertEquals(200, svc.post("/api/settlements", example.replace("EX-LC-0001", "BR-2").replace("EX-P-371500-01", "BR-P2").replace("王秀英", "李建国")).status());
        // the example again with its 低保 identity dated, expired before the discharge (2024-03-12): settled as ordinary
        assertEquals(200, svc.post("/api/settlements", example.replace("EX-LC-0001", "BR-4").replace("EX-P-371500-01", "BR-P4")
                .replace("王秀英", "周芳").replace("\"relief_categories\": [\"DIBAO\"]",
                        "\"relief_identities\": [{\"category\": \"DIBAO\", \"begntime\": \"2023-01-01\", \"endtime\": \"2024-02-29\"}]")).status());
        // a patient still in hospital: the example's A01 and two DFT^P03 under another visit number, no A03
        for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7"}) {
            String m = Files.readString(Path.of("mappings/examples", f)).replace("EX-LC-0001", "BR-3").replace("LC0001-", "BR0003-").replace("王秀英", "赵敏");
            assertEquals("AA", hl7.handle(m.getBytes(java.nio.charset.StandardCharsets.UTF_8)).ackCode(), f);
        }
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (svc != null) svc.close();
    }

    @BeforeEach
    void open() {
        window = new Browser(1280, 1400, ServiceFixture.START);
        browser = window.driver;
        wait = window.wait;
    }

    @AfterEach
    void close() {
        if (window != null) window.close();
    }

    void login(String user, String password) {
        browser.get(svc.url("/counter/"));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/counter/"));
    }

    void find(String q) {
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id("search-q")));
        box.clear();
        box.sendKeys(q);
        browser.findElement(By.id("search-go")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bill-sheet")));
    }

    void shot(String name) throws Exception {
        window.shot(name);
    }

    Object js(String script, Object... args) {
        return window.js(script, args);
    }

    @Test
    void aClerkFindsTheVisitOpensAWorkingAndPrints() throws Exception {
        login("li", "Clerk-Secret-42x");
        find("王秀英");
        WebElement sheet = browser.findElement(By.id("bill-sheet"));
        String text = sheet.getText();
        assertTrue(text.contains("EX-LC-0001"), text);
        assertTrue(text.contains("6,432.37"), text);
        assertTrue(text.contains("4,396.73"), text);
        assertTrue(text.contains("**************4321"), text);
        assertFalse(browser.getPageSource().contains("371502198003154321"), "the full ID number reached the page");
        shot("bill-page.png");

        // the assistance amount opens to its working: the clause and the figures it was worked out from
        browser.findElement(By.cssSelector(".amount-link[data-fund='610100']")).click();
        WebElement working = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("working-panel")));
        wait.until(d -> working.getText().contains("聊政办发〔2022〕5号"));
        shot("working.png");
        js("document.querySelectorAll('dialog[open]').forEach(d => d.close())");

        // print: the sheet carries the hospital, the print's number and time; buttons and search are not printed
        js("window.print = () => { window.__printed = (window.__printed || 0) + 1; }");
        browser.findElement(By.id("print-bill")).click();
        wait.until(d -> Long.valueOf(1).equals(js("return window.__printed || 0")));
        String printed = sheet.getText();
        assertEquals("聊城市人民医院", js("return document.getElementById('print-hospital').textContent.trim()"));
        assertTrue(printed.contains("第 1 次打印"), printed);
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        // under the print stylesheet the search box and the buttons are not laid out; the sheet and its header are
        assertEquals(Boolean.TRUE, js("return document.getElementById('search-q').getClientRects().length === 0"
                + " && document.getElementById('print-bill').getClientRects().length === 0"));
        assertEquals(Boolean.TRUE, js("return document.getElementById('bill-sheet').getClientRects().length > 0"
                + " && document.getElementById('print-hospital').getClientRects().length > 0"));
        shot("print-preview.png");
        String pdf = browser.print(new PrintOptions()).getContent();
        Files.write(SHOTS.resolve("bill.pdf"), Base64.getDecoder().decode(pdf));
        assertTrue(Base64.getDecoder().decode(pdf).length > 1000);
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

        // a second print is a reprint
        browser.findElement(By.id("print-bill")).click();
        wait.until(d -> Long.valueOf(2).equals(js("return window.__printed || 0")));
        wait.until(d -> sheet.getText().contains("第 2 次打印"));
    }

    @Test
    void anIdentityOutOfItsDatesIsShownAndNotApplied() throws Exception {
        login("li", "Clerk-Secret-42x");
        find("BR-4");
        String relief = browser.findElement(By.id("bill-relief")).getText();
        // 低保 2023-01-01 至 2024-02-29, discharge 2024-03-12: not applied; the person is settled as ordinary
        assertTrue(relief.contains("普通参保人员"), relief);
        WebElement li = browser.findElement(By.cssSelector("#relief-identities li[data-category='DIBAO']"));
        assertTrue(li.getText().contains("未采用"), li.getText());
        assertTrue(li.getText().contains("低保对象"), li.getText());
        assertTrue(li.getText().contains("有效期 2023-01-01 至 2024-02-29，出院日期 2024-03-12 不在有效期内"), li.getText());
        // and no assistance: the amount is 0.00 (basic 21034.00 as for 王秀英; ordinary critical illness below its 15000 deductible)
        assertTrue(browser.findElement(By.id("amt-maf_pay")).getText().contains("0.00"), browser.findElement(By.id("amt-maf_pay")).getText());
    }

    /**
     * The page's default day for 对账 and the audit log is the hospital's (2026-12-02, from /api/me), not the browser's
     * (2026-12-01 in a UTC browser at 20:00Z); times are shown as the hospital's clock reads them.
     */
    @Test
    void theDayIsTheHospitalsWhateverTheBrowsersZone() throws Exception {
        // the browser is where the test run put it: its zone is the JVM's and its clock reads START
        String zone = (String) js("return Intl.DateTimeFormat().resolvedOptions().timeZone");   // "UTC" for the JVM's "Etc/UTC"
        assertEquals(java.time.ZoneId.systemDefault().getRules(), java.time.ZoneId.of(zone).getRules(), zone);
        login("zhang", "Boss-Secret-42x");
        assertTrue(((String) js("return new Date().toISOString()")).startsWith("2026-12-01T20:0"), "the browser's clock");
        wait.until(d -> "2026-12-02".equals(js("return document.getElementById('recon-date').value")));
        assertEquals("2026-12-02", js("return document.getElementById('audit-date').value"));
        // the day's 对账 counts the three bills settled at the start (3 × 35,000.00; at 04:00 on 2 December, hospital time)
        browser.findElement(By.id("tab-recon")).click();
        WebElement settled = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recon-total-settled")));
        wait.until(d -> settled.getText().contains("105,000.00"));
        // hospital time, not the UTC browser's 2026-12-01 20:0x: the time of day shown, the whole in the tooltip
        String rows = browser.findElement(By.id("recon-settlements-body")).getText();
        assertTrue(rows.startsWith("04:0"), rows);
        String whole = browser.findElement(By.cssSelector("#recon-settlements-body td")).getAttribute("title");
        assertTrue(whole.startsWith("2026-12-02 04:0"), whole);
    }

    @Test
    void aClerkCannotCancel() throws Exception {
        login("li", "Clerk-Secret-42x");
        find("EX-LC-0001");
        WebElement cancel = browser.findElement(By.id("cancel-bill"));
        assertFalse(cancel.isEnabled(), "a clerk's cancel button is enabled");
        // and the server refuses it even if the page were bypassed
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "fetch('/api/counter/visits/EX-LC-0001/cancel', {method: 'POST', credentials: 'same-origin',"
                + " headers: {'Content-Type': 'application/json', 'X-Requested-With': 'counter'}, body: JSON.stringify({reason: 'x'})})"
                + ".then(r => done(r.status))");
        assertEquals(403L, status);
        assertEquals(200, svc.get("/api/settlements/EX-LC-0001").status());
    }

    @Test
    void aSupervisorsCancelIsInTheAuditLog() throws Exception {
        login("zhang", "Boss-Secret-42x");
        find("BR-2");
        browser.findElement(By.id("cancel-bill")).click();
        WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-confirm")));
        assertFalse(confirm.isEnabled(), "confirm enabled without a reason");
        browser.findElement(By.id("reason-text")).sendKeys("出院带药录入错误，撤销后重新结算");
        wait.until(ExpectedConditions.elementToBeClickable(confirm)).click();
        wait.until(d -> svc.get("/api/settlements/BR-2").status() == 404);
        browser.findElement(By.id("tab-audit")).click();
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-table")));
        wait.until(d -> table.getText().contains("出院带药录入错误"));
        List<WebElement> rows = table.findElements(By.xpath(".//tr[contains(., 'BR-2') and contains(., '出院带药录入错误')]"));
        assertEquals(1, rows.size(), table.getText());
        assertTrue(rows.get(0).getText().contains("zhang"), rows.get(0).getText());
        shot("audit-log.png");
    }

    /**
     * 预结算 of the patient still in hospital (35000.00 of charges so far), then the day's 对账: the two bills settled
     * at the start (EX-LC-0001, BR-2: 35000.00 each) whatever the other tests cancelled since.
     */
    @Test
    void presettlementAndTheDaysReconciliation() throws Exception {
        login("li", "Clerk-Secret-42x");
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id("search-q")));
        box.sendKeys("BR-3");
        browser.findElement(By.id("search-go")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("presettle"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("presettle-banner")));
        String sheet = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bill-sheet"))).getText();
        assertTrue(sheet.contains("35,000.00"), sheet);
        assertEquals(404, svc.get("/api/settlements/BR-3").status(), "a pre-settlement settled the visit");
        // the sheet's date and its print's time are the hospital's (the service's clock), not the browser's
        assertTrue(browser.findElement(By.id("presettle-asof")).getText().contains("2026-12-02"), "测算日期");
        js("window.print = () => { window.__printed = (window.__printed || 0) + 1; }");
        browser.findElement(By.id("print-presettle")).click();
        wait.until(d -> Long.valueOf(1).equals(js("return window.__printed || 0")));
        String printTime = (String) js("return document.getElementById('print-time').textContent");
        assertTrue(printTime.startsWith("2026-12-02 04:"), printTime);
        shot("presettlement.png");

        browser.findElement(By.id("tab-recon")).click();
        WebElement settled = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recon-total-settled")));
        wait.until(d -> settled.getText().contains("105,000.00"));
        assertTrue(settled.getText().contains("3"), settled.getText());
        String csv = browser.findElement(By.id("recon-csv")).getAttribute("href");
        assertTrue(csv.contains("/api/counter/reconciliation.csv?date="), csv);
    }
}

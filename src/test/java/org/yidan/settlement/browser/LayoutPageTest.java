package org.yidan.settlement.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.yidan.settlement.app.ServiceFixture;

/**
 * The counter's page on the screens a counter has (issue 15): the 对账 tables fit 1366 px without scrolling sideways;
 * at 1280×720 the sheet and its buttons fit the width; printed on A4 no table is cut; and the main flow (log in,
 * search, open, print) works from the keyboard alone.
 */
class LayoutPageTest {
    @TempDir
    static Path data;
    static ServiceFixture svc;

    /** Elements wider than the box they are shown in: "id-or-tag scrollWidth > clientWidth". */
    static final String OVERFLOWS = "return [...document.querySelectorAll(arguments[0])].filter(e => e.getClientRects().length > 0"
            + " && e.scrollWidth > e.clientWidth + 1).map(e => (e.id || e.className) + ' ' + e.scrollWidth + ' > ' + e.clientWidth)";

    @BeforeAll
    static void start() throws Exception {
        svc = ExampleVisits.start(data);
        String example = Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"));
        for (int i = 2; i <= 4; i++) {
            assertEquals(200, svc.post("/api/settlements", example.replace("EX-LC-0001", "LAY-" + i)
                    .replace("EX-P-371500-01", "LAY-P" + i).replace("王秀英", "测试患者" + i)).status());
        }
    }

    @AfterAll
    static void stop() {
        if (svc != null) svc.close();
    }

    /** A browser whose page area is exactly width × height (the window's own bars not counted). */
    static Browser screen(int width, int height) {
        Browser w = new Browser(width, height, ServiceFixture.START);
        w.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        return w;
    }

    @Test
    void theReconciliationFits1366() throws Exception {
        try (Browser w = screen(1366, 768)) {
            w.login(svc.url("/counter/"), "li", "Clerk-Secret-42x");
            w.wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-recon"))).click();
            w.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recon-settlements-wrap")));
            w.wait.until(d -> d.findElements(By.cssSelector("#recon-settlements-body tr")).size() >= 5);
            assertEquals(List.of(), w.js(OVERFLOWS, "#panel-recon .table-wrap, #panel-recon table, body"));
            assertTrue((Boolean) w.js("return document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
            assertEquals(1366L, w.js("return window.innerWidth"));
            w.shot("recon-1366.png");
        }
    }

    @Test
    void theSheetFits1280x720AndPrintsWithoutCutColumns() throws Exception {
        try (Browser w = screen(1280, 720)) {
            w.login(svc.url("/counter/"), "li", "Clerk-Secret-42x");
            w.wait.until(ExpectedConditions.elementToBeClickable(By.id("search-q"))).sendKeys("EX-LC-0001");
            w.driver.findElement(By.id("search-go")).click();
            w.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bill-sheet")));
            assertEquals(List.of(), w.js(OVERFLOWS, "#bill-sheet, #bill-sheet table, #bill-sheet .table-wrap, body"));
            assertTrue((Boolean) w.js("return document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
            // the print button is on the screen without scrolling
            assertTrue((Boolean) w.js("const r = document.getElementById('print-bill').getBoundingClientRect();"
                    + " return r.right <= window.innerWidth && r.bottom <= window.innerHeight"), "打印结算单 is off the screen");
            w.shot("sheet-1280x720.png");
            // A4 (print media, the page's printable width: 210 mm less 2 × 15 mm margins = 180 mm = 680 px at 96 dpi):
            // every table within the sheet's width
            w.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 680, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
            w.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            assertEquals(List.of(), w.js(OVERFLOWS, "#bill-sheet, #bill-sheet table, #bill-sheet .table-wrap"));
            // and nothing in it reaches past its right edge (a box's border or the seal cut off at the margin; the 样张 watermark may)
            assertEquals(List.of(), w.js("const right = document.getElementById('bill-sheet').getBoundingClientRect().right;"
                    + " return [...document.querySelectorAll('#bill-sheet *:not(#specimen-mark)')].filter(e => e.getClientRects().length > 0"
                    + " && e.getBoundingClientRect().right > right + 1).map(e => (e.id || e.className || e.tagName)"
                    + " + ' ' + Math.round(e.getBoundingClientRect().right - right))"));
            w.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    void theMainFlowByKeyboardAlone() {
        try (Browser w = screen(1280, 720)) {
            w.driver.get(svc.url("/counter/"));
            w.wait.until(ExpectedConditions.urlContains("/login"));
            // the login form: type, Tab, type, Enter
            new Actions(w.driver).sendKeys("li").sendKeys(Keys.TAB).sendKeys("Clerk-Secret-42x").sendKeys(Keys.ENTER).perform();
            w.wait.until(d -> d.getCurrentUrl().contains("/counter/"));
            // the search box has the focus: type and Enter opens the visit
            w.wait.until(d -> "search-q".equals(w.js("return document.activeElement && document.activeElement.id")));
            new Actions(w.driver).sendKeys("EX-LC-0001").sendKeys(Keys.ENTER).perform();
            w.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bill-sheet")));
            // Tab reaches 打印结算单, Enter prints
            w.js("window.print = () => { window.__printed = (window.__printed || 0) + 1; }");
            int tabs = 0;
            while (!"print-bill".equals(w.js("return document.activeElement && document.activeElement.id")) && tabs++ < 40) {
                new Actions(w.driver).sendKeys(Keys.TAB).perform();
            }
            assertTrue(tabs < 40, "Tab never reached 打印结算单");
            new Actions(w.driver).sendKeys(Keys.ENTER).perform();
            w.wait.until(d -> Long.valueOf(1).equals(w.js("return window.__printed || 0")));
        }
    }
}

package org.yidan.settlement.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.yidan.settlement.app.ServiceFixture;

/**
 * 追溯救助重算 at the counter (issue 12 item 4), in its own service so the other page tests' day is untouched: the
 * README example's charges settled for an ordinary resident (discharged 2024-03-12: basic 21034.00, critical illness
 * base 12326 under its 15000 deductible → 0, patient 35000 − 21034 = 13966.00); a supervisor records 低保 from
 * 2024-01-01; the stay is settled again as the README example (assistance 6432.37, patient 4396.73: SettlerTest), and
 * 13966.00 − 4396.73 = 9569.27 is due back to the patient.
 */
class RetroactivePageTest {
    @TempDir
    Path data;

    @Test
    void aSupervisorRecordsALaterRecognitionAndSeesTheAdjustment() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of("yidan.hospital.name", "聊城市人民医院"))) {
            svc.account("zhang", "supervisor", "Boss-Secret-42x");
            String example = Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"))
                    .replace("\"relief_categories\": [\"DIBAO\"]", "\"relief_categories\": []")
                    .replace("EX-LC-0001", "RP-1").replace("EX-P-371500-01", "RP-P1").replace("王秀英", "孙丽");
            assertEquals(200, svc.post("/api/settlements", example).status());
            Browser window = new Browser(1280, 1400, ServiceFixture.START);
            try {
                var browser = window.driver;
                var wait = window.wait;
                browser.get(svc.url("/counter/"));
                wait.until(ExpectedConditions.urlContains("/login"));
                browser.findElement(By.id("username")).sendKeys("zhang");
                browser.findElement(By.id("password")).sendKeys("Boss-Secret-42x");
                browser.findElement(By.id("login-submit")).click();
                wait.until(ExpectedConditions.urlContains("/counter/"));
                WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id("search-q")));
                box.sendKeys("RP-1");
                browser.findElement(By.id("search-go")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bill-sheet")));
                wait.until(d -> d.findElement(By.id("bill-sheet")).getText().contains("13,966.00"));

                wait.until(ExpectedConditions.elementToBeClickable(By.id("retro-open"))).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("retro-dialog")));
                new Select(browser.findElement(By.id("retro-category"))).selectByValue("DIBAO");
                window.js("document.getElementById('retro-begin').value = '2024-01-01'");
                assertEquals("2024", browser.findElement(By.id("retro-year")).getAttribute("value"));
                browser.findElement(By.id("retro-reason")).sendKeys("聊城市民政局认定低保，自2024-01-01起享受");
                browser.findElement(By.id("retro-confirm")).click();
                WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("retro-table")));
                String text = table.getText();
                assertTrue(text.contains("RP-1") && text.contains("低保对象"), text);
                assertTrue(text.contains("6,432.37"), text);      // 医疗救助 新
                assertTrue(text.contains("13,966.00") && text.contains("4,396.73"), text);   // 个人负担 原, 新
                assertEquals("9,569.27", browser.findElement(By.id("retro-total")).getText().trim());
                window.shot("retroactive.png");
                window.js("document.querySelectorAll('dialog[open]').forEach(d => d.close())");
                // the visit's sheet is the new bill
                wait.until(d -> d.findElement(By.id("bill-sheet")).getText().contains("6,432.37"));
            } finally {
                window.close();
            }
        }
    }
}

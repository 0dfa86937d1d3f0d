package org.yidan.settlement.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.yidan.settlement.app.FakeHis;
import org.yidan.settlement.app.ServiceFixture;
import org.yidan.settlement.tools.MllpClient;

/**
 * The outbound queue on the integration page (issue 14): with the HIS's listener down, the example's bill becomes a
 * dead letter (one attempt allowed here); the page shows it with why; once the listener is up, an integration user
 * resends it with a reason and it is sent.
 */
class OutboundPageTest {
    @TempDir
    Path data;

    @Test
    void aDeadLetterIsShownAndResent() throws Exception {
        int port = ServiceFixture.freePort();
        Map<String, Object> out = Map.of("yidan.outbound.enabled", true, "yidan.outbound.host", "127.0.0.1", "yidan.outbound.port", port,
                "yidan.outbound.timeout", "2s", "yidan.outbound.max-attempts", 1);
        try (ServiceFixture svc = new ServiceFixture(data, out); Browser window = new Browser(1280, 1000, ServiceFixture.START)) {
            svc.account("jiekou", "integration", "Jiekou-Secret-42x");
            try (MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
                for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
                    assertTrue(new String(c.send(Files.readAllBytes(Path.of("mappings/examples", f))), StandardCharsets.UTF_8).contains("MSA|AA|"));
                }
            }
            WebDriverWait wait = new WebDriverWait(window.driver, Duration.ofSeconds(15));
            window.driver.get(svc.url("/login"));
            window.driver.findElement(By.id("username")).sendKeys("jiekou");
            window.driver.findElement(By.id("password")).sendKeys("Jiekou-Secret-42x");
            window.driver.findElement(By.id("login-submit")).click();
            wait.until(ExpectedConditions.urlContains("/interface/"));
            window.driver.findElement(By.id("tab-outbound")).click();
            new Select(window.driver.findElement(By.id("out-status"))).selectByValue("dead");
            // the one attempt fails (no listener): a dead letter, shown with why
            wait.until(d -> {
                d.findElement(By.id("out-go")).click();
                return !d.findElements(By.cssSelector("[data-testid='out-row'][data-status='dead']")).isEmpty();
            });
            WebElement row = window.driver.findElement(By.cssSelector("[data-testid='out-row'][data-status='dead']"));
            assertTrue(row.getText().contains("BLC0001-A03"), row.getText());
            assertTrue(row.getText().contains("无法连接"), row.getText());
            assertTrue(row.getText().contains("死信"), row.getText());
            assertTrue(window.driver.findElement(By.id("out-depth")).getText().contains("死信 1 条"));
            window.shot("interface-outbound.png");

            try (FakeHis his = new FakeHis(port)) {
                row.findElement(By.cssSelector("[data-testid='out-resend-open']")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("out-resend-reason"))).sendKeys("HIS 接口已恢复");
                window.driver.findElement(By.id("out-resend-go")).click();
                String bill = his.received.poll(15, TimeUnit.SECONDS);
                assertTrue(bill != null && bill.contains("|ZBL^Z01^ZBL_Z01|BLC0001-A03|"), String.valueOf(bill));
                new Select(window.driver.findElement(By.id("out-status"))).selectByValue("sent");
                wait.until(d -> {
                    d.findElement(By.id("out-go")).click();
                    return !d.findElements(By.cssSelector("[data-testid='out-row'][data-status='sent']")).isEmpty();
                });
                assertTrue(window.driver.findElement(By.cssSelector("[data-testid='out-row'][data-status='sent']")).getText()
                        .contains("已发送给 HIS"));
                // the dashboard's tile: nothing waits, no dead letter
                window.driver.findElement(By.id("tab-dashboard")).click();
                wait.until(d -> "0 / 0".equals(d.findElement(By.id("dash-outbound")).getText()));
            }
        }
    }
}

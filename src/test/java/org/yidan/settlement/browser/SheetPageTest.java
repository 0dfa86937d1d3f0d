package org.yidan.settlement.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.yidan.settlement.app.ServiceFixture;

/**
 * The settlement sheet as the clerk sees it and as it prints (issue 15), in Chromium: 结算单号, 结算时间, 年龄,
 * 住院天数, who settled, and the amount due in capitals (大写金额), on the screen and in the printed PDF's text.
 *
 * <p>The README's example visit (EX-LC-0001, 王秀英) settled from its HL7 messages, the first settlement of a fresh
 * database, on the fixture's day (2026-12-02 in Shanghai): 结算单号 20261202-00000001. Born 1980-03-15, admitted
 * 2024-03-01: 43 岁; discharged 2024-03-12: 11 天. No deposit: the whole cash share 4,396.73 is due, 肆仟叁佰玖拾陆元
 * 柒角叁分 (README, worked by hand). Its four charge lines by category (FeeCategoriesTest): 床位费 660.00 甲, 手术费
 * 30,000.00 甲, 卫生材料费 1,340.00 丙, 西药费 3,000.00 乙; together 35,000.00 of which 甲 30,660.00.
 */
class SheetPageTest {
    @TempDir
    static Path data;
    static ServiceFixture svc;

    @BeforeAll
    static void start() throws Exception {
        svc = ExampleVisits.start(data);
        // the same stay settled over HTTP with basic insurance and critical illness as the HIS settled them upstream:
        // nothing in it is worked out from illustrative numbers
        String example = Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"));
        assertEquals(200, svc.post("/api/settlements", example.replace("EX-LC-0001", "SH-2").replace("EX-P-371500-01", "SH-P2")
                .replace("王秀英", "李秀兰").replace("\"deposit\": 0,", "\"deposit\": 0, \"upstream\": {\"hifp_pay\": 21034.00, \"hifmi_pay\": 3136.90},"))
                .status());
    }

    @AfterAll
    static void stop() {
        if (svc != null) svc.close();
    }

    @Test
    void theSheetSaysWhatAPatientLooksForOnScreenAndInPrint() throws Exception {
        try (Browser window = new Browser(1280, 1400, ServiceFixture.START)) {
            var browser = window.driver;
            window.login(svc.url("/counter/"), "li", "Clerk-Secret-42x");
            window.wait.until(ExpectedConditions.elementToBeClickable(By.id("search-q"))).sendKeys("王秀英");
            browser.findElement(By.id("search-go")).click();
            window.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bill-sheet")));

            assertEquals("20261202-00000001", text(window, "bill-setl-id"));
            assertTrue(text(window, "bill-setl-time").startsWith("2026-12-02 "), text(window, "bill-setl-time"));
            assertEquals("43 岁", text(window, "bill-age"));
            assertEquals("11 天", text(window, "bill-days"));
            assertEquals("HIS/LCRMYY", text(window, "bill-operator"));
            assertEquals("肆仟叁佰玖拾陆元柒角叁分", text(window, "amount-words"));
            // as the HIS sent them (lc-04-adt-a03.hl7): PID-8 F, PV1-3 NEU^301^01 (NEU: the mapping's example 神经内科),
            // DG1-3 I63.9^脑梗死, IN1-4 聊城市医疗保障局, PID-3 ZY2024000317^^^LCRMYY^MR the 病案号
            assertEquals("聊城市人民医院（H37150200001）", text(window, "bill-hospital"));
            assertEquals(PATIENT, patient(window));
            assertEquals("应补缴（4,396.73 元）：人民币（大写） 肆仟叁佰玖拾陆元柒角叁分", text(window, "amount-words-line"));
            // 费用分类 (mappings/fee-categories.yaml): the four lines by category, in the file's order, and their total
            var rows = browser.findElements(By.cssSelector("#bill-categories tbody [data-testid='category-row']"));
            assertEquals(java.util.List.of("床位费 660.00 元 660.00 元 0.00 元 0.00 元", "手术费 30,000.00 元 30,000.00 元 0.00 元 0.00 元",
                    "卫生材料费 1,340.00 元 0.00 元 0.00 元 1,340.00 元", "西药费 3,000.00 元 0.00 元 3,000.00 元 0.00 元"),
                    rows.stream().map(r -> r.getText().replace('\n', ' ')).toList());
            assertEquals("合计 35,000.00 元 30,660.00 元 3,000.00 元 1,340.00 元",
                    browser.findElement(By.cssSelector("#bill-categories tfoot tr")).getText().replace('\n', ' '));
            // 本年累计 (YearToDateRowsTest by hand): the person's first settlement of 2024
            assertEquals("2024 年度第 1 次结算（含本次）", text(window, "bill-year-note"));
            var year = browser.findElements(By.cssSelector("#bill-year tbody [data-testid='year-row']"));
            assertEquals(java.util.List.of("基本医保统筹 33,360.00 元 21,034.00 元 200,000.00 元 178,966.00 元",
                    "居民大病保险 12,326.00 元 3,136.90 元 — —", "医疗救助 9,189.10 元 6,432.37 元 30,000.00 元 23,567.63 元",
                    "再救助 2,756.73 元 0.00 元 20,000.00 元 20,000.00 元"), year.stream().map(r -> r.getText().replace('\n', ' ')).toList());
            // the basic insurance of the example is worked out from illustrative numbers: said on screen, 样张 in print
            assertTrue(text(window, "illustrative-banner").startsWith("样张"), text(window, "illustrative-banner"));
            assertTrue(text(window, "illustrative-rules").contains("居民基本医保住院统筹"), text(window, "illustrative-rules"));
            window.shot("sheet-fields.png");

            // printed: the same facts in the PDF's text
            window.js("window.print = () => {}");
            browser.findElement(By.id("print-bill")).click();
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            byte[] pdf = Base64.getDecoder().decode(browser.print(new PrintOptions()).getContent());
            Files.write(Browser.SHOTS.resolve("sheet.pdf"), pdf);
            String printed;
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                printed = new PDFTextStripper().getText(doc);
            }
            for (String s : new String[] {"结算单号", "20261202-00000001", "年龄", "43 岁", "住院天数", "11 天", "结算经办",
                    "人民币（大写）", "肆仟叁佰玖拾陆元柒角叁分", "聊城市人民医院", "费用分类", "卫生材料费", "30,660.00", "结算单（一单制）（样张）",
                    "不能作为正式结算凭证", "本年累计", "23,567.63", "定点医疗机构", "H37150200001", "神经内科", "301 房 01 床", "I63.9 脑梗死",
                    "聊城市医疗保障局", "病案号： ZY2024000317", "性别： 女", "结算时间： 2026-12-02 ", "医院（盖章）"}) {
                assertTrue(printed.contains(s), "the printed sheet lacks " + s + ":\n" + printed);
            }
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

            // a bill with nothing illustrative in it is no specimen
            WebElement box = browser.findElement(By.id("search-q"));
            box.clear();
            box.sendKeys("李秀兰");
            browser.findElement(By.id("search-go")).click();
            // read in one step (the sheet is redrawn when the visit opens: an element found first may be replaced)
            window.wait.until(d -> "SH-2".equals(window.js("const e = document.getElementById('bill-mdtrt-id'); return e && e.textContent.trim()")));
            // settled by JSON: the same facts from the JSON's "patient" (gend 2 女, adm_dept_name 神经内科, adm_room 301 and
            // adm_bed 01, medrcdno, diseinfo I63.9 脑梗死, insurer_name), as the HL7 visit's came from its A03
            assertEquals(PATIENT, patient(window));
            assertFalse(browser.findElement(By.id("illustrative-banner")).isDisplayed());
            assertFalse(browser.findElement(By.id("specimen-mark")).isDisplayed());
            assertFalse(browser.findElement(By.id("sheet-specimen")).isDisplayed());
        }
    }

    /** A rule id (lower case, hyphenated: basic-390-inpatient) or three English words in a row. */
    static final java.util.regex.Pattern ENGLISH = java.util.regex.Pattern.compile(
            "\\b[a-z]+(?:-[a-z0-9]+)+\\b|\\b[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}");

    /**
     * The clerk reads Chinese: on the example visits' pages (the sheet, its alerts, and each amount's working opened in
     * turn) no rule id and no English sentence; codes (EX-LC-0001, I63.9, 610100) may stand beside the words.
     */
    @Test
    void noEnglishReachesTheClerk() throws Exception {
        try (Browser window = new Browser(1280, 1400, ServiceFixture.START)) {
            var browser = window.driver;
            window.login(svc.url("/counter/"), "li", "Clerk-Secret-42x");
            java.util.List<String> found = new java.util.ArrayList<>();
            // the README's two example visits: 聊城 低保 (UTF-8) and 临沂 特困 (GB18030)
            for (String visit : new String[] {"EX-LC-0001", "EX-LY-0002"}) {
                WebElement box = window.wait.until(ExpectedConditions.elementToBeClickable(By.id("search-q")));
                box.clear();
                box.sendKeys(visit);
                browser.findElement(By.id("search-go")).click();
                window.wait.until(d -> visit.equals(window.js("const e = document.getElementById('bill-mdtrt-id'); return e && e.textContent.trim()")));
                scan(visit, (String) window.js("return document.getElementById('main').innerText"), found);
                int links = browser.findElements(By.cssSelector(".amount-link")).size();
                for (int i = 0; i < links; i++) {
                    browser.findElements(By.cssSelector(".amount-link")).get(i).click();
                    WebElement panel = window.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("working-panel")));
                    window.wait.until(d -> panel.getText().contains("政策条款") || panel.getText().contains("由 HIS 传入"));
                    scan(visit + " working " + i, panel.getText(), found);
                    window.js("document.querySelectorAll('dialog[open]').forEach(d => d.close())");
                }
            }
            assertEquals(java.util.List.of(), found);
        }
    }

    private static void scan(String where, String text, java.util.List<String> found) {
        java.util.regex.Matcher m = ENGLISH.matcher(text);
        while (m.find()) found.add(where + ": “" + m.group() + "”");
    }

    /** An element's shown text, read again if the page redraws it meanwhile. */
    /** 性别, 科室, 床号, 病案号, 诊断, 经办机构 as both example visits' senders gave them. */
    private static final java.util.List<String> PATIENT = java.util.List.of("女", "神经内科", "301 房 01 床", "ZY2024000317",
            "I63.9 脑梗死", "聊城市医疗保障局");

    private static java.util.List<String> patient(Browser window) {
        return java.util.stream.Stream.of("bill-sex", "bill-dept", "bill-bed", "bill-medrcdno", "bill-diagnoses", "bill-insurer")
                .map(id -> text(window, id)).toList();
    }

    private static String text(Browser window, String id) {
        return window.wait.until(d -> {
            try {
                return d.findElement(By.id(id)).getText().trim();
            } catch (org.openqa.selenium.StaleElementReferenceException ex) {
                return null;
            }
        });
    }
}

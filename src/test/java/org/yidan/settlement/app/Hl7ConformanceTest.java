package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.cli.Main;

/**
 * The conformance runner (the same command an integration team points at a deployment) against an instance started
 * in-process: every JSON case written as HL7, and the HL7 cases. Run twice against the same instance, each with ids and
 * patient names of its own; each writes a JUnit XML and an HTML report, and cancels what it settled.
 */
class Hl7ConformanceTest {
    @TempDir
    Path data;

    @Test
    void theWholeSuitePassesOverMllpTwice() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            for (int run = 0; run < 2; run++) {
                var out = new ByteArrayOutputStream();
                var err = new ByteArrayOutputStream();
                Path report = data.resolve("report-" + run);
                int code = Main.run(new String[] {"conformance", "--mllp", "127.0.0.1:" + svc.mllpPort, "--http", svc.url(""),
                        "--report", report.toString()},
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
                String table = out.toString(StandardCharsets.UTF_8);
                assertEquals(0, code, table + err.toString(StandardCharsets.UTF_8));
                assertTrue(table.contains(" 0 failed"), table);
                assertTrue(table.contains("PASS hl7/hl7-02-gb18030.json"), table);
                // every answer was checked against the instance's own message profile
                assertTrue(table.contains("消息规范取自被测实例 " + svc.url("/api/hl7/profile")), table);
                long cases = table.lines().filter(l -> l.startsWith("PASS ")).count();
                String tag = table.lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().substring(4, 10);   // "run Txxxxx: ..."

                // the JUnit XML: one testcase per case, none failed
                org.w3c.dom.Document junit = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(report.resolve("junit.xml").toFile());
                assertEquals(String.valueOf(cases), junit.getDocumentElement().getAttribute("tests"));
                assertEquals("0", junit.getDocumentElement().getAttribute("failures"));
                assertEquals((int) cases, junit.getElementsByTagName("testcase").getLength());
                assertEquals(0, junit.getElementsByTagName("failure").getLength());
                // the HTML report: every case with its clauses and what was sent
                String html = java.nio.file.Files.readString(report.resolve("report.html"));
                assertTrue(html.contains("通过 " + cases + "</span>"), html.substring(0, 600));
                assertTrue(html.contains("聊政办发〔2022〕5号 三(四)1"), "the clauses");
                assertTrue(html.contains("ADT^A03^ADT_A03 " + tag + "-LC0001-A03 → AA"), "what was sent and answered");

                // what the run settled it cancelled, and said so; its patients are not named like real ones
                assertTrue(table.contains("次就诊已撤销（ADT^A13，控制号 " + tag + "-CLEANUP-n"), table);
                org.yidan.settlement.store.JdbcLedger ledger = svc.context.getBean(org.yidan.settlement.store.JdbcLedger.class);
                assertTrue(ledger.settled(tag + "-EX-LY-0002").isEmpty(), "the GB18030 case's visit is cancelled");
                assertEquals(1, ledger.cancelled(tag + "-EX-LY-0002").size());
                org.yidan.settlement.store.MessageStore store = svc.context.getBean(org.yidan.settlement.store.MessageStore.class);
                var a01 = store.search(new org.yidan.settlement.store.MessageStore.Query(null, null, null, tag + "-LY0002-A01", null,
                        null, null, null, null, null, null, 1));
                String sent = new String(store.find(a01.get(0).id()).orElseThrow().message(), java.nio.charset.Charset.forName("GB18030"));
                assertTrue(sent.contains("||测试患者||") && !sent.contains("张三丰"), sent);
            }
        }
    }

    @Test
    void aFailingCaseFailsTheRun(@TempDir Path cases) throws Exception {
        java.nio.file.Files.writeString(cases.resolve("wrong.json"), "{\"name\":\"wrong\",\"working\":[\"x\"],\"steps\":[{\"file\":"
                + "\"mappings/examples/lc-01-adt-a01.hl7\",\"expect\":{\"ack\":\"AA\",\"zdp\":{\"1\":\"N\"}}}]}");
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            var out = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"conformance", "--mllp", "127.0.0.1:" + svc.mllpPort, "--report",
                            data.resolve("report").toString(), cases.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(1, code);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("ZDP-1 was 'Y', expected 'N'"), out.toString(StandardCharsets.UTF_8));
            // the reports say so too
            String junit = java.nio.file.Files.readString(data.resolve("report/junit.xml"));
            assertTrue(junit.contains("failures=\"1\"") && junit.contains("<failure message=\"step 0: ZDP-1 was 'Y', expected 'N'\">"), junit);
            assertTrue(java.nio.file.Files.readString(data.resolve("report/report.html")).contains("未通过 FAIL"));
        }
    }

    @Test
    void theLoadToolRunsAndPrintsFigures() {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            var out = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"load", "--mllp", "127.0.0.1:" + svc.mllpPort, "--connections", "2", "--messages", "20",
                    "--lines", "5"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            String s = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, s);
            assertTrue(s.contains("discharges 20 (5 lines each) over 2 connection(s)") && s.contains("p99"), s);
            // every discharge settled: 20 distinct people in the ledger's settled bills
            assertTrue(List.of(s.split("\n")).stream().anyMatch(l -> l.contains(", 0 not AA")), s);
        }
    }

    @Test
    void theLoadToolWarmsUpAndKeepsARate() {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            var out = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            // 30 discharges due at 100/s: the last is due 0.29 s after the first, so the run cannot be shorter
            int code = Main.run(new String[] {"load", "--mllp", "127.0.0.1:" + svc.mllpPort, "--connections", "2", "--messages", "30",
                    "--lines", "3", "--warmup", "10", "--rate", "100"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            double secs = (System.nanoTime() - t0) / 1e9;
            String s = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, s);
            assertTrue(s.contains("warm-up: 10 discharges in "), s);
            assertTrue(s.contains("discharges 30 (3 lines each) over 2 connection(s)") && s.contains("at a target rate of 100/s, 0 not AA"), s);
            assertTrue(s.contains("sequence (due to A03 ACK) ms:"), s);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("over 2 connection\\(s\\) in ([0-9.]+) s").matcher(s);
            assertTrue(m.find(), s);
            assertTrue(Double.parseDouble(m.group(1)) >= 0.29 && secs >= 0.29, s);
            // 40 distinct people settled: the warm-up's ids differ from the measured ones
            assertEquals(40L, svc.context.getBean(org.yidan.settlement.store.MessageLog.class).counts().get("ADT^A03|AA"), s);
        }
    }
}

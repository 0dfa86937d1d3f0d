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
 * in-process: every JSON case written as HL7, and the HL7 cases. Run twice: the second run gets stored ACKs.
 */
class Hl7ConformanceTest {
    @TempDir
    Path data;

    @Test
    void theWholeSuitePassesOverMllpTwice() {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            for (int run = 0; run < 2; run++) {
                var out = new ByteArrayOutputStream();
                var err = new ByteArrayOutputStream();
                int code = Main.run(new String[] {"conformance", "--mllp", "127.0.0.1:" + svc.mllpPort},
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
                String table = out.toString(StandardCharsets.UTF_8);
                assertEquals(0, code, table + err.toString(StandardCharsets.UTF_8));
                assertTrue(table.contains(" 0 failed"), table);
                assertTrue(table.contains("PASS hl7/hl7-02-gb18030.json"), table);
            }
        }
    }

    @Test
    void aFailingCaseFailsTheRun(@TempDir Path cases) throws Exception {
        java.nio.file.Files.writeString(cases.resolve("wrong.json"), "{\"name\":\"wrong\",\"working\":[\"x\"],\"steps\":[{\"file\":"
                + "\"mappings/examples/lc-01-adt-a01.hl7\",\"expect\":{\"ack\":\"AA\",\"zdp\":{\"1\":\"N\"}}}]}");
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            var out = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"conformance", "--mllp", "127.0.0.1:" + svc.mllpPort, cases.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(1, code);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("ZDP-1 was 'Y', expected 'N'"), out.toString(StandardCharsets.UTF_8));
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

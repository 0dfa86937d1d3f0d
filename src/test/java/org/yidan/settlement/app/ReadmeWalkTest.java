package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.cli.Main;

/**
 * The README's "Try it", in its order, against one instance: the HL7 example over MLLP with {@code send}, the bill,
 * a JSON discharge, the conformance suite (twice), the GB18030 example; every answer the README documents.
 *
 * <p>Figures, worked by hand: EX-LC-0001 (聊城 低保, 35000.00): basic 21034.00, critical illness 3136.90, assistance
 * 6432.37, fund 30603.27, the patient 4396.73 (SettlerTest; conformance-tests/hl7/hl7-01). EX-TZ-0001 (台州 低保, the
 * charges of conformance-tests/cases/331000-taizhou/tz-02): medfee 45678.90 + 3456.78 + 123.45 + 880.00 = 50139.13; basic
 * (49417.16 − 1000) × 0.60 = 29050.30; critical illness (20366.86 − 20000) × 0.60 = 220.12; assistance 70% ×
 * 20146.74 = 14102.72; the patient 50139.13 − 29050.30 − 220.12 − 14102.72 = 6765.99. EX-LY-0002 (临沂 特困, GB18030,
 * 10000.00 with basic 8000.00 upstream): assistance 70% × 2000 = 1400.00, the patient 600.00 (hl7-02).
 */
class ReadmeWalkTest {
    @TempDir
    Path data;

    record Run(int code, String out) {}

    static Run main(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    static String[] send(int port, String... files) {
        List<String> a = new ArrayList<>(List.of("send", "--mllp", "127.0.0.1:" + port));
        for (String f : files) a.add("mappings/examples/" + f);
        return a.toArray(String[]::new);
    }

    static JsonNode json(ServiceFixture.Reply r) {
        return r.ok();
    }

    @Test
    void tryItTopToBottom() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            // 1. the HL7 example: A01, two DFT^P03, A03, each ACK printed
            Run hl7 = main(send(svc.mllpPort, "lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"));
            assertEquals(0, hl7.code(), hl7.out());
            assertTrue(hl7.out().contains("== mappings/examples/lc-01-adt-a01.hl7: AA\n"), hl7.out());
            assertTrue(hl7.out().contains("ZDP|Y|DIBAO|聊政办发〔2022〕5号 五|"), hl7.out());
            assertTrue(hl7.out().contains("== mappings/examples/lc-03-dft-p03.hl7: AA\nMSH|"), hl7.out());
            assertTrue(hl7.out().contains("MSA|AA|LC0001-A03\nZBL|EX-LC-0001|35000.00|30603.27|21034.00|3136.90|0.00|6432.37|0.00|0.00|4396.73|4396.73|4396.73|0.00|DIBAO^低保对象|Y|"),
                    hl7.out());

            // 2. the bill and the person's year
            JsonNode bill = json(svc.get("/api/settlements/EX-LC-0001"));
            assertEquals("6432.37", bill.at("/setlinfo/maf_pay").decimalValue().toPlainString());
            assertEquals(200, svc.get("/api/ledger/EX-P-371500-01/2024").status());

            // 3. a discharge by JSON
            JsonNode tz = json(svc.post("/api/settlements", Files.readString(Path.of("conformance-tests/examples/taizhou-dibao-inpatient.json"))));
            assertEquals("14102.72", tz.at("/bill/setlinfo/maf_pay").decimalValue().toPlainString());
            assertEquals("6765.99", tz.at("/bill/setlinfo/psn_part_amt").decimalValue().toPlainString());

            // 4. the conformance suite, twice: its own ids each run, the example visit left as it was
            for (int i = 0; i < 2; i++) {
                // (the README's command writes its report to ./conformance-report; here into the test's folder)
                Run c = main("conformance", "--mllp", "127.0.0.1:" + svc.mllpPort, "--report", data.resolve("report").toString());
                assertEquals(0, c.code(), c.out());
                assertTrue(c.out().contains(" 0 failed"), c.out());
            }
            assertEquals(bill.toString(), json(svc.get("/api/settlements/EX-LC-0001")).toString());

            // 5. the GB18030 example end to end: A01, DFT^P03, A03, ACKs in GB18030
            Run gb = main(send(svc.mllpPort, "gb-01-adt-a01.hl7", "gb-02-dft-p03.hl7", "gb-03-adt-a03.hl7"));
            assertEquals(0, gb.code(), gb.out());
            assertTrue(gb.out().contains("MSA|AA|LY0002-A03\nZBL|EX-LY-0002|10000.00|9400.00|8000.00|0.00|0.00|1400.00|0.00|0.00|600.00|"), gb.out());
            assertTrue(gb.out().contains("特困人员"), "the GB18030 ACK printed as Chinese: " + gb.out());
            assertEquals("张三丰", json(svc.get("/api/settlements/EX-LY-0002")).get("psn_name").asText());
        }
    }

    @Test
    void sendSaysWhatIsWrong(@TempDir Path dir) throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            assertEquals(2, main("send", "--mllp", "127.0.0.1:" + svc.mllpPort).code());
            Run missing = main("send", "--mllp", "127.0.0.1:" + svc.mllpPort, "nowhere.hl7");
            assertEquals(2, missing.code());
            assertTrue(missing.out().contains("send: nowhere.hl7: no such file"), missing.out());
            // two messages in one file with LF line ends (as an editor saves them): both sent, line ends made CR
            Path two = dir.resolve("two.hl7");
            String a01 = Files.readString(Path.of("mappings/examples/lc-01-adt-a01.hl7")).replace("\r", "\n");
            String a11 = Files.readString(Path.of("mappings/examples/lc-06-adt-a11.hl7")).replace("\r", "\n");
            Files.writeString(two, a01 + "\n" + a11);
            Run r = main("send", "--mllp", "127.0.0.1:" + svc.mllpPort, two.toString());
            assertEquals(0, r.code(), r.out());
            assertTrue(r.out().contains(two + " #1: AA") && r.out().contains(two + " #2: AA"), r.out());
            // a refused message: exit 1, the ACK printed with its ERR
            Run again = main("send", "--mllp", "127.0.0.1:" + svc.mllpPort, "mappings/examples/lc-04-adt-a03.hl7");
            assertEquals(1, again.code(), again.out());
            assertTrue(again.out().contains(": AE\n") && again.out().contains("ERR|"), again.out());
        }
    }
}

package org.yidan.settlement.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.io.Json;

class MainTest {
    static final String EXAMPLE = "conformance-tests/examples/liaocheng-dibao-inpatient.json";

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    String example(String id) throws Exception {
        return Files.readString(Path.of(EXAMPLE), StandardCharsets.UTF_8).replace("EX-LC-0001", id);
    }

    @Test
    void settlesTheExample() throws Exception {
        Run r = run("settle", EXAMPLE);
        assertEquals(0, r.code(), r.err());
        JsonNode bill = r.json().get(0).get("bill");
        // hand working in SettlerTest.liaochengDibaoInpatient
        assertEquals("6432.37", bill.at("/setlinfo/maf_pay").decimalValue().toPlainString());
        assertEquals("4396.73", bill.at("/setlinfo/psn_part_amt").decimalValue().toPlainString());
        assertFalse(r.out().contains("371502198003154321"), "the full ID number must not be printed");
    }

    @Test
    void theLedgerFileCarriesTotalsBetweenRuns() throws Exception {
        Path ledger = tmp.resolve("ledger.json");
        // Stay 1 as the example: assistance 6432.37 (cap 30000 left 23567.63).
        assertEquals(0, run("settle", "--ledger", ledger.toString(), write("a.json", example("V-A")).toString()).code());
        // Stay 2, same person, same charges: critical illness now continues from 12326 (deductible 7500 used up):
        // 12326 × 65% = 8011.90; assistance 70% × (12326 − 8011.90) = 70% × 4314.10 = 3019.87;
        // re-assistance: running base 2756.73 before, + (4314.10 − 3019.87 = 1294.23) = 4050.96 < 5000 → 0.
        Run r = run("settle", "--ledger", ledger.toString(), write("b.json", example("V-B")).toString());
        assertEquals(0, r.code(), r.err());
        JsonNode bill = r.json().get(0).get("bill");
        assertEquals("8011.90", bill.at("/setlinfo/hifmi_pay").decimalValue().toPlainString());
        assertEquals("3019.87", bill.at("/setlinfo/maf_pay").decimalValue().toPlainString());
        // a resend in a third run returns the stored bill
        Run again = run("settle", "--ledger", ledger.toString(), tmp.resolve("b.json").toString());
        assertTrue(again.json().get(0).get("repeated").asBoolean());
        assertEquals(bill, again.json().get(0).get("bill"));
        // cancel V-B, then V-B settles to the same figures again
        Path cancel = write("c.json", "{\"action\":\"cancel\",\"mdtrt_id\":\"V-B\",\"reason\":\"test\"}");
        assertEquals(0, run("settle", "--ledger", ledger.toString(), cancel.toString()).code());
        Run resettle = run("settle", "--ledger", ledger.toString(), tmp.resolve("b.json").toString());
        assertEquals(bill, resettle.json().get(0).get("bill"));
    }

    @Test
    void badInputChangesNothingAndSaysWhere() throws Exception {
        Path ledger = tmp.resolve("ledger.json");
        assertEquals(0, run("settle", "--ledger", ledger.toString(), write("a.json", example("V-A")).toString()).code());
        byte[] before = Files.readAllBytes(ledger);
        // a good file followed by a bad one: nothing of either is settled
        Path good = write("g.json", example("V-G"));
        Path bad = write("bad.json", example("V-BAD").replace("\"cnt\": 20", "\"cnt\": \"twenty\""));
        Run r = run("settle", "--ledger", ledger.toString(), good.toString(), bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ": feedetail[1].cnt: 不是数字：'twenty'"), r.err());
        assertArrayEquals(before, Files.readAllBytes(ledger));
        // a message that fails while settling (unknown region) after a good one: the good one is not kept either
        Path region = write("r.json", example("V-R").replace("\"insu_admdvs\": \"371500\"", "\"insu_admdvs\": \"110000\""));
        Run r2 = run("settle", "--ledger", ledger.toString(), good.toString(), region.toString());
        assertEquals(1, r2.code());
        assertTrue(r2.err().contains(region + ": insu_admdvs: 参保地医保区划 110000 没有政策"), r2.err());
        assertArrayEquals(before, Files.readAllBytes(ledger));
        // cancelling what is not settled
        Run r3 = run("settle", "--ledger", ledger.toString(), write("c.json", "{\"action\":\"cancel\",\"mdtrt_id\":\"NOPE\"}").toString());
        assertEquals(1, r3.code());
        assertArrayEquals(before, Files.readAllBytes(ledger));
    }

    @Test
    void aBadPolicyStopsEverything() throws Exception {
        Path pol = tmp.resolve("pol");
        Files.createDirectories(pol);
        try (var s = Files.list(Path.of("policies"))) {
            for (Path p : s.toList()) Files.copy(p, pol.resolve(p.getFileName()));
        }
        Files.writeString(pol.resolve("371300-linyi.yaml"), "region: \"371300\"\nname: 临沂市\nparent: \"370000\"\narea: [\"3713\"]\ndocuments: []\nrules:\n  - {id: x, kind: magic, from: 2019-01-01, clause: c}\n");
        Run r = run("settle", "--policies", pol.toString(), EXAMPLE);
        assertEquals(3, r.code());
        assertTrue(r.err().contains("371300-linyi.yaml:7: rules[0].kind: 未知的 kind；可选：catalogue、basic、"), r.err());
    }

    @Test
    void usageAndPolicies() {
        assertEquals(2, run().code());
        Run p = run("policies");
        assertEquals(0, p.code());
        assertTrue(p.out().contains("371500 聊城市 (on 370000)"), p.out());
        assertEquals(2, run("settle").code());
        assertEquals(2, run("settle", "--bogus", EXAMPLE).code());
    }
}

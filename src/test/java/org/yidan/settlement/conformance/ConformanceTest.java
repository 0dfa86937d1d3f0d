package org.yidan.settlement.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yidan.settlement.TestData;
import org.yidan.settlement.cli.Main;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.io.EncounterReader;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.ledger.InMemoryLedger;

/** Runs every conformance case; and settle over all valid cases in one run gives the expected bills. */
class ConformanceTest {
    static final Path CASES = Path.of("conformance-tests/cases");
    static final Path INVALID = Path.of("conformance-tests/invalid");

    static List<Path> files(Path dir) throws IOException {
        return CaseFiles.under(dir);
    }

    @TestFactory
    Stream<DynamicTest> everyCase() throws IOException {
        InMemoryLedger ledger = new InMemoryLedger(java.time.Clock.systemUTC());
        CaseRunner runner = new CaseRunner(new Settler(TestData.policies(), ledger), ledger);
        List<Path> all = new ArrayList<>(files(CASES));
        all.addAll(files(INVALID));
        return all.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            CaseRunner.CaseResult r = runner.run(f);
            List<String> diffs = new ArrayList<>();
            r.steps().forEach(s -> s.diffs().forEach(d -> diffs.add("step " + s.step() + ": " + d)));
            assertTrue(r.pass(), f + "\n" + String.join("\n", diffs));
        }));
    }

    @Test
    void casesAreManyWorkedAndIndependent() throws IOException {
        List<Path> all = new ArrayList<>(files(CASES));
        all.addAll(files(INVALID));
        assertTrue(all.size() >= 40, "at least 40 cases, found " + all.size());
        Map<String, Path> owner = new HashMap<>();
        for (Path f : all) {
            JsonNode c = EncounterReader.parseFile(f);
            assertFalse(c.path("name").asText().isBlank(), f + ": name");
            assertTrue(c.path("working").size() > 0, f + ": the hand working is missing");
            assertTrue(c.path("documents").size() > 0, f + ": documents");
            for (JsonNode step : c.path("steps")) {
                JsonNode psn = step.path("input").get("psn_no");
                if (psn == null) continue;
                Path prev = owner.putIfAbsent(psn.asText(), f);
                assertTrue(prev == null || prev.equals(f), psn.asText() + " is used by " + prev + " and " + f);
            }
        }
        for (Path f : files(CASES)) {
            for (JsonNode step : EncounterReader.parseFile(f).path("steps")) {
                assertFalse(step.path("expect").has("error"), f + ": a step expecting an error belongs in " + INVALID);
            }
        }
    }

    @Test
    void settleOverEveryCaseGivesTheExpectedBills() throws IOException {
        List<Path> cases = files(CASES);
        List<String> args = new ArrayList<>(List.of("settle"));
        cases.forEach(p -> args.add(p.toString()));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode results = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        Map<String, JsonNode> expects = new HashMap<>();
        for (Path f : cases) {
            JsonNode steps = EncounterReader.parseFile(f).path("steps");
            for (int i = 0; i < steps.size(); i++) expects.put(f + ": steps[" + i + "].input", steps.get(i).path("expect"));
        }
        List<String> diffs = new ArrayList<>();
        int bills = 0;
        for (JsonNode r : results) {
            JsonNode expect = expects.get(r.path("source").asText());
            assertTrue(expect != null, "no expectation for " + r.path("source"));
            if (r.has("bill")) {
                bills++;
                List<String> d = new ArrayList<>();
                CaseRunner.compareBill(r.get("bill"), r.path("repeated").asBoolean(), expect, d);
                d.forEach(x -> diffs.add(r.path("source").asText() + ": " + x));
            }
        }
        assertTrue(bills >= cases.size(), "bills: " + bills);
        assertTrue(diffs.isEmpty(), String.join("\n", diffs));
    }
}

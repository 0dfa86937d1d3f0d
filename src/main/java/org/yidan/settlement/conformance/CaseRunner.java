package org.yidan.settlement.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yidan.settlement.core.PoolTotals;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.io.EncounterReader;
import org.yidan.settlement.io.InputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yidan.settlement.io.Processor;
import org.yidan.settlement.ledger.InMemoryLedger;

/**
 * Runs conformance cases (conformance-tests/cases/<region>/*.json): each step's input is settled or cancelled in order
 * against one ledger, and the result is compared with the step's "expect". See conformance-tests/README.md.
 */
public final class CaseRunner {
    private final Settler settler;
    private final InMemoryLedger ledger;

    public CaseRunner(Settler settler, InMemoryLedger ledger) {
        this.settler = settler;
        this.ledger = ledger;
    }

    public record StepResult(int step, boolean pass, List<String> diffs) {}

    public record CaseResult(String file, String name, List<StepResult> steps) {
        public boolean pass() {
            return steps.stream().allMatch(StepResult::pass);
        }
    }

    public CaseResult run(Path file) {
        JsonNode root = EncounterReader.parseFile(file);
        String name = root.path("name").asText(file.getFileName().toString());
        List<StepResult> results = new ArrayList<>();
        JsonNode steps = root.path("steps");
        if (!steps.isArray() || steps.isEmpty()) {
            return new CaseResult(file.toString(), name, List.of(new StepResult(0, false, List.of("no steps"))));
        }
        for (int i = 0; i < steps.size(); i++) {
            results.add(step(file + ": steps[" + i + "]", i, steps.get(i)));
        }
        return new CaseResult(file.toString(), name, results);
    }

    private StepResult step(String src, int i, JsonNode step) {
        JsonNode expect = step.path("expect");
        List<String> diffs = new ArrayList<>();
        Map<String, PoolTotals> before = ledger.allTotals();
        ObjectNode result;
        try {
            result = step.has("retroactive") ? retroactive(step.get("retroactive"))
                    : Processor.apply(settler, EncounterReader.read(step.path("input"), src + ".input"));
        } catch (InputException | SettlementException ex) {
            if (!expect.has("error")) {
                diffs.add("unexpected error: " + ex.getMessage());
            } else if (!ex.getMessage().contains(expect.get("error").asText())) {
                diffs.add("error was '" + ex.getMessage() + "', expected it to contain '" + expect.get("error").asText() + "'");
            }
            if (!ledger.allTotals().equals(before)) diffs.add("the ledger changed although the step failed");
            return new StepResult(i, diffs.isEmpty(), diffs);
        }
        if (expect.has("error")) {
            diffs.add("expected an error containing '" + expect.get("error").asText() + "', but the step succeeded");
            return new StepResult(i, false, diffs);
        }
        if (result.has("bill")) {
            compareBill(result.get("bill"), result.path("repeated").asBoolean(), expect, diffs);
        }
        if (expect.has("adjustments")) {
            // [{mdtrt_id, maf_pay, psn_part_amt, due_to_patient}]: the stays settled again, in date order, the amounts after
            JsonNode got = result.path("adjustments");
            JsonNode want = expect.get("adjustments");
            if (got.size() != want.size()) diffs.add("adjustments: " + got.size() + ", expected " + want.size());
            for (int k = 0; k < Math.min(got.size(), want.size()); k++) {
                JsonNode g = got.get(k);
                JsonNode w = want.get(k);
                if (!w.path("mdtrt_id").asText().equals(g.path("mdtrt_id").asText())) {
                    diffs.add("adjustments[" + k + "].mdtrt_id: was " + g.path("mdtrt_id").asText());
                }
                for (String f : List.of("maf_pay", "psn_part_amt", "due_to_patient")) {
                    if (w.has(f)) num("adjustments[" + k + "]." + f, dec(f.equals("due_to_patient") ? g.get(f) : g.path("after").get(f)), w.get(f), diffs);
                }
            }
        }
        if (expect.has("deposit_free")) {
            boolean got = result.at("/deposit_decision/deposit_free").asBoolean();
            if (got != expect.get("deposit_free").asBoolean()) diffs.add("deposit_free: was " + got);
        }
        if (expect.has("settled_later")) {
            if (!expect.get("settled_later").equals(result.get("settled_later"))) {
                diffs.add("settled_later: was " + result.get("settled_later") + ", expected " + expect.get("settled_later"));
            }
        }
        if (expect.has("ledger")) {
            JsonNode l = expect.get("ledger");
            String psn = l.path("psn_no").asText();
            int year = l.path("year").asInt();
            Map<String, PoolTotals> actual = ledger.year(psn, year);
            JsonNode pools = l.path("pools");
            Set<String> names = new TreeSet<>();
            pools.fieldNames().forEachRemaining(names::add);
            for (String pool : names) {
                PoolTotals t = actual.getOrDefault(pool, PoolTotals.ZERO);
                num("ledger." + pool + ".base", t.base(), pools.get(pool).get("base"), diffs);
                num("ledger." + pool + ".paid", t.paid(), pools.get(pool).get("paid"), diffs);
            }
            if (l.path("exact").asBoolean(false)) {
                for (String pool : actual.keySet()) {
                    if (!names.contains(pool)) diffs.add("ledger." + pool + ": present but not expected: " + actual.get(pool));
                }
            }
        }
        return new StepResult(i, diffs.isEmpty(), diffs);
    }

    /**
     * A step {"retroactive": {psn_no, year, reason, relief_identities}}: relief recognised after discharge, the person's
     * stays of the year settled again (Settler.resettleYear, as the counter's 追溯救助重算 does).
     */
    private ObjectNode retroactive(JsonNode r) {
        List<org.yidan.settlement.core.Identity> ids = new ArrayList<>();
        for (JsonNode i : r.path("relief_identities")) {
            ids.add(new org.yidan.settlement.core.Identity(i.path("category").asText(),
                    i.hasNonNull("begntime") ? java.time.LocalDate.parse(i.get("begntime").asText()) : null,
                    i.hasNonNull("endtime") ? java.time.LocalDate.parse(i.get("endtime").asText()) : null));
        }
        List<Settler.Adjustment> adj = settler.resettleYear(r.path("psn_no").asText(), r.path("year").asInt(),
                e -> e.withIdentities(ids), "追溯救助：" + r.path("reason").asText(), "conformance retroactive");
        return org.yidan.settlement.io.AdjustmentsJson.of(r.path("psn_no").asText(), r.path("year").asInt(), adj);
    }

    /** Compares a bill (as JSON, e.g. from the settle command's output) with a step's expectations. */
    public static void compareBill(JsonNode b, boolean repeated, JsonNode expect, List<String> diffs) {
        if (expect.has("repeated")) {
            if (expect.get("repeated").asBoolean() != repeated) diffs.add("repeated: was " + repeated);
        }
        JsonNode si = expect.path("setlinfo");
        for (Iterator<String> it = si.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            num("setlinfo." + k, dec(b.path("setlinfo").get(k)), si.get(k), diffs);
        }
        JsonNode funds = expect.path("funds");
        for (Iterator<String> it = funds.fieldNames(); it.hasNext(); ) {
            String type = it.next();
            BigDecimal actual = null;
            for (JsonNode d : b.path("setldetail")) {
                if (d.path("fund_pay_type").asText().equals(type)) actual = dec(d.get("fund_payamt"));
            }
            num("setldetail[" + type + "]", actual, funds.get(type), diffs);
        }
        if (expect.has("category_applied")) {
            String want = expect.get("category_applied").isNull() ? null : expect.get("category_applied").asText();
            JsonNode g = b.path("relief").get("category_applied");
            String got = g == null || g.isNull() ? null : g.asText();
            if (want == null ? got != null : !want.equals(got)) diffs.add("category_applied: was " + got + ", expected " + want);
        }
        if (expect.has("identities")) {
            // [{category, valid_at_discharge, valid_at_admission}], in the order the encounter gave them
            JsonNode got = b.path("relief").path("identities");
            JsonNode want = expect.get("identities");
            if (got.size() != want.size()) diffs.add("relief.identities: " + got.size() + " given back, expected " + want.size());
            for (int i = 0; i < Math.min(got.size(), want.size()); i++) {
                for (String k : List.of("category", "valid_at_discharge", "valid_at_admission")) {
                    if (want.get(i).has(k) && !want.get(i).get(k).equals(got.get(i).get(k))) {
                        diffs.add("relief.identities[" + i + "]." + k + ": was " + got.get(i).get(k) + ", expected " + want.get(i).get(k));
                    }
                }
            }
        }
        if (expect.has("notes_contain")) {
            // the notes of the workings behind the amounts (e.g. which disease decided a rule)
            List<String> notes = new ArrayList<>();
            for (JsonNode d : b.path("setldetail")) for (JsonNode w : d.path("working")) w.path("notes").forEach(x -> notes.add(x.asText()));
            for (JsonNode w : expect.get("notes_contain")) {
                if (notes.stream().noneMatch(x -> x.contains(w.asText()))) diffs.add("no working note contains '" + w.asText() + "': " + notes);
            }
        }
        if (expect.has("alerts")) {
            Set<String> want = new TreeSet<>();
            expect.get("alerts").forEach(a -> want.add(a.asText()));
            Set<String> got = new TreeSet<>();
            b.path("alerts").forEach(a -> got.add(a.path("code").asText()));
            if (!want.equals(got)) diffs.add("alerts: were " + got + ", expected " + want);
        }
        if (expect.has("warnings_contain")) {
            for (JsonNode w : expect.get("warnings_contain")) {
                boolean found = false;
                for (JsonNode x : b.path("warnings")) found |= x.asText().contains(w.asText());
                for (JsonNode x : b.path("alerts")) found |= x.path("message").asText().contains(w.asText());
                if (!found) diffs.add("no warning contains '" + w.asText() + "': " + b.path("warnings"));
            }
        }
        JsonNode dep = expect.path("deposit");
        for (Iterator<String> it = dep.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            JsonNode want = dep.get(k);
            JsonNode got = b.path("deposit").get(k);
            if (want.isBoolean()) {
                if (got == null || got.asBoolean() != want.asBoolean()) diffs.add("deposit." + k + ": was " + got + ", expected " + want);
            } else {
                num("deposit." + k, dec(got), want, diffs);
            }
        }
    }

    private static BigDecimal dec(JsonNode n) {
        return n == null || n.isNull() ? null : n.decimalValue();
    }

    private static void num(String field, BigDecimal actual, JsonNode want, List<String> diffs) {
        BigDecimal w = want == null || want.isNull() ? null : new BigDecimal(want.asText());
        if (w == null && actual == null) return;
        if (w == null || actual == null || w.compareTo(actual) != 0) {
            diffs.add(field + ": was " + (actual == null ? "absent" : actual.toPlainString()) + ", expected "
                    + (w == null ? "absent" : w.toPlainString()));
        }
    }
}

package org.yidan.settlement.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.hl7.profile.Hl7Profile;
import org.yidan.settlement.io.EncounterReader;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.io.Message;

/**
 * The conformance suite over MLLP, against any running instance: (1) every JSON case of conformance-tests/cases and
 * /invalid, written as HL7 messages in the default profile (admit → ADT^A01; settle → ADT^A01, DFT^P03, ADT^A03;
 * cancel → ADT^A13) and checked against the same hand-worked figures through the ACK's ZBL segment; (2) the HL7
 * cases of conformance-tests/hl7 (raw messages: GB18030, malformed, resends). Every answer is also checked against the
 * service's message profile (its segments, required fields, code tables and formats: {@link AnswerCheck}); a
 * difference fails the case. Prints a pass/fail table.
 *
 * <p>Every visit, person and control id is the run's own ({@link RunIds}: the case's id behind a tag drawn per run),
 * so the suite can run again and again against the same instance, and never meets an earlier run's data, a real
 * patient's or the README's example visit. A settle step that changes an already-charged visit's lines is skipped:
 * HL7 charge corrections need reversal lines, which the default profile does not take.
 */
public final class Hl7Conformance {
    private static final Map<String, Integer> ZBL = Map.ofEntries(Map.entry("medfee_sumamt", 2), Map.entry("fund_pay_sumamt", 3),
            Map.entry("hifp_pay", 4), Map.entry("hifmi_pay", 5), Map.entry("hifob_pay", 6), Map.entry("maf_pay", 7),
            Map.entry("oth_pay", 8), Map.entry("hosp_part_amt", 9), Map.entry("psn_part_amt", 10), Map.entry("psn_cash_pay", 11));

    private final MllpClient client;
    private final RunIds ids;
    /** Every answer checked against the message profile (the service's own, from GET /api/hl7/profile). */
    private final AnswerCheck answers;
    /** The current case's answers that differ from the profile. */
    private List<String> answerProblems = new ArrayList<>();
    private final java.time.Clock clock;
    private final Hl7Writer writer = new Hl7Writer("UNICODE UTF-8");
    private final Map<String, List<FeeLine>> charged = new HashMap<>();
    private final Map<String, Boolean> admitted = new HashMap<>();
    private final Map<String, byte[]> acks = new HashMap<>();
    /** The visits this run left settled (an ADT^A03 answered AA, not cancelled since), in order: cancelled at the end. */
    private final java.util.LinkedHashSet<String> settled = new java.util.LinkedHashSet<>();
    private final List<CaseResult> results = new ArrayList<>();
    /** What the current case sent and got back, one line a message. */
    private List<String> log = new ArrayList<>();
    int passed;
    int failed;
    int skippedSteps;

    /**
     * One case's result, for the reports.
     *
     * @param suite     the folder it is in (cases, invalid, hl7)
     * @param documents the policy clauses it checks (the case's "documents")
     * @param steps     what was sent and what came back, one line a message
     * @param problems  every difference between what was expected and what came back (empty: passed)
     * @param skipped   steps not expressible in HL7
     */
    public record CaseResult(String suite, String file, String name, List<String> documents, List<String> steps,
                             List<String> problems, int skipped, long millis) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    public List<CaseResult> results() {
        return List.copyOf(results);
    }

    /**
     * @param ids     the run's ids ({@link RunIds#random()})
     * @param profile the message profile the answers are checked against
     * @param clock   the sender's clock (in the hospital's zone): the time of a cancel (ADT^A13 EVN)
     */
    public Hl7Conformance(MllpClient client, RunIds ids, java.time.Clock clock, Hl7Profile profile) {
        this.client = client;
        this.ids = ids;
        this.answers = new AnswerCheck(profile);
        this.clock = clock;
    }

    /** Runs the cases in the given folders (files *.json) and prints a table; returns the number of failed cases. */
    public int run(List<Path> dirs, PrintStream out) throws IOException {
        out.println("run " + ids.tag() + ": every visit, person and control id of this run starts with " + ids.tag() + "-");
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            List<Path> files = org.yidan.settlement.conformance.CaseFiles.under(dir);
            for (Path f : files) {
                JsonNode c = EncounterReader.parseFile(f);
                List<String> diffs = new ArrayList<>();
                log = new ArrayList<>();
                answerProblems = new ArrayList<>();
                long t0 = System.nanoTime();
                int skipped = 0;
                JsonNode steps = c.path("steps");
                for (int i = 0; i < steps.size(); i++) {
                    JsonNode step = steps.get(i);
                    String where = "step " + i + ": ";
                    try {
                        if (step.has("input")) skipped += jsonStep(f, i, step, diffs, where);
                        else if (step.has("retroactive")) skipped++;   // a counter action: no HL7 message carries it
                        else rawStep(f, i, step, diffs, where);
                    } catch (IOException ex) {
                        diffs.add(where + "MLLP: " + ex.getMessage());
                    }
                }
                diffs.addAll(answerProblems);
                boolean ok = diffs.isEmpty();
                if (ok) passed++;
                else failed++;
                skippedSteps += skipped;
                List<String> documents = new ArrayList<>();
                c.path("documents").forEach(d -> documents.add(d.asText()));
                results.add(new CaseResult(dir.getFileName().toString(), f.getFileName().toString(), c.path("name").asText(),
                        documents, log, List.copyOf(diffs), skipped, (System.nanoTime() - t0) / 1_000_000));
                out.printf("%-4s %-60s %s%s%n", ok ? "PASS" : "FAIL", dir.getFileName() + "/" + f.getFileName(),
                        c.path("name").asText(), skipped > 0 ? " [" + skipped + " step(s) not expressible in HL7]" : "");
                for (String d : diffs) out.println("       " + d);
            }
        }
        out.println(passed + " passed, " + failed + " failed" + (skippedSteps > 0 ? " (" + skippedSteps + " steps skipped)" : ""));
        if (passed + failed == 0) {
            // nothing run is not a pass: a wrong working directory or folder would otherwise look green
            throw new IOException("no conformance case (*.json) under " + dirs + " (run from the repository's root, or name the folders)");
        }
        return failed;
    }

    /** The control id of a JSON case's step written as HL7 (one per file, step and message type), in the run's ids. */
    String id(Path f, int step, String suffix) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((f.getFileName() + "#" + step).getBytes(StandardCharsets.UTF_8));
            return ids.id("C" + HexFormat.of().formatHex(h, 0, 3) + "-" + suffix);
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String send(String msg) throws IOException {
        return new String(exchange(msg.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /**
     * Sends one message; logs it for the report (type, control id, the answer's MSA-1) and keeps track of the visits
     * it settles or cancels.
     */
    private byte[] exchange(byte[] msg, Charset cs) throws IOException {
        String text = new String(msg, cs);
        String msh = segment(text, "MSH");
        String type = field(msh, 8);
        byte[] ack = client.send(msg);
        String answer = new String(ack, cs);
        String code = field(segment(answer, "MSA"), 1);
        log.add((type.isEmpty() ? "(no MSH)" : type) + " " + field(msh, 9) + " → " + (code.isEmpty() ? "(no MSA)" : code)
                + (code.equals("AA") ? "" : ": " + answer.replace('\r', '/')));
        answerProblems.addAll(answers.check(type, field(msh, 9), answer));
        String visit = field(segment(text, "PV1"), 19).split("\\^", -1)[0];
        if (code.equals("AA") && type.startsWith("ADT^A03") && !visit.isEmpty()) settled.add(visit);
        if (code.equals("AA") && type.startsWith("ADT^A13")) settled.remove(visit);
        return ack;
    }

    /**
     * Cancels every visit this run left settled (ADT^A13 with a control id of the run), so a live instance keeps no
     * settlement of the suite's; returns what it did, for people.
     */
    public String cleanUp() throws IOException {
        int done = 0;
        int already = 0;
        List<String> refused = new ArrayList<>();
        int n = 0;
        for (String visit : List.copyOf(settled)) {
            String ack = new String(client.send(writer.cancelDischarge("?", visit, java.time.LocalDate.now(clock),
                    ids.id("CLEANUP-" + (++n))).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            if ("AA".equals(field(segment(ack, "MSA"), 1))) {
                done++;
                settled.remove(visit);
            } else if (field(segment(ack, "ERR"), 3).startsWith("204^")) {
                already++;   // not settled: an A03 answered AA was a resend of one cancelled since
                settled.remove(visit);
            } else {
                refused.add(visit + ": " + ack.replace('\r', '/'));
            }
        }
        return "收尾 cleanup：本次运行结算的 " + done + " 次就诊已撤销（ADT^A13，控制号 " + ids.tag()
                + "-CLEANUP-n；撤销记录带本次运行的标记留在台账历史中）" + (already == 0 ? "" : "；" + already + " 次此前已撤销")
                + (refused.isEmpty() ? "" : "；未能撤销：" + refused);
    }

    /** A JSON case step written as HL7; returns 1 when the step cannot be expressed in HL7. */
    private int jsonStep(Path f, int i, JsonNode step, List<String> diffs, String where) throws IOException {
        JsonNode expect = step.path("expect");
        Message m;
        try {
            m = EncounterReader.read(ids.json(step.get("input")), f + " step " + i);
        } catch (InputException ex) {
            return 1; // input the JSON reader refuses (negative amounts, bad dates...): covered by conformance-tests/hl7
        }
        if (m instanceof Message.Admit a) {
            var ad = a.admission();
            Encounter e = new Encounter(ad.mdtrtId(), ad.psnNo(), null, null, null, "390", ad.insuAdmdvs(), ad.fixmedinsAdmdvs(),
                    null, ad.medType(), ad.begntime(), ad.begntime(), ad.reliefCategories(), List.of(), null, null, List.of(), null,
                    ad.identities(), null, null);
            String ack = send(writer.admit(e, id(f, i, "A01")));
            expectCode(ack, expect, where, diffs);
            if (expect.has("deposit_free")) {
                String zdp1 = field(segment(ack, "ZDP"), 1);
                if (!zdp1.equals(expect.get("deposit_free").asBoolean() ? "Y" : "N")) diffs.add(where + "ZDP-1 was '" + zdp1 + "'");
            }
            return 0;
        }
        if (m instanceof Message.Cancel c) {
            String ack = send(writer.cancelDischarge("?", c.mdtrtId(), java.time.LocalDate.now(clock), id(f, i, "A13")));
            expectCode(ack, expect, where, diffs);
            return 0;
        }
        Encounter e = ((Message.Settle) m).encounter();
        List<FeeLine> before = charged.get(e.mdtrtId());
        if (before != null && !before.equals(e.feedetail())) return 1;
        if (!admitted.getOrDefault(e.mdtrtId(), false)) {
            String a = send(writer.admit(e, id(f, i, "A01")));
            if (!"AA".equals(field(segment(a, "MSA"), 1)) && !expect.has("error")) diffs.add(where + "A01 answered " + segment(a, "MSA"));
            admitted.put(e.mdtrtId(), true);
        }
        if (before == null) {
            String p = send(writer.charges(e, e.feedetail(), id(f, i, "P03")));
            if (!"AA".equals(field(segment(p, "MSA"), 1)) && !expect.has("error")) diffs.add(where + "P03 answered " + segment(p, "MSA"));
            if ("AA".equals(field(segment(p, "MSA"), 1))) charged.put(e.mdtrtId(), e.feedetail());
        }
        String ack = send(writer.discharge(e, id(f, i, "A03")));
        expectCode(ack, expect, where, diffs);
        if (expect.has("error") || !"AA".equals(field(segment(ack, "MSA"), 1))) return 0;
        String zbl = segment(ack, "ZBL");
        if (zbl == null) {
            diffs.add(where + "no ZBL in " + ack.replace('\r', '/'));
            return 0;
        }
        for (Iterator<String> it = expect.path("setlinfo").fieldNames(); it.hasNext(); ) {
            String k = it.next();
            Integer n = ZBL.get(k);
            if (n != null) num(where + "ZBL-" + n + " " + k, field(zbl, n), expect.path("setlinfo").get(k), diffs);
        }
        if (expect.has("category_applied")) {
            String want = expect.get("category_applied").isNull() ? "" : expect.get("category_applied").asText();
            String got = field(zbl, 14).split("\\^", -1)[0];
            if (!want.equals(got)) diffs.add(where + "ZBL-14 category was '" + got + "', expected '" + want + "'");
        }
        if (expect.has("alerts")) {
            TreeSet<String> want = new TreeSet<>();
            expect.get("alerts").forEach(a -> want.add(a.asText()));
            TreeSet<String> got = new TreeSet<>();
            for (String a : field(zbl, 16).split("~")) if (!a.isEmpty()) got.add(a.split("\\^")[0]);
            if (!want.equals(got)) diffs.add(where + "ZBL-16 alerts were " + got + ", expected " + want);
        }
        JsonNode dep = expect.path("deposit");
        if (dep.has("amount_due")) num(where + "ZBL-12 amount due", field(zbl, 12), dep.get("amount_due"), diffs);
        if (dep.has("amount_refund")) num(where + "ZBL-13 amount refund", field(zbl, 13), dep.get("amount_refund"), diffs);
        if (dep.has("treat_first_pay_later")) {
            String want = dep.get("treat_first_pay_later").asBoolean() ? "Y" : "N";
            if (!want.equals(field(zbl, 15))) diffs.add(where + "ZBL-15 was '" + field(zbl, 15) + "', expected " + want);
        }
        return 0;
    }

    private static void expectCode(String ack, JsonNode expect, String where, List<String> diffs) {
        String code = field(segment(ack, "MSA"), 1);
        if (expect.has("error")) {
            if ("AA".equals(code)) diffs.add(where + "expected an error, got AA");
        } else if (!"AA".equals(code)) {
            diffs.add(where + "expected AA, got " + ack.replace('\r', '/'));
        }
    }

    /** An HL7 case step: {"file": path} or {"message": text, "charset": name}, with "expect". */
    private void rawStep(Path f, int i, JsonNode step, List<String> diffs, String where) throws IOException {
        Charset cs = step.has("charset") ? Charset.forName(step.get("charset").asText()) : StandardCharsets.UTF_8;
        byte[] msg = ids.hl7(step.has("file") ? Files.readAllBytes(Path.of(step.get("file").asText()))
                : step.path("message").asText().replace("\n", "\r").getBytes(cs), cs);
        byte[] ackBytes = exchange(msg, cs);
        acks.put(f + "#" + i, ackBytes);
        String ack = new String(ackBytes, cs);
        JsonNode expect = step.path("expect");
        String msa = segment(ack, "MSA");
        if (expect.has("ack") && !expect.get("ack").asText().equals(field(msa, 1))) {
            diffs.add(where + "MSA-1 was '" + field(msa, 1) + "', expected " + expect.get("ack").asText() + ": " + ack.replace('\r', '/'));
        }
        if (expect.has("msa2") && !ids.expected(expect.get("msa2").asText()).equals(field(msa, 2))) {
            diffs.add(where + "MSA-2 was '" + field(msa, 2) + "', expected " + ids.expected(expect.get("msa2").asText()));
        }
        for (String seg : new String[] {"zbl", "zdp", "err"}) {
            JsonNode want = expect.path(seg);
            String s = segment(ack, seg.toUpperCase());
            for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                String got = s == null ? null : field(s, Integer.parseInt(n));
                String w = seg.equals("zbl") && n.equals("1") ? ids.expected(want.get(n).asText()) : want.get(n).asText();  // ZBL-1: the visit
                if (got == null || !got.equals(w)) {
                    diffs.add(where + seg.toUpperCase() + "-" + n + " was '" + got + "', expected '" + w + "'");
                }
            }
        }
        for (JsonNode c : expect.path("contains")) {
            if (!ack.contains(c.asText())) diffs.add(where + "the ACK does not contain '" + c.asText() + "': " + ack.replace('\r', '/'));
        }
        if (expect.has("same_ack_as_step")) {
            byte[] other = acks.get(f + "#" + expect.get("same_ack_as_step").asInt());
            if (other == null || !java.util.Arrays.equals(other, ackBytes)) diffs.add(where + "the ACK differs from step " + expect.get("same_ack_as_step").asInt() + "'s");
        }
    }

    static String segment(String ack, String seg) {
        for (String s : ack.split("\r")) if (s.startsWith(seg + "|")) return s;
        return null;
    }

    static String field(String segment, int n) {
        if (segment == null) return "";
        String[] f = segment.split("\\|", -1);
        return n < f.length ? f[n] : "";
    }

    private static void num(String what, String got, JsonNode want, List<String> diffs) {
        try {
            if (new BigDecimal(got).compareTo(new BigDecimal(want.asText())) == 0) return;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        diffs.add(what + " was '" + got + "', expected " + want.asText());
    }
}

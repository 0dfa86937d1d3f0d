package org.yidan.settlement.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.conformance.CaseRunner;
import org.yidan.settlement.core.Document;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.core.RegionPolicy;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.io.EncounterReader;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.io.Message;
import org.yidan.settlement.io.Processor;
import org.yidan.settlement.ledger.InMemoryLedger;
import org.yidan.settlement.ledger.LedgerFile;
import org.yidan.settlement.policy.PolicyFileException;
import org.yidan.settlement.policy.PolicyLoader;

/** The command line: settle, check (conformance cases), policies. */
public final class Main {
    static final String USAGE = """
            usage: java -jar discharge-settlement.jar [serve]               start the service (HTTP 8080, MLLP 2575)
                   java -jar discharge-settlement.jar COMMAND [OPTIONS] FILE...

            commands:
              settle FILE...    apply the messages in the files (admit, settle, cancel), in order, against one
                                ledger, and print the results as a JSON array
              check FILE|DIR... run conformance cases and print a pass/fail table (exit 1 on any failure)
              policies          check the policy files and list the regions and documents
              profile [--mappings DIR] [--markdown | --update FILE]
                                print the HL7 message profile with DIR's mapping (default mappings) as the service
                                serves it (JSON, GET /api/hl7/profile), as Markdown, or write it into FILE's profile
                                section (mappings/HL7.md)
              send --mllp HOST:PORT [--tls ...] FILE...
                                send HL7 messages (one or more per file, each from a line starting MSH; LF or CR
                                LF line ends become CR) in order on one connection; print each ACK (exit 1 when
                                any is not AA)
              conformance --mllp HOST:PORT [--http URL] [--tls ...] [--report DIR] [--keep] [DIR...]
                                run the conformance suite over MLLP against a running instance (default dirs:
                                conformance-tests/cases, conformance-tests/invalid, conformance-tests/hl7), with ids
                                and patient names of its own; check every answer against the instance's message
                                profile (URL/api/hl7/profile; default URL http://HOST:8080); cancel what it settled
                                (--keep: leave it); write DIR/junit.xml and DIR/report.html (default DIR
                                conformance-report); exit 1 on a failure
              load --mllp HOST:PORT [--connections N] [--messages M] [--lines L] [--warmup W] [--rate R] [--tls ...]
                                send M discharges (A01, DFT^P03 with L lines, A03) of distinct patients over N
                                connections; print throughput and latency percentiles. --warmup: W discharges first,
                                not counted (the service's JIT is still compiling after start-up); --rate: R
                                discharges/s in all, each due at its time (open loop), instead of as fast as answered
              bench --target NAME=HOST:PORT --target NAME=HOST:PORT [--rounds R] [--connections N] [--messages M]
                    [--lines L] [--warmup W]
                                the same load against each target in turn, R rounds; prints discharges/s and A03
                                p50/p99 per round, their medians and the first target's ratio to each other one
              bare-server [--kind camel|hapi] [--port P]
                                a baseline for bench: parses each message with HAPI and answers AA (camel-mllp, or
                                HAPI's own server), no settlement, no database; runs until stopped

            options:
              --policies DIR    policy files (default: ./policies)
              --mappings DIR    mapping files (default: ./mappings)
              --ledger PATH     keep the ledger in this JSON file between runs (settle; default: in memory only)
              --tls, --truststore FILE, --truststore-password PW
                                (send, conformance, load) MLLP over TLS; the service's certificate must name HOST and be
                                trusted by FILE (its certificate or CA; default: the JDK's CAs); a client certificate
                                for mutual TLS: java -Djavax.net.ssl.keyStore=... -Djavax.net.ssl.keyStorePassword=...

            exit codes: 0 done, 1 a message could not be settled or a case failed, 2 bad input, 3 bad policy
            """;

    private Main() {}

    /**
     * The command line's clock, in the hospital's zone as the service's is ({@code ZONE}, or -Dyidan.zone;
     * Asia/Shanghai by default): when a cancel in a ledger file happened, when an MLLP tool's message was sent.
     */
    static java.time.Clock clock() {
        String zone = System.getProperty("yidan.zone", System.getenv().getOrDefault("ZONE", "Asia/Shanghai"));
        return java.time.Clock.system(java.time.ZoneId.of(zone));
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("serve")) {
            org.yidan.settlement.app.Application.main(args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8)));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("send") || args[0].equals("conformance") || args[0].equals("load")) return Tools.run(args, out, err);
        if (args[0].equals("bench") || args[0].equals("bare-server")) return BenchCommands.run(args, out, err);
        if (args[0].equals("profile")) return ProfileCommand.run(args, out, err);
        Path policies = Path.of("policies");
        Path mappings = Path.of("mappings");
        Path ledgerPath = null;
        List<String> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--policies") || a.equals("--mappings") || a.equals("--ledger")) && i + 1 >= args.length) {
                err.println(a + " needs a value");
                return 2;
            }
            switch (a) {
                case "--policies" -> policies = Path.of(args[++i]);
                case "--mappings" -> mappings = Path.of(args[++i]);
                case "--ledger" -> ledgerPath = Path.of(args[++i]);
                default -> {
                    if (a.startsWith("--")) {
                        err.println("unknown option " + a + "\n" + USAGE);
                        return 2;
                    }
                    files.add(a);
                }
            }
        }
        PolicySet set;
        try {
            set = PolicyLoader.load(policies, mappings);
        } catch (PolicyFileException ex) {
            err.println("bad policy: " + ex.getMessage());
            return 3;
        }
        try {
            return switch (args[0]) {
                case "settle" -> settle(set, files, ledgerPath, out, err);
                case "check" -> check(set, files, out, err);
                case "policies" -> listPolicies(set, out);
                default -> {
                    err.println("unknown command " + args[0] + "\n" + USAGE);
                    yield 2;
                }
            };
        } catch (InputException ex) {
            ex.problems().forEach(err::println);
            return 2;
        }
    }

    private static int settle(PolicySet set, List<String> files, Path ledgerPath, PrintStream out, PrintStream err) {
        if (files.isEmpty()) {
            err.println("settle: no files given");
            return 2;
        }
        // Read and check every file before settling anything.
        List<Message> messages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String f : files) {
            try {
                messages.addAll(EncounterReader.readFile(Path.of(f)));
            } catch (InputException ex) {
                problems.addAll(ex.problems());
            }
        }
        if (!problems.isEmpty()) throw new InputException(problems);
        InMemoryLedger ledger = ledgerPath == null ? new InMemoryLedger(clock()) : LedgerFile.load(ledgerPath, clock());
        Settler settler = new Settler(set, ledger);
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (Message m : messages) {
            try {
                results.add(Processor.apply(settler, m));
            } catch (SettlementException ex) {
                err.println(m.source() + ": " + ex.getMessage());
                err.println("nothing was saved" + (ledgerPath == null ? "" : "; the ledger " + ledgerPath + " is as it was"));
                return 1;
            }
        }
        if (ledgerPath != null) LedgerFile.save(ledger, ledgerPath);
        try {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return 0;
    }

    private static int check(PolicySet set, List<String> args, PrintStream out, PrintStream err) {
        List<Path> files = new ArrayList<>();
        for (String a : args.isEmpty() ? List.of("conformance-tests/cases") : args) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try {
                    files.addAll(org.yidan.settlement.conformance.CaseFiles.under(p));
                } catch (IOException ex) {
                    err.println(p + ": cannot list: " + ex.getMessage());
                    return 2;
                }
            } else {
                files.add(p);
            }
        }
        InMemoryLedger ledger = new InMemoryLedger(clock());
        CaseRunner runner = new CaseRunner(new Settler(set, ledger), ledger);
        int passed = 0;
        int failed = 0;
        for (Path f : files) {
            CaseRunner.CaseResult r = runner.run(f);
            out.printf("%-4s %-60s %s%n", r.pass() ? "PASS" : "FAIL", f.getFileName(), r.name());
            for (CaseRunner.StepResult s : r.steps()) {
                for (String d : s.diffs()) out.println("       step " + s.step() + ": " + d);
            }
            if (r.pass()) passed++;
            else failed++;
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static int listPolicies(PolicySet set, PrintStream out) {
        for (RegionPolicy r : new java.util.TreeMap<>(set.regions()).values()) {
            out.printf("%s %s%s: %d rules%n", r.region(), r.name(), r.parent() == null ? "" : " (on " + r.parent() + ")", r.rules().size());
            for (Document d : r.documents()) out.printf("    %s %s, from %s%n", d.id(), d.title(), d.from());
        }
        out.println(set.categories().size() + " relief categories");
        return 0;
    }
}

package org.yidan.settlement.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.tools.ConformanceReport;
import org.yidan.settlement.tools.Hl7Conformance;
import org.yidan.settlement.tools.RunIds;
import org.yidan.settlement.tools.LoadTool;
import org.yidan.settlement.tools.MllpClient;
import org.yidan.settlement.tools.ProfileSource;

/** The commands that talk to a running instance over MLLP: send, conformance and load. */
final class Tools {
    private Tools() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        String mllp = null;
        String http = null;
        int connections = 1;
        int messages = 1000;
        int lines = 50;
        int warmup = 0;
        double rate = 0;
        boolean tls = false;
        boolean keep = false;
        Path report = Path.of("conformance-report");
        List<Path> dirs = new ArrayList<>();
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--mllp" -> mllp = args[++i];
                    case "--http" -> http = args[++i];
                    case "--connections" -> connections = Integer.parseInt(args[++i]);
                    case "--messages" -> messages = Integer.parseInt(args[++i]);
                    case "--lines" -> lines = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--rate" -> rate = Double.parseDouble(args[++i]);
                    case "--tls" -> tls = true;
                    case "--keep" -> keep = true;
                    case "--report" -> report = Path.of(args[++i]);
                    // the JSSE properties the default TLS context reads: the same as -Djavax.net.ssl.trustStore=...
                    case "--truststore" -> System.setProperty("javax.net.ssl.trustStore", args[++i]);
                    case "--truststore-password" -> System.setProperty("javax.net.ssl.trustStorePassword", args[++i]);
                    default -> {
                        if (args[i].startsWith("--")) {
                            err.println("unknown option " + args[i] + "\n" + Main.USAGE);
                            return 2;
                        }
                        dirs.add(Path.of(args[i]));
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException ex) {
            err.println("bad option value: " + ex.getMessage() + "\n" + Main.USAGE);
            return 2;
        }
        if (mllp == null) {
            err.println(args[0] + ": --mllp HOST:PORT is required");
            return 2;
        }
        try {
            if (args[0].equals("load")) {
                LoadTool.Figures f = LoadTool.run(mllp, new LoadTool.Options(connections, messages, lines, warmup, rate, tls), out);
                return f.errors() == 0 ? 0 : 1;
            }
            if (args[0].equals("send")) {
                if (dirs.isEmpty()) {
                    err.println("send: no FILE given\n" + Main.USAGE);
                    return 2;
                }
                for (Path f : dirs) {
                    if (!java.nio.file.Files.isRegularFile(f)) {
                        err.println("send: " + f + ": no such file");
                        return 2;
                    }
                }
                try (MllpClient c = MllpClient.connect(mllp, 30_000, tls)) {
                    return org.yidan.settlement.tools.Hl7Send.run(c, dirs, out);
                }
            }
            if (dirs.isEmpty()) {
                dirs = List.of(Path.of("conformance-tests/cases"), Path.of("conformance-tests/invalid"), Path.of("conformance-tests/hl7"));
            }
            ProfileSource.Loaded profile = ProfileSource.load(http != null ? http
                    : "http://" + mllp.substring(0, mllp.lastIndexOf(':')) + ":8080", http != null);
            out.println(profile.from());
            try (MllpClient c = MllpClient.connect(mllp, 30_000, tls)) {
                RunIds ids = RunIds.random();
                Hl7Conformance suite = new Hl7Conformance(c, ids, Main.clock(), profile.profile());
                int failed = suite.run(dirs, out);
                String cleanup = keep ? "收尾 cleanup：未撤销（--keep），本次运行结算的就诊留在被测实例中，标记 " + ids.tag() : suite.cleanUp();
                out.println(cleanup);
                java.time.Clock clock = Main.clock();
                Path html = ConformanceReport.write(report, mllp, ids.tag(), clock.instant().atZone(clock.getZone()), suite.results(),
                        List.of(profile.from(), cleanup));
                out.println("report: " + html + " and " + report.resolve("junit.xml"));
                return failed == 0 ? 0 : 1;
            }
        } catch (Exception ex) {
            err.println(args[0] + ": " + ex.getMessage());
            return 1;
        }
    }
}

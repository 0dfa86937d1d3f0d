package org.yidan.settlement.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.bench.BareServers;
import org.yidan.settlement.bench.SideBySide;
import org.yidan.settlement.tools.LoadTool;

/** The performance commands (issue 13): a bare baseline server, and the side-by-side load run. */
final class BenchCommands {
    private BenchCommands() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return args[0].equals("bare-server") ? bare(args, out) : sideBySide(args, out, err);
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException ex) {
            err.println("bad option value: " + ex.getMessage() + "\n" + Main.USAGE);
            return 2;
        } catch (IllegalArgumentException ex) {
            err.println(args[0] + ": " + ex.getMessage());
            return 2;
        } catch (Exception ex) {
            err.println(args[0] + ": " + ex);
            return 1;
        }
    }

    /** bare-server --kind camel|hapi --port N: runs until the process is stopped. */
    private static int bare(String[] args, PrintStream out) throws Exception {
        String kind = "camel";
        int port = 12580;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--kind" -> kind = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BareServers.Running s = BareServers.start(kind, port);
        out.println("bare " + kind + " server (HAPI parse, AA; no settlement, no database) on MLLP port " + s.port());
        Thread.currentThread().join();
        return 0;
    }

    /** bench --target NAME=HOST:PORT (twice or more) [--rounds R] [--connections N] [--messages M] [--lines L] [--warmup W]. */
    private static int sideBySide(String[] args, PrintStream out, PrintStream err) throws Exception {
        List<SideBySide.Target> targets = new ArrayList<>();
        int rounds = 3;
        int connections = 8;
        int messages = 1000;
        int lines = 50;
        int warmup = 0;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--target" -> {
                    String t = args[++i];
                    int eq = t.indexOf('=');
                    if (eq < 1) throw new IllegalArgumentException("--target NAME=HOST:PORT, not '" + t + "'");
                    targets.add(new SideBySide.Target(t.substring(0, eq), t.substring(eq + 1)));
                }
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<SideBySide.Row> rows = SideBySide.run(targets, rounds, new LoadTool.Options(connections, messages, lines, warmup, 0, false), out);
        return rows.stream().anyMatch(r -> r.notAa() > 0) ? 1 : 0;
    }
}

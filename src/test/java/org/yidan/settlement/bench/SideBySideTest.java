package org.yidan.settlement.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.tools.LoadTool;

/**
 * The side-by-side load run and its baselines work end to end: both bare servers answer every message of the load
 * (A01, DFT^P03, A03 with our Z-segments) with AA, each round runs every target, and the ratio is printed. What it
 * measures is not asserted (no test asserts a time).
 */
class SideBySideTest {
    @Test
    void twoBaselinesRoundByRound() throws Exception {
        try (BareServers.Running camel = BareServers.start("camel", 0); BareServers.Running hapi = BareServers.start("hapi", 0)) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            List<SideBySide.Row> rows = SideBySide.run(List.of(new SideBySide.Target("camel", "127.0.0.1:" + camel.port()),
                    new SideBySide.Target("hapi", "127.0.0.1:" + hapi.port())), 2, new LoadTool.Options(2, 5, 3, 0, 0, false),
                    new PrintStream(buf, true, StandardCharsets.UTF_8));
            String out = buf.toString(StandardCharsets.UTF_8);
            assertEquals(4, rows.size(), out);
            assertEquals(List.of("camel", "hapi", "camel", "hapi"), rows.stream().map(SideBySide.Row::target).toList());
            assertTrue(rows.stream().allMatch(r -> r.notAa() == 0 && r.dischargesPerSecond() > 0), out);
            assertTrue(out.contains("ratio camel ÷ hapi: "), out);
            assertTrue(out.contains("median over the rounds:"), out);
        }
    }

    @Test
    void medianOfOddAndEven() {
        assertEquals(2.0, SideBySide.median(new double[] {3, 1, 2}));
        assertEquals(2.5, SideBySide.median(new double[] {4, 1, 2, 3}));
    }
}

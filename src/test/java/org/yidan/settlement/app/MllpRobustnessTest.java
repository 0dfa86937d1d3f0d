package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.app.MllpServiceTest.field;
import static org.yidan.settlement.app.MllpServiceTest.segment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.tools.MllpClient;

/**
 * What a careless or hostile sender does over MLLP does not take the service down (issue 10, D4, D5, D15): frames
 * over the limit, empty frames, a message starting "\rSH|", and eight 20,000-line DFT^P03 (1.2 MB each) at once, in a
 * service started with the README's heap (-Xmx256m): every one is answered, and a valid discharge settles afterwards.
 */
@Timeout(300)
class MllpRobustnessTest {
    @TempDir
    Path data;

    static String ack(MllpClient c, String message) throws Exception {
        return new String(c.send(message.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** A DFT^P03 of the README's visit with {@code n} charge lines: about 60 bytes a line. */
    static String bigDft(String controlId, int n) throws Exception {
        StringBuilder m = new StringBuilder(Files.readString(Path.of("mappings/examples/lc-02-dft-p03.hl7")).replace("LC0001-P03-1", controlId));
        for (int i = 0; i < n; i++) m.append("FT1|").append(i + 3).append('|').append(i + 3).append("||20240301||CG|110900001^床位费|||1|60.00|60\rZFT|01\r");
        return m.toString();
    }

    @Test
    void oddFramesAreAnsweredAndTheConnectionGoesOn() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of());
             MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 30_000)) {
            // an empty frame, one of 1 and of 3 bytes: AR, on the same connection
            for (String m : new String[] {"", "M", "MSH"}) {
                String a = ack(c, m);
                assertEquals("AR", field(segment(a, "MSA"), 1), a);
            }
            // a message that starts "\rSH|" (camel-mllp failed inside and sent nothing): AR
            String sh = ack(c, "\rSH|^~\\&|HIS|H|YIDAN|S|20240101||ADT^A01|X-1|P|2.5\r");
            assertEquals("AR", field(segment(sh, "MSA"), 1), sh);
            // a 20,000-line DFT^P03, 1.2 MB, over the 1 MiB frame: AR naming its size and the limit, nothing stored
            String big = bigDft("LC0001-P03-BIG", 20_000);
            String a = ack(c, big);
            assertTrue(a.contains("MSA|AR|LC0001-P03-BIG") && a.contains("字节，最多 1048576 字节（yidan.mllp.max-frame-bytes）"), a);
            // and the same connection still settles
            for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
                String r = ack(c, Files.readString(Path.of("mappings/examples", f)));
                assertEquals("AA", field(segment(r, "MSA"), 1), f + ": " + r);
            }
            assertEquals(1.0, svc.context.getBean(io.micrometer.core.instrument.MeterRegistry.class).get("mllp.oversize").counter().count());
        }
    }

    /**
     * Eight 20,000-line DFT^P03 at once on eight connections, to a service in -Xmx256m, twice: once with the default
     * limits (refused at the frame, AR), once with limits raised so they are parsed and stored (2 workers at a time):
     * no OutOfMemoryError (the service would exit: -XX:+ExitOnOutOfMemoryError), every one answered, and then a
     * valid discharge settles.
     */
    @Test
    void eightLargeMessagesAtOnceInTheDocumentedHeap() throws Exception {
        for (boolean raised : new boolean[] {false, true}) {
            Path dir = data.resolve(raised ? "raised" : "default");
            Map<String, String> settings = new HashMap<>();
            settings.put("datasources.default.url", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";RETENTION_TIME=1000");
            int mllp = ServiceFixture.freePort();
            settings.put("micronaut.server.port", String.valueOf(ServiceFixture.freePort()));
            settings.put("yidan.mllp.port", String.valueOf(mllp));
            settings.put("yidan.mllp.host", "127.0.0.1");
            if (raised) {
                settings.put("yidan.mllp.max-frame-bytes", String.valueOf(4 * 1024 * 1024));
                settings.put("yidan.limits.lines-per-message", "25000");
                settings.put("yidan.limits.lines-per-visit", "250000");
                settings.put("yidan.mllp.workers", "2");
            }
            try (ChildService svc = ChildService.start(dir.resolve("logs"), settings, List.of("-Xmx256m"))) {
                try (MllpClient c = new MllpClient("127.0.0.1", mllp, 30_000)) {
                    assertEquals("AA", field(segment(ack(c, Files.readString(Path.of("mappings/examples/lc-01-adt-a01.hl7"))), "MSA"), 1));
                }
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<String>> acks = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String m = bigDft("BIG-" + i, 20_000);
                    acks.add(pool.submit(() -> {
                        try (MllpClient c = new MllpClient("127.0.0.1", mllp, 240_000)) {
                            return ack(c, m);
                        }
                    }));
                }
                for (Future<String> f : acks) {
                    String a = f.get();
                    String code = field(segment(a, "MSA"), 1);
                    assertEquals(raised ? "AA" : "AR", code, a.substring(0, Math.min(300, a.length())));
                }
                pool.shutdownNow();
                assertTrue(svc.process.isAlive(), "the service is still up:\n" + svc.output());
                try (MllpClient c = new MllpClient("127.0.0.1", mllp, 60_000)) {
                    String a03 = Files.readString(Path.of("mappings/examples/lc-04-adt-a03.hl7")).replace("LC0001-A03", "BIG-A03");
                    if (!raised) {
                        for (String f : new String[] {"lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7"}) {
                            assertEquals("AA", field(segment(ack(c, Files.readString(Path.of("mappings/examples", f))), "MSA"), 1));
                        }
                    }
                    String r = ack(c, a03);
                    assertEquals("AA", field(segment(r, "MSA"), 1), r);
                }
                assertTrue(!svc.output().contains("OutOfMemoryError"), svc.output());
            }
        }
    }
}

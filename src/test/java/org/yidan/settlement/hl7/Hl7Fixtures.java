package org.yidan.settlement.hl7;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.yidan.settlement.TestData;

/** The default profile, its example messages, and a reader/ACK builder with a fixed clock. */
final class Hl7Fixtures {
    static final Path MAPPING = Path.of("mappings/hl7-default.yaml");
    static final Path EXAMPLES = Path.of("mappings/examples");
    static final Path LIAOCHENG_JSON = Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-12T02:05:30Z"), ZoneId.of("Asia/Shanghai"));

    private static Hl7Mapping mapping;

    private Hl7Fixtures() {}

    static synchronized Hl7Mapping mapping() {
        if (mapping == null) mapping = Hl7Mapping.load(MAPPING, TestData.policies().categories().keySet());
        return mapping;
    }

    static Hl7Reader reader() {
        return new Hl7Reader(mapping());
    }

    /** ACKs with a fixed clock and ids ACK0001, ACK0002, ... */
    static Hl7Acks acks() {
        AtomicInteger n = new AtomicInteger();
        return new Hl7Acks("YIDAN", "SETTLEMENT", new Hl7Charset(mapping().defaultCharset()), CLOCK,
                () -> String.format("ACK%04d", n.incrementAndGet()));
    }

    static byte[] bytes(String example) {
        try {
            return Files.readAllBytes(EXAMPLES.resolve(example));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** An example decoded (lc-*: UTF-8, gb-*: GB18030). */
    static String text(String example) {
        Charset cs = example.startsWith("gb-") ? Hl7Charset.GB18030 : StandardCharsets.UTF_8;
        return new String(bytes(example), cs);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces field n (MSH: n as numbered in the standard) of the first segment named seg. */
    static String withField(String message, String seg, int n, String value) {
        String[] segs = message.split("\r");
        for (int i = 0; i < segs.length; i++) {
            if (!segs[i].startsWith(seg + "|")) continue;
            String[] f = segs[i].split("\\|", -1);
            int idx = seg.equals("MSH") ? n - 1 : n;
            if (idx >= f.length) {
                String[] g = java.util.Arrays.copyOf(f, idx + 1);
                for (int j = f.length; j < g.length; j++) g[j] = "";
                f = g;
            }
            f[idx] = value;
            segs[i] = String.join("|", f);
            return String.join("\r", segs) + "\r";
        }
        throw new IllegalArgumentException("no " + seg);
    }

    /** Replaces field n of the k-th (1-based) segment named seg. */
    static String withField(String message, String seg, int k, int n, String value) {
        String[] segs = message.split("\r");
        int seen = 0;
        for (int i = 0; i < segs.length; i++) {
            if (!segs[i].startsWith(seg + "|") || ++seen != k) continue;
            String rest = String.join("\r", java.util.Arrays.copyOfRange(segs, i, segs.length)) + "\r";
            String head = String.join("\r", java.util.Arrays.copyOfRange(segs, 0, i));
            return (head.isEmpty() ? "" : head + "\r") + withField(rest, seg, n, value);
        }
        throw new IllegalArgumentException("no " + seg + "[" + k + "]");
    }

    /** The segments of an ACK, by line. */
    static String[] segments(String ack) {
        return ack.split("\r");
    }

    static String segment(String ack, String name) {
        for (String s : segments(ack)) if (s.startsWith(name + "|")) return s;
        return null;
    }
}

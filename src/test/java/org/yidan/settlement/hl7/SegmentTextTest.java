package org.yidan.settlement.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.parser.PipeParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.hl7.Segments.Reading;
import org.yidan.settlement.hl7.Segments.Seg;

/**
 * The fast reading of segments from their text ({@link SegmentText}) against HAPI's parse of the same segments, on
 * generated segments and on mutated example messages: the same values at every path, and for a whole message the same
 * record or the same errors at the same HL7 locations. Seeded: a failure names its seed and input, and repeats.
 */
class SegmentTextTest {
    private static final String[] NAMES = {"FT1", "PID", "PV1", "DG1", "IN1", "EVN", "ZFT", "ZIN", "ZYT", "ZST"};
    private static final String[] ESCAPES = {"\\F\\", "\\S\\", "\\T\\", "\\R\\", "\\E\\", "\\X0D\\", "\\X41\\", "\\H\\",
            "\\N\\", "\\.br\\", "\\Zab\\", "\\C2D\\", "\\M1234\\", "\\", "\\H", "\\.br", "\\X", "\\L\\"};
    private static final String[] WORDS = {"660.00", "0.10", "20240305", "110900001", "床位费", "王秀英", "PN", "NNCHN",
            "CNY", "\"\"", " ", " 12 ", "01", "A", "x", "", "371502198003154321", "20240301120000+0800"};
    /** Standard encoding characters, and another set (component !, repetition *, escape %, subcomponent @). */
    private static final String[][] ENCODINGS = {{"|", "^~\\&"}, {"|", "!*%@"}, {"#", "^~\\&"}};

    private final CachingModelClassFactory factory = new CachingModelClassFactory();
    private final PipeParser parser = parser(factory);

    /** A parser set up as {@link Hl7Reader}'s: v2.5 structures, HAPI's own validation off. */
    private static PipeParser parser(CachingModelClassFactory factory) {
        DefaultHapiContext ctx = new DefaultHapiContext();
        ctx.setModelClassFactory(factory);
        ctx.setValidationContext(NoRules.INSTANCE);
        return ctx.getPipeParser();
    }

    @Test
    void everyValueOfGeneratedSegmentsIsReadAsHapiReadsIt() throws HL7Exception {
        Random random = new Random(20261202);
        int compared = 0;
        for (int n = 0; n < 3000; n++) {
            String[] enc = ENCODINGS[n % ENCODINGS.length];
            String segment = segment(random, enc);
            String message = "MSH" + enc[0] + enc[1] + enc[0] + "HIS" + enc[0] + enc[0] + enc[0] + enc[0] + "20240305"
                    + enc[0] + enc[0] + "DFT^P03" + enc[0] + "C" + n + enc[0] + "P" + enc[0] + "2.5\r" + segment + "\r";
            Segments hapi = Segments.parse(message, parser, factory, Reading.HAPI);
            Segments text = Segments.parse(message, parser, factory, Reading.TEXT);
            assertEquals(hapi.all().size(), text.all().size(), message);
            for (int i = 1; i < hapi.all().size(); i++) {
                Seg h = hapi.all().get(i);
                Seg t = text.all().get(i);
                assertTrue(t.text() != null && h.segment() != null);
                for (int k = 0; k < 40; k++) {
                    FieldPath p = FieldPath.parse(path(random, h.name()));
                    assertEquals(outcome(h, p), outcome(t, p), "seed 20261202 #" + n + ", path " + p + ", segment " + segment);
                    compared++;
                }
            }
        }
        assertTrue(compared > 100_000, "compared " + compared);
    }

    /** The values at a path, or the mapping error it gives. */
    private static String outcome(Seg s, FieldPath p) {
        try {
            return Segments.values(s, p).toString();
        } catch (IllegalArgumentException ex) {
            return "error: " + ex.getMessage();
        }
    }

    private static String segment(Random r, String[] enc) {
        String name = NAMES[r.nextInt(NAMES.length)];
        StringBuilder b = new StringBuilder(name);
        int fields = r.nextInt(6) == 0 ? 40 + r.nextInt(10) : r.nextInt(16);
        for (int f = 1; f <= fields; f++) {
            b.append(enc[0]);
            int reps = r.nextInt(5) == 0 ? r.nextInt(4) : 1;
            for (int rep = 0; rep < reps; rep++) {
                if (rep > 0) b.append(enc[1].charAt(1));
                int comps = r.nextInt(3) == 0 ? 1 + r.nextInt(5) : 1;
                for (int c = 0; c < comps; c++) {
                    if (c > 0) b.append(enc[1].charAt(0));
                    int subs = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1;
                    for (int sc = 0; sc < subs; sc++) {
                        if (sc > 0) b.append(enc[1].charAt(3));
                        b.append(word(r, enc));
                    }
                }
            }
        }
        if (r.nextInt(8) == 0) b.append(enc[0].repeat(1 + r.nextInt(3)));     // trailing empty fields
        return b.toString();
    }

    /** A value: plain words, escape sequences (written with this message's escape character), stray separators. */
    private static String word(Random r, String[] enc) {
        StringBuilder b = new StringBuilder();
        int parts = r.nextInt(3);
        for (int i = 0; i < parts; i++) {
            int pick = r.nextInt(10);
            if (pick < 6) b.append(WORDS[r.nextInt(WORDS.length)]);
            else if (pick < 9) b.append(ESCAPES[r.nextInt(ESCAPES.length)].replace('\\', enc[1].charAt(2)));
            else b.append(enc[1].charAt(r.nextInt(4)));
        }
        return b.toString();
    }

    private static String path(Random r, String name) {
        int field = 1 + (r.nextInt(5) == 0 ? r.nextInt(50) : r.nextInt(16));
        String rep = switch (r.nextInt(6)) {
            case 0 -> "(*)";
            case 1 -> "(" + (1 + r.nextInt(4)) + ")";
            case 2 -> "(" + (1 + r.nextInt(3)) + "=" + WORDS[r.nextInt(7)].trim() + ")";
            default -> "";
        };
        if (rep.endsWith("=)")) rep = "(1=PN)";
        String comp = switch (r.nextInt(4)) {
            case 0 -> "-" + (1 + r.nextInt(6));
            case 1 -> "-" + (1 + r.nextInt(6)) + "-" + (1 + r.nextInt(4));
            default -> "";
        };
        return name + "-" + field + rep + comp;
    }

    @Test
    void mutatedExampleMessagesGiveTheSameRecordOrTheSameErrors() {
        Hl7Reader fast = new Hl7Reader(Hl7Fixtures.mapping());
        Hl7Reader hapi = Hl7Reader.hapiReference(Hl7Fixtures.mapping());
        List<String> examples = List.of("lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7",
                "gb-01-adt-a01.hl7", "gb-02-dft-p03.hl7", "gb-03-adt-a03.hl7");
        Random random = new Random(1202);
        int accepted = 0;
        int refused = 0;
        for (int n = 0; n < 4000; n++) {
            String example = examples.get(n % examples.size());
            String message = n < examples.size() ? Hl7Fixtures.text(example) : mutate(random, Hl7Fixtures.text(example));
            String a = read(hapi, message);
            String b = read(fast, message);
            assertEquals(a, b, "seed 1202 #" + n + " (" + example + "):\n" + message.replace('\r', '\n'));
            if (a.startsWith("read")) accepted++;
            else refused++;
        }
        // both kinds are exercised: values read alike, and errors located alike
        assertTrue(accepted > 500 && refused > 500, accepted + " read, " + refused + " refused");
    }

    private static String read(Hl7Reader reader, String message) {
        try {
            return "read " + reader.read(message);
        } catch (Hl7Exception ex) {
            return "refused (rejected " + ex.rejected() + ") " + ex.errors();
        }
    }

    /** One to three changes in the segments after MSH: a token put in, a stretch cut out, a segment repeated. */
    private static String mutate(Random r, String message) {
        List<String> segs = new ArrayList<>(List.of(message.split("\r")));
        int changes = 1 + r.nextInt(3);
        for (int c = 0; c < changes; c++) {
            int i = 1 + r.nextInt(segs.size() - 1);
            String s = segs.get(i);
            int at = 3 + r.nextInt(Math.max(1, s.length() - 3));
            at = Math.min(at, s.length());
            switch (r.nextInt(5)) {
                case 0, 1 -> segs.set(i, s.substring(0, at) + token(r) + s.substring(at));
                case 2 -> segs.set(i, s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(6))));
                case 3 -> segs.add(i, s);
                default -> segs.set(i, s.substring(0, at) + "|" + WORDS[r.nextInt(WORDS.length)] + s.substring(at));
            }
        }
        return String.join("\r", segs) + "\r";
    }

    private static String token(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> ESCAPES[r.nextInt(ESCAPES.length)];
            case 1 -> String.valueOf("^~&|".charAt(r.nextInt(4)));
            case 2 -> WORDS[r.nextInt(WORDS.length)];
            default -> "-" + r.nextInt(1000);
        };
    }
}

package org.yidan.settlement.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.DepositDecision;

/**
 * ACKs written as text ({@link AckText}) against the same ACK written into HAPI's objects and encoded by HAPI's
 * PipeParser (how they were built before): byte for byte the same, on generated inbound headers (components,
 * subcomponents, escapes, Chinese), every version, errors with separators in their text, a bill and a deposit
 * decision; and HAPI parses each one back to the values set.
 */
class AckTextTest {
    private static final String[] PIECES = {"HIS", "LCRMYY", "聊城市人民医院", "a^b", "x&y", "~", "\\", "|", "\\.br\\",
            "\\H\\", "\\X0D\\", "\\Zx", "C\\M", "#", " ", "", "2.16.840.1.113883", "ISO", "L"};

    private final DefaultHapiContext ctx = context();
    private final PipeParser parser = ctx.getPipeParser();

    private static DefaultHapiContext context() {
        DefaultHapiContext c = new DefaultHapiContext();
        c.setModelClassFactory(new CachingModelClassFactory());
        c.setValidationContext(NoRules.INSTANCE);
        return c;
    }

    /** The ACK written into HAPI's ACK structure, as Hl7Acks did before it wrote text. */
    private final class Hapi implements AckSegments {
        final ACK ack = new ACK(ctx.getModelClassFactory());
        int errs;

        Hapi() {
            ack.setParser(parser);
        }

        @Override
        public Target add(String name) {
            try {
                Segment s = switch (name) {
                    case "MSH" -> ack.getMSH();
                    case "MSA" -> ack.getMSA();
                    case "ERR" -> ack.getERR(errs++);
                    default -> (Segment) ack.get(ack.addNonstandardSegment(name));
                };
                return (field, rep, comp, sub, v) -> {
                    try {
                        if (v != null && !v.isEmpty()) Terser.set(s, field, rep, comp, sub, v);
                    } catch (HL7Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                };
            } catch (HL7Exception ex) {
                throw new IllegalStateException(ex);
            }
        }

        @Override
        public String encode() {
            try {
                return parser.encode(ack);
            } catch (HL7Exception ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    @Test
    void textAcksAreHapisEncodingByteForByte() throws HL7Exception {
        Random r = new Random(20261202);
        Hl7Acks acks = Hl7Fixtures.acks();
        Hl7Acks same = Hl7Fixtures.acks();     // the same ids, so that both give the same MSH-10
        Bill bill = new Hl7AcksTest().settleLiaocheng();
        DepositDecision decision = new DepositDecision(true, "DIBAO", "deposit-free", "聊政办发〔2022〕5号 五", "低保对象：先诊疗后付费 a^b|c");
        List<String> versions = new ArrayList<>(Hl7Reader.VERSIONS);
        versions.add("2.7");
        for (int n = 0; n < 2000; n++) {
            String version = versions.get(r.nextInt(versions.size()));
            String msh = "MSH|^~\\&|" + hd(r) + "|" + hd(r) + "|" + hd(r) + "|" + hd(r) + "|20240305120000||"
                    + (r.nextBoolean() ? "ADT^A03^ADT_A03" : "DFT^P03") + "|C" + n + piece(r) + "|" + (r.nextBoolean() ? "P" : "")
                    + "|" + version + "|||||CHN|" + (r.nextBoolean() ? "UNICODE UTF-8" : "");
            byte[] raw = (msh + "\rEVN|A03\r").getBytes(StandardCharsets.UTF_8);
            Hl7Acks.Inbound in = acks.inbound(raw);
            List<Hl7Error> errors = new ArrayList<>();
            for (int e = r.nextInt(4); e > 0; e--) {
                errors.add(new Hl7Error(Hl7Error.DATA_TYPE_ERROR, r.nextBoolean() ? "FT1" : "", r.nextInt(3), r.nextInt(30),
                        r.nextInt(3), r.nextInt(4), r.nextInt(3), "FT1[1]-11 金额 " + piece(r) + piece(r)));
            }
            String code = errors.isEmpty() ? "AA" : r.nextBoolean() ? "AE" : "AR";
            Bill b = code.equals("AA") && r.nextBoolean() ? bill : null;
            DepositDecision d = code.equals("AA") && b == null && r.nextBoolean() ? decision : null;
            String text = acks.build(in, code, errors, b, d).text();
            String hapi = same.build(in, code, errors, b, d, new Hapi()).text();
            assertEquals(hapi, text, "seed 20261202 #" + n + ": " + msh);
            // and HAPI reads it back: the MSA and the first ERR's text are what was set
            Message back = parser.parse(text);
            Terser t = new Terser(back);
            assertEquals(code, t.get("/MSA-1"));
            assertEquals(in.header().controlId(), t.get("/MSA-2"));
        }
    }

    /** An HD for MSH-3 to MSH-6: up to three components, some with subcomponents, escapes and separators in them. */
    private static String hd(Random r) {
        StringBuilder b = new StringBuilder();
        int comps = r.nextInt(4);
        for (int c = 0; c < comps; c++) {
            if (c > 0) b.append('^');
            int subs = r.nextInt(4) == 0 ? 2 : 1;
            for (int s = 0; s < subs; s++) {
                if (s > 0) b.append('&');
                b.append(piece(r).replace("|", "").replace("^", "").replace("&", "").replace("~", ""));
            }
        }
        return b.toString();
    }

    private static String piece(Random r) {
        return PIECES[r.nextInt(PIECES.length)];
    }
}

package org.yidan.settlement.hl7;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.hl7.Hl7Fixtures.segment;
import static org.yidan.settlement.hl7.Hl7Fixtures.text;
import static org.yidan.settlement.hl7.Hl7Fixtures.withField;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MSH-18 → charset, strict decoding, and replies in the same charset. */
class Hl7CharsetTest {
    final Hl7Reader reader = Hl7Fixtures.reader();
    final Hl7Acks acks = Hl7Fixtures.acks();
    final Hl7Charset charsets = new Hl7Charset(StandardCharsets.UTF_8);

    @ParameterizedTest
    @CsvSource({"UNICODE UTF-8,UTF-8", "GB 18030-2000,GB18030", "GB18030,GB18030", "gb18030,GB18030",
            "GB 18030-2005,GB18030", "GB18030-2022,GB18030", "GBK,GB18030", "gbk,GB18030", "CP936,GB18030", "GB2312,GB18030",
            "GB 2312-80,GB18030", "GB_2312-80,GB18030", "EUC-CN,GB18030", "8859/1,ISO-8859-1", "ASCII,US-ASCII"})
    void names(String msh18, String charset) {
        assertEquals(Charset.forName(charset), Hl7Charset.forName(msh18));
        byte[] raw = ("MSH|^~\\&|A|B|C|D|20240101||ADT^A13|1|P|2.5||||||" + msh18 + "\rPV1|1\r").getBytes(StandardCharsets.US_ASCII);
        assertEquals(msh18, Hl7Charset.rawMsh18(raw));
        assertEquals(Charset.forName(charset), charsets.charsetOf(raw));
    }

    @Test
    void emptyMsh18IsTheConfiguredDefault() {
        byte[] raw = "MSH|^~\\&|A|B|C|D|20240101||ADT^A13|1|P|2.5\rPV1|1\r".getBytes(StandardCharsets.US_ASCII);
        assertEquals("", Hl7Charset.rawMsh18(raw));
        assertEquals(StandardCharsets.UTF_8, charsets.charsetOf(raw));
        assertEquals(Hl7Charset.GB18030, new Hl7Charset(Hl7Charset.GB18030).charsetOf(raw));
        assertNull(Hl7Charset.rawMsh18("garbage".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void repeatedMsh18UsesTheFirst() {
        byte[] raw = "MSH|^~\\&|A|B|C|D|20240101||ADT^A13|1|P|2.5||||||GB 18030-2000~UNICODE UTF-8\r".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Hl7Charset.GB18030, charsets.charsetOf(raw));
    }

    @Test
    void unknownCharsetIsAnError() {
        byte[] raw = "MSH|^~\\&|A|B|C|D|20240101||ADT^A13|C9|P|2.5||||||BIG-5\rPV1|1\r".getBytes(StandardCharsets.US_ASCII);
        Hl7Exception e = assertThrows(Hl7Exception.class, () -> charsets.charsetOf(raw));
        assertEquals(103, e.errors().get(0).code());
        assertEquals("MSH[1]-18", e.errors().get(0).location());
        assertEquals("C9", e.controlId());
    }

    /**
     * A name survives GB18030 bytes → decode → ACK encode → decode. 東 (GBK 96 7C) and 葉 (C8 7E) end in the bytes of
     * '|' and '~', 𠮷 takes four bytes: decoding before splitting keeps them whole.
     */
    @Test
    void gb18030RoundTrip() {
        for (String name : new String[] {"王秀英", "张三丰", "東方𠮷葉"}) {
            String m = withField(text("gb-01-adt-a01.hl7"), "PID", 5, name);
            byte[] raw = m.getBytes(Hl7Charset.GB18030);
            if (name.startsWith("東")) {
                assertTrue(Hl7ExamplesTest.indexOf(raw, new byte[] {(byte) 0x96, 0x7C}) > 0, "東 ends in '|'");
            }
            Hl7Message.Admit a = (Hl7Message.Admit) reader.read(raw);
            assertEquals(name, a.psnName());

            // an ACK in the same charset and MSH-18, carrying the name (in ZDP's reason) back
            Hl7Acks.Ack ack = acks.build(acks.inbound(raw), "AA", java.util.List.of(), null,
                    new org.yidan.settlement.core.DepositDecision(false, null, null, null, a.psnName() + "：按规定收取押金"));
            assertEquals(Hl7Charset.GB18030, ack.charset());
            assertArrayEquals(ack.text().getBytes(Hl7Charset.GB18030), ack.bytes());
            String back = new Hl7Charset(StandardCharsets.US_ASCII).decode(ack.bytes());   // read by its own MSH-18
            assertTrue(segment(back, "MSH").endsWith("|GB 18030-2000"), back);
            assertEquals(name + "：按规定收取押金", segment(back, "ZDP").split("\\|")[4]);
            assertEquals("MSA|AA|LY0002-A01", segment(back, "MSA"));
        }
    }

    /**
     * The GB family as Chinese HIS spell it in MSH-18: a GBK or GB2312 message is read by GB18030 (their superset:
     * the same bytes, the same characters) and answered with the MSH-18 it came with, in the same bytes.
     */
    @ParameterizedTest
    @CsvSource({"GBK,GBK", "GB2312,GB2312", "GB 2312-80,GB2312", "CP936,GBK"})
    void gbkAndGb2312AreReadAsGb18030AndAnsweredInKind(String msh18, String javaCharset) {
        String m = withField(withField(text("gb-01-adt-a01.hl7"), "MSH", 18, msh18), "PID", 5, "王秀英");
        byte[] raw = m.getBytes(Charset.forName(javaCharset));
        assertArrayEquals(m.getBytes(Hl7Charset.GB18030), raw, "GB18030 encodes these characters as " + javaCharset + " does");
        assertEquals("王秀英", ((Hl7Message.Admit) reader.read(raw)).psnName());
        Hl7Acks.Ack ack = acks.build(acks.inbound(raw), "AA", java.util.List.of(), null,
                new org.yidan.settlement.core.DepositDecision(false, null, null, null, "王秀英：按规定收取押金"));
        assertTrue(segment(ack.text(), "MSH").endsWith("|" + msh18), ack.text());
        assertEquals("王秀英：按规定收取押金", segment(new String(ack.bytes(), Charset.forName(javaCharset)), "ZDP").split("\\|")[4]);
    }

    /** A name mangled by a wrong conversion before it was sent is refused (AE, 102 at its field), not stored. */
    @ParameterizedTest
    @CsvSource({"锟斤拷锟斤拷,锟斤拷", "王\uFFFD英,U+FFFD", "烫烫烫烫,烫烫烫"})
    void aMangledNameIsRefusedWhereItIs(String name, String shown) {
        String n = name.replace("\\uFFFD", "\uFFFD");
        byte[] raw = withField(text("lc-01-adt-a01.hl7"), "PID", 5, n).getBytes(StandardCharsets.UTF_8);
        Hl7Exception e = assertThrows(Hl7Exception.class, () -> reader.read(raw));
        assertEquals("AE", e.ackCode());
        assertEquals(1, e.errors().size());
        assertEquals(102, e.errors().get(0).code());
        assertEquals("PID[1]-5", e.errors().get(0).location());
        assertTrue(e.errors().get(0).text().contains(shown), e.errors().get(0).text());
        assertTrue(e.errors().get(0).text().contains("MSH-18"), e.errors().get(0).text());
        // the same in GB18030 bytes (the usual way it arrives)
        String gb = withField(text("gb-01-adt-a01.hl7"), "PID", 5, n);
        Hl7Exception g = assertThrows(Hl7Exception.class, () -> reader.read(gb.getBytes(Hl7Charset.GB18030)));
        assertEquals("PID[1]-5", g.errors().get(0).location());
    }

    @Test
    void utf8Message() {
        byte[] raw = Hl7Fixtures.bytes("lc-01-adt-a01.hl7");
        assertEquals(StandardCharsets.UTF_8, charsets.charsetOf(raw));
        assertEquals("王秀英", ((Hl7Message.Admit) reader.read(raw)).psnName());
        // the same text sent as GB18030 but labelled UTF-8 is refused, not misread
        byte[] mislabelled = text("lc-01-adt-a01.hl7").getBytes(Hl7Charset.GB18030);
        Hl7Exception e = assertThrows(Hl7Exception.class, () -> reader.read(mislabelled));
        assertEquals(102, e.errors().get(0).code());
        assertEquals("AR", e.ackCode());
    }

    @Test
    void gb18030AckOfTheExample() {
        byte[] raw = Hl7Fixtures.bytes("gb-03-adt-a03.hl7");
        Hl7Acks.Ack a = acks.accept(raw);
        assertEquals(Hl7Charset.GB18030, a.charset());
        assertTrue(a.text().contains("|GB 18030-2000\r"), a.text());
        assertTrue(a.text().contains("|HIS|LYRMYY|"), a.text());
    }

    @Test
    void isoAndAscii() {
        String m = withField(text("lc-05-adt-a13.hl7"), "MSH", 18, "8859/1");
        m = withField(m, "PID", 5, "Müller");
        byte[] raw = m.getBytes(StandardCharsets.ISO_8859_1);
        reader.read(raw);
        Hl7Acks.Ack a = acks.accept(raw);
        assertEquals(StandardCharsets.ISO_8859_1, a.charset());
        assertTrue(segment(a.text(), "MSH").endsWith("|8859/1"));
        String ascii = withField(text("lc-05-adt-a13.hl7"), "MSH", 18, "ASCII");
        ascii = withField(ascii, "PID", 5, "WANG^XIUYING");
        assertEquals(StandardCharsets.US_ASCII, acks.accept(ascii.getBytes(StandardCharsets.US_ASCII)).charset());
    }
}

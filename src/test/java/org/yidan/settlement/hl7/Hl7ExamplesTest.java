package org.yidan.settlement.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.hl7.Hl7Fixtures.bytes;
import static org.yidan.settlement.hl7.Hl7Fixtures.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yidan.settlement.core.Admission;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;
import org.yidan.settlement.core.Upstream;
import org.yidan.settlement.io.EncounterReader;
import org.yidan.settlement.io.Message;

/** Every example message of mappings/examples/ parses; the Liaocheng set gives exactly the example encounter. */
class Hl7ExamplesTest {
    final Hl7Reader reader = Hl7Fixtures.reader();

    static Stream<String> examples() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(Hl7Fixtures.EXAMPLES)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hl7")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleParses(String example) {
        Hl7Message m = reader.read(bytes(example));
        assertEquals(Hl7Reader.controlId(bytes(example)), m.controlId());
        String type = Hl7Header.scan(text(example)).messageType() + "^" + Hl7Header.scan(text(example)).triggerEvent();
        assertEquals(type, m.messageType());
        byte[] raw = bytes(example);
        assertEquals('\r', (char) raw[raw.length - 1], "segments end with \\r");
        assertTrue(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf('\n') < 0, "no \\n in " + example);
    }

    @Test
    void examplesCoverEveryMessageType() throws IOException {
        List<String> types = new ArrayList<>();
        for (String e : examples().toList()) types.add(reader.read(bytes(e)).messageType());
        assertTrue(types.containsAll(Hl7Reader.MESSAGE_TYPES), types.toString());
        assertEquals(3, types.stream().filter("DFT^P03"::equals).count());   // lc-02, lc-03 and gb-02
    }

    @Test
    void liaochengSetIsTheExampleEncounter() {
        Encounter expected = ((Message.Settle) EncounterReader.readFile(Hl7Fixtures.LIAOCHENG_JSON).get(0)).encounter();

        Hl7Message.Discharge a03 = assertInstanceOf(Hl7Message.Discharge.class, reader.read(bytes("lc-04-adt-a03.hl7")));
        assertEquals(List.of(), a03.encounterWithoutLines().feedetail(), "the A03 carries no FT1");
        Hl7Message.Charges p03a = assertInstanceOf(Hl7Message.Charges.class, reader.read(bytes("lc-02-dft-p03.hl7")));
        Hl7Message.Charges p03b = assertInstanceOf(Hl7Message.Charges.class, reader.read(bytes("lc-03-dft-p03.hl7")));
        List<FeeLine> lines = new ArrayList<>(p03a.lines());
        lines.addAll(p03b.lines());

        Encounter e = a03.encounterWithoutLines();
        Encounter actual = new Encounter(e.mdtrtId(), e.psnNo(), e.certno(), e.psnName(), e.brdy(), e.insutype(),
                e.insuAdmdvs(), e.fixmedinsAdmdvs(), e.hospLv(), e.medType(), e.begntime(), e.endtime(),
                e.reliefCategories(), e.diagnoses(), e.referralDedcPaid(), e.deposit(), List.copyOf(lines), e.upstream());
        assertEquals(expected, actual);
        // spelled out, so a failure says which field
        assertEquals("EX-LC-0001", actual.mdtrtId());
        assertEquals("王秀英", actual.psnName());
        assertEquals(List.of("DIBAO"), actual.reliefCategories());
        assertEquals(Upstream.NONE, actual.upstream());
        assertEquals(new BigDecimal("35000.00"),
                lines.stream().map(FeeLine::detItemFeeSumamt).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertEquals(p03a.mdtrtId(), "EX-LC-0001");
        assertEquals(p03b.psnNo(), "EX-P-371500-01");
    }

    @Test
    void liaochengAdmit() {
        Hl7Message.Admit a = assertInstanceOf(Hl7Message.Admit.class, reader.read(bytes("lc-01-adt-a01.hl7")));
        assertEquals("LC0001-A01", a.controlId());
        assertEquals(new Admission("EX-LC-0001", "EX-P-371500-01", "371500", "371502", "21", LocalDate.of(2024, 3, 1),
                List.of("DIBAO")), a.admission());
        assertEquals("王秀英", a.psnName());
        assertEquals("371502198003154321", a.certno());
        assertEquals(LocalDate.of(1980, 3, 15), a.brdy());
        assertEquals("390", a.insutype());
        assertEquals("3", a.hospLv());
        assertEquals(new BigDecimal("0.00"), a.deposit());
    }

    @Test
    void chargeLinesKeepTheirZft() {
        Hl7Message.Charges c = (Hl7Message.Charges) reader.read(bytes("lc-02-dft-p03.hl7"));
        assertEquals(2, c.lines().size());
        FeeLine b = c.lines().get(1);
        assertEquals(new FeeLine("2", "XB01AC", ChargeClass.B, new BigDecimal("20"), new BigDecimal("150"),
                new BigDecimal("3000.00"), new BigDecimal("0.10"), null, LineKind.ORDINARY), b);
        FeeLine a = c.lines().get(0);
        assertEquals(ChargeClass.A, a.chrgitmLv());
        assertNull(a.selfpayProp(), "the first line's ZFT has no ratio: the second line's must not leak into it");
    }

    @Test
    void cancels() {
        assertEquals(new Hl7Message.CancelDischarge("LC0001-A13", "EX-LC-0001"), reader.read(bytes("lc-05-adt-a13.hl7")));
        assertEquals(new Hl7Message.CancelAdmit("LC0001-A11", "EX-LC-0001"), reader.read(bytes("lc-06-adt-a11.hl7")));
    }

    @Test
    void gb18030Pair() {
        Hl7Message.Admit a = (Hl7Message.Admit) reader.read(bytes("gb-01-adt-a01.hl7"));
        assertEquals("张三丰", a.psnName());
        assertEquals(List.of("TEKUN"), a.admission().reliefCategories());
        Hl7Message.Discharge d = (Hl7Message.Discharge) reader.read(bytes("gb-03-adt-a03.hl7"));
        Encounter e = d.encounterWithoutLines();
        assertEquals("张三丰", e.psnName());
        assertEquals(List.of("J18.9", "I10"), e.diagnoses());
        assertEquals(LocalDate.of(2024, 5, 15), e.endtime());
        assertEquals(new Upstream(new BigDecimal("8000.00"), null, null, new BigDecimal("0.00"), null, null), e.upstream());
        // the file really is GB18030: 张 is D5 C5 there
        byte[] raw = bytes("gb-01-adt-a01.hl7");
        assertTrue(indexOf(raw, new byte[] {(byte) 0xD5, (byte) 0xC5, (byte) 0xC8, (byte) 0xFD, (byte) 0xB7, (byte) 0xE1}) > 0);
    }

    @Test
    void mainDiagnosisComesFirst() {
        String m = text("lc-04-adt-a03.hl7").replace("DG1|1||I63.9^脑梗死^I10|||F|||||||||1\r",
                "DG1|1||I10^高血压^I10|||F|||||||||2\rDG1|2||I63.9^脑梗死^I10|||F|||||||||1\rDG1|3||E11.9^糖尿病^I10|||F\r");
        Encounter e = ((Hl7Message.Discharge) reader.read(m)).encounterWithoutLines();
        assertEquals(List.of("I63.9", "I10", "E11.9"), e.diagnoses());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1"})
    void versions(String version) {
        for (String ex : List.of("lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-04-adt-a03.hl7", "lc-05-adt-a13.hl7", "lc-06-adt-a11.hl7")) {
            String m = Hl7Fixtures.withField(text(ex), "MSH", 12, version);
            if (version.equals("2.3")) m = m.replaceFirst("\\|(ADT|DFT)\\^(A\\d\\d|P03)\\^[A-Z_0-9]+\\|", "|$1^$2|");  // 2.3 MSH-9 has no structure
            Hl7Message parsed = reader.read(m);
            assertEquals(reader.read(bytes(ex)), parsed, ex + " as v" + version);
        }
    }

    @Test
    void mllpFramingAndLineFeedsAreTolerated() {
        String m = "\u000b" + text("lc-05-adt-a13.hl7").replace("\r", "\r\n") + "\u001c\r";
        assertEquals(new Hl7Message.CancelDischarge("LC0001-A13", "EX-LC-0001"), reader.read(Hl7Fixtures.utf8(m)));
    }

    @Test
    void reliefIdentitiesAndIdentifiersByType() {
        String m = Hl7Fixtures.withField(text("lc-01-adt-a01.hl7"), "ZIN", 2, "9900~9902~DIBAO~9913");
        m = Hl7Fixtures.withField(m, "PID", 3,
                "ZY0001^^^LCRMYY^MR~371502198003154321^^^CHN^NNCHN~EX-P-371500-01^^^YB371500^PN");
        Hl7Message.Admit a = (Hl7Message.Admit) reader.read(m);
        assertEquals(List.of("DIBAO", "ILLNESS_POOR"), a.admission().reliefCategories(), "9900: known, no category; no duplicates");
        assertEquals("EX-P-371500-01", a.admission().psnNo());
        assertEquals("371502198003154321", a.certno());
    }

    @Test
    void optionalValuesMayBeAbsent() {
        String m = Hl7Fixtures.withField(text("lc-04-adt-a03.hl7"), "IN1", 2, "");
        m = m.replace("ZIN|371500|9902|371502|3||0\r", "");
        Encounter e = ((Hl7Message.Discharge) reader.read(m)).encounterWithoutLines();
        assertNull(e.insutype());
        assertNull(e.insuAdmdvs(), "the service fills it from the A01");
        assertEquals(List.of(), e.reliefCategories());
        assertEquals(Upstream.NONE, e.upstream());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}

package org.yidan.settlement.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.hl7.Hl7Fixtures.bytes;
import static org.yidan.settlement.hl7.Hl7Fixtures.text;
import static org.yidan.settlement.hl7.Hl7Fixtures.utf8;
import static org.yidan.settlement.hl7.Hl7Fixtures.withField;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.TestData;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.hl7.profile.Hl7Profile;
import org.yidan.settlement.hl7.profile.ProfileCheck;
import org.yidan.settlement.hl7.profile.ProfileDeclaration;
import org.yidan.settlement.hl7.profile.ProfileMarkdown;
import org.yidan.settlement.ledger.InMemoryLedger;

/**
 * The message profile (hl7/profile.yaml): what the service serves is the declaration joined with the mapping and
 * HL7 v2.5; input is read against it (change a usage, and what is refused changes); the answers the service writes
 * pass its own check, and broken answers do not.
 */
class MessageProfileTest {
    final Hl7Reader reader = Hl7Fixtures.reader();
    final Hl7Acks acks = Hl7Fixtures.acks();
    final Hl7Profile profile = reader.profile();

    @Test
    void theServedProfileJoinsTheDeclarationTheMappingAndHl7() {
        Hl7Profile.Message a01 = profile.message("ADT^A01");
        assertEquals("入院登记", a01.zh());
        assertEquals("ACK^A01", a01.answer());
        // psn_no: where the mapping reads it (PID-3, the PN identifier), required in an admission; HL7 v2.5's name and type
        Hl7Profile.Field psn = a01.segment("PID").fields().stream().filter(f -> "psn_no".equals(f.value())).findFirst().orElseThrow();
        assertEquals("PID-3(5=PN)-1", psn.path());
        assertEquals("R", psn.usage());
        assertEquals("人员编号", psn.zh());
        assertEquals("Patient Identifier List", psn.hl7Name());
        assertEquals("CX", psn.datatype());
        assertEquals("*", psn.max());          // PID-3 repeats in v2.5
        // a segment with a required value is required, once; IN1 repeats (v2.5's INSURANCE group); ZIN is ours
        assertEquals(List.of("R", "1", "1"), List.of(a01.segment("PV1").usage(), String.valueOf(a01.segment("PV1").min()), a01.segment("PV1").max()));
        assertEquals("*", a01.segment("IN1").max());
        assertEquals("R", a01.segment("ZIN").usage());
        // an A03 may leave the regions out (they come from the admission): ZIN optional there
        assertEquals("O", profile.message("ADT^A03").segment("ZIN").usage());
        // charges: at least one FT1, each followed by its ZFT
        Hl7Profile.Message p03 = profile.message("DFT^P03");
        assertEquals(List.of("R", "1", "*"), List.of(p03.segment("FT1").usage(), String.valueOf(p03.segment("FT1").min()), p03.segment("FT1").max()));
        assertEquals("FT1", p03.segment("ZFT").follows());
        assertEquals("chrgitm_lv", p03.segment("ZFT").fields().get(0).table());
        // the mapping's tables as configured
        assertEquals("01", profile.tables().get("chrgitm_lv").get("A"));
        assertEquals("拒收", profile.tables().get("acknowledgment_codes").get("AR"));
    }

    @Test
    void whatIsRequiredComesFromTheProfile() throws IOException {
        // the standard profile: a birth date is RE in an admission, so an A01 without one is read
        String noBirthday = withField(text("lc-01-adt-a01.hl7"), "PID", 7, "");
        reader.read(utf8(noBirthday));
        // a hospital's stricter profile (brdy: R) refuses it at PID-7
        String yaml = new String(MessageProfileTest.class.getResourceAsStream(ProfileDeclaration.RESOURCE).readAllBytes(),
                StandardCharsets.UTF_8);
        String strict = yaml.replaceFirst("      brdy: RE\n", "      brdy: R\n");
        Hl7Reader strictReader = new Hl7Reader(Hl7Fixtures.mapping(), ProfileDeclaration.read("strict.yaml", new StringReader(strict)));
        Hl7Exception e = assertThrows(Hl7Exception.class, () -> strictReader.read(utf8(noBirthday)));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals(Hl7Error.REQUIRED_FIELD_MISSING, e.errors().get(0).code());
        assertEquals("PID[1]-7", e.errors().get(0).location());
        assertEquals("R", strictReader.profile().message("ADT^A01").segment("PID").fields().stream()
                .filter(f -> "brdy".equals(f.value())).findFirst().orElseThrow().usage());
    }

    @Test
    void aSegmentSentTwiceWhereTheProfileAllowsOneIsRefused() {
        String a01 = text("lc-01-adt-a01.hl7");
        String pv1 = a01.lines().filter(l -> l.startsWith("PV1")).findFirst().orElseThrow();
        String twice = a01.replace(pv1 + "\r", pv1 + "\r" + pv1 + "\r");
        Hl7Exception e = assertThrows(Hl7Exception.class, () -> reader.read(utf8(twice)));
        assertEquals(Hl7Error.SEGMENT_SEQUENCE_ERROR, e.errors().get(0).code());
        assertEquals("PV1[2]", e.errors().get(0).location());
        assertTrue(e.errors().get(0).text().contains("只能有一个 PV1 段"), e.errors().get(0).text());
        // DG1 repeats in v2.5: two diagnoses are fine
        String dg1 = a01.lines().filter(l -> l.startsWith("DG1")).findFirst().orElseThrow();
        reader.read(utf8(a01.replace(dg1 + "\r", dg1 + "\r" + dg1.replace("DG1|1|", "DG1|2|") + "\r")));
    }

    @Test
    void theAnswersTheServiceWritesMatchTheirProfile() {
        Settler settler = new Settler(TestData.policies(), new InMemoryLedger(java.time.Clock.systemUTC()));
        Hl7Message.Admit admit = (Hl7Message.Admit) reader.read(bytes("lc-01-adt-a01.hl7"));
        assertEquals(List.of(), check("ACK^A01", acks.admitted(bytes("lc-01-adt-a01.hl7"), settler.admit(admit.admission())).text()));
        assertEquals(List.of(), check("ACK", acks.accept(bytes("lc-02-dft-p03.hl7")).text()));
        assertEquals(List.of(), check("ACK^A03", acks.settled(bytes("lc-04-adt-a03.hl7"), new Hl7AcksTest().settleLiaocheng()).text()));
        // refusals, in v2.5 (one ERR per problem) and v2.4 (ERR-1 repeats)
        for (String v : List.of("2.5", "2.4")) {
            String bad = withField(withField(text("lc-02-dft-p03.hl7"), "MSH", 12, v), "FT1", 1, 11, "x");
            Hl7Exception e = assertThrows(Hl7Exception.class, () -> reader.read(utf8(bad)));
            assertEquals(List.of(), check("ACK", acks.error(utf8(bad), e).text()), v);
        }
    }

    @Test
    void brokenAnswersAreCaughtWhereTheyAreWrong() {
        String msh = "MSH|^~\\&|YIDAN|SETTLEMENT|HIS|LCRMYY|20240312100530+0800||ACK^A03^ACK|ACK0001|P|2.5||||||UNICODE UTF-8\r";
        // an AA to a discharge without the bill
        assertEquals(List.of("ZBL：缺少 ZBL 段（应答为 AA 时必有（结算单的合计））"), texts(check("ACK^A03", msh + "MSA|AA|X1\r")));
        // an amount without its two decimals, a code outside its table, an AE without ERR, a segment the profile does not know
        String zbl = "ZBL|V1|35000|0.00|0.00|0.00|0.00|0.00|0.00|0.00|0.00|0.00|0.00|0.00||X||0.00|0.00\r";
        assertEquals(List.of("ZBL[1]-2：医疗费总额：“35000” 不是带两位小数的金额（如 1234.50）",
                "ZBL[1]-15：先诊疗后付费：值 “X” 不在代码表 yes_no（Y、N）中"), texts(check("ACK^A03", msh + "MSA|AA|X1\r" + zbl)));
        assertEquals(List.of("ERR：缺少 ERR 段（应答为 AE 或 AR 时至少一个；AA 也可带警告（ERR-4 = W））"), texts(check("ACK", msh + "MSA|AE|X1\r")));
        assertEquals(List.of("ZXX：消息规范中 ACK 没有 ZXX 段", "MSA[1]-1：应答代码：值 “OK” 不在代码表 acknowledgment_codes（AA、AE、AR）中"),
                texts(check("ACK", msh + "MSA|OK|X1\rZXX|1\r")));
        assertEquals(List.of("MSA[2]：本消息（ACK）只能有一个 MSA 段，收到 2 个（消息规范）"), texts(check("ACK", msh + "MSA|AA|X1\rMSA|AA|X1\r")));
        assertEquals(List.of("MSH[1]-7：消息时间（医院时区，含时差）：“2024-03-12” 不是 HL7 日期时间（YYYYMMDDHHMMSS+ZZZZ）"),
                texts(check("ACK", msh.replace("20240312100530+0800", "2024-03-12") + "MSA|AA|X1\r")));
    }

    @Test
    void aBadDeclarationNamesItsLine() {
        String yaml = "usage: {R: 必填}\nnames: {mdtrt_id: 就诊ID}\nsegments: {}\nheader: []\ngroups: {}\ninbound:\n  ADT^A01:\n"
                + "    zh: x\n    structure: ADT_A01\n    answer: ACK\n    values: {mdtrt_idd: R}\noutbound: {}\ntables: {}\n";
        Hl7MappingException e = assertThrows(Hl7MappingException.class, () -> ProfileDeclaration.read("p.yaml", new StringReader(yaml)));
        assertEquals("p.yaml:11: inbound.ADT^A01.values.mdtrt_idd: 'mdtrt_idd' 不是映射中的值", e.getMessage());
    }

    /** HL7.md's profile section is the profile's, and its hand-written tables say "required" as the profile does. */
    @Test
    void hl7MdAgreesWithTheProfile() throws IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("mappings/HL7.md"));
        assertEquals(ProfileMarkdown.section(profile), ProfileMarkdown.current(doc),
                "mappings/HL7.md's message profile section is not current: java -jar target/discharge-settlement.jar profile --update mappings/HL7.md");
        java.util.Map<String, String> abbreviations = java.util.Map.of("A01", "ADT^A01", "P03", "DFT^P03", "A03", "ADT^A03",
                "A13", "ADT^A13", "A11", "ADT^A11");
        int rows = 0;
        for (String row : tableRows(doc, "## Default profile: header values")) {
            String[] cells = row.split("\\|", -1);
            String value = cells[1].trim().replaceAll("^`([a-z_]+)`.*", "$1");
            if (value.startsWith("(")) continue;        // the main diagnosis: a note, not a value
            String req = cells[cells.length - 2].trim();
            java.util.Set<String> said = new java.util.TreeSet<>(req.equals("all") ? abbreviations.values() : req.equals("–")
                    ? java.util.Set.of() : java.util.Arrays.stream(req.split(",\\s*")).map(abbreviations::get).collect(java.util.stream.Collectors.toSet()));
            java.util.Set<String> profiled = new java.util.TreeSet<>();
            for (Hl7Profile.Message m : profile.messages()) {
                if (!m.direction().equals("inbound")) continue;
                for (Hl7Profile.Segment sg : m.segments()) {
                    for (Hl7Profile.Field f : sg.fields()) if (value.equals(f.value()) && f.usage().equals("R") && sg.group() == null) profiled.add(m.type());
                }
            }
            assertEquals(profiled, said, "HL7.md, header values, " + value);
            assertTrue(cells[2].contains("`" + Hl7Fixtures.mapping().field(value).text() + "`"), "HL7.md, the path of " + value);
            rows++;
        }
        assertTrue(rows >= 20, "rows read: " + rows);
        for (String row : tableRows(doc, "## Default profile: charge lines")) {
            String[] cells = row.split("\\|", -1);
            String value = cells[1].trim().replaceAll("^`([a-z_]+)`.*", "$1");
            String usage = profile.message("DFT^P03").segments().stream().flatMap(sg -> sg.fields().stream())
                    .filter(f -> value.equals(f.value())).findFirst().orElseThrow().usage();
            String req = cells[cells.length - 2].trim();
            assertEquals(usage.equals("R") ? "yes" : usage.equals("C") ? "(a)" : "–", req, "HL7.md, charge lines, " + value);
        }
    }

    /** The rows of the first table after a heading. */
    private static List<String> tableRows(String doc, String heading) {
        String rest = doc.substring(doc.indexOf(heading));
        rest = rest.substring(0, rest.indexOf("\n## ", 1));
        return rest.lines().filter(l -> l.startsWith("| `") || l.startsWith("| (")).toList();
    }

    private List<ProfileCheck.Problem> check(String type, String answer) {
        return ProfileCheck.check(profile, profile.message(type), answer);
    }

    private static List<String> texts(List<ProfileCheck.Problem> ps) {
        return ps.stream().map(ProfileCheck.Problem::toString).toList();
    }
}

package org.yidan.settlement.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.TestData;

/** The default profile loads; a bad mapping file is reported as file:line: field. */
class Hl7MappingTest {
    @TempDir
    Path dir;

    String original() throws IOException {
        return Files.readString(Hl7Fixtures.MAPPING);
    }

    /** Writes the default file with one change and returns the load error. */
    Hl7MappingException bad(String from, String to) throws IOException {
        String text = original();
        assertTrue(text.contains(from), from);
        Path f = dir.resolve("hl7-bad.yaml");
        Files.writeString(f, text.replace(from, to));
        return assertThrows(Hl7MappingException.class, () -> Hl7Mapping.load(f, TestData.policies().categories().keySet()));
    }

    static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void defaultProfile() {
        Hl7Mapping m = Hl7Fixtures.mapping();
        assertEquals("PV1-19-1", m.field("mdtrt_id").text());
        assertEquals(FieldPath.FILTER, m.field("psn_no").repetition());
        assertEquals("ZFT", m.line("chrgitm_lv").segment());
        assertEquals("DIBAO", m.code("relief_categories", "9902"));
        assertTrue(m.hasCode("relief_categories", "9900"));
        assertNull(m.code("relief_categories", "9900"), "known, no category");
        assertEquals("01", m.code("chrgitm_lv", "A"));
        // every category of policies/categories.yaml can be sent as itself
        for (String c : TestData.policies().categories().keySet()) assertEquals(c, m.code("relief_categories", c));
    }

    @Test
    void badPathSyntax() throws IOException {
        Hl7MappingException e = bad("mdtrt_id: PV1-19-1", "mdtrt_id: PV1.19");
        assertEquals(lineOf(original(), "mdtrt_id: PV1-19-1"), e.line());
        assertEquals("fields.mdtrt_id", e.field());
        assertTrue(e.getMessage().startsWith(dir.resolve("hl7-bad.yaml") + ":" + e.line() + ": fields.mdtrt_id: 'PV1.19' 不是字段路径"),
                e.getMessage());
    }

    @Test
    void unknownCategory() throws IOException {
        Hl7MappingException e = bad("\"9902\": DIBAO ", "\"9902\": DIBAOO ");
        assertEquals(lineOf(original(), "\"9902\": DIBAO "), e.line());
        assertEquals("codes.relief_categories.9902", e.field());
        assertTrue(e.getMessage().contains("'DIBAOO' 不在 policies/categories.yaml 中"), e.getMessage());
    }

    @Test
    void unknownTarget() throws IOException {
        Hl7MappingException e = bad("\"21\": \"21\"", "\"21\": \"22\"");
        assertEquals("codes.med_type.21", e.field());
        assertEquals(lineOf(original(), "\"21\": \"21\""), e.line());
    }

    @Test
    void typoInAKey() throws IOException {
        Hl7MappingException e = bad("  hosp_lv: ZIN-4", "  hosp_level: ZIN-4");
        assertEquals("fields.hosp_level", e.field());
        assertEquals(lineOf(original(), "  hosp_lv: ZIN-4"), e.line());
        assertTrue(e.getMessage().contains("未知字段 'hosp_level'"));
    }

    @Test
    void listAndScalarPaths() throws IOException {
        assertTrue(bad("relief_categories: ZIN-2(*)", "relief_categories: ZIN-2").getMessage()
                .contains("fields.relief_categories: 人员身份类别（relief_categories）是列表"));
        assertTrue(bad("insu_admdvs: ZIN-1", "insu_admdvs: ZIN[*]-1").getMessage()
                .contains("fields.insu_admdvs: 参保地医保区划（insu_admdvs）是单个值"));
    }

    @Test
    void lineValuesComeFromFt1OrAZSegment() throws IOException {
        Hl7MappingException e = bad("  cnt: FT1-10", "  cnt: PV1-10");
        assertEquals("lines.cnt", e.field());
        assertTrue(bad("  mdtrt_id: PV1-19-1", "  mdtrt_id: FT1-2").getMessage().contains("FT1 是费用明细：其值须映射在 'lines' 下"));
    }

    @Test
    void requiredMappingMissing() throws IOException {
        Hl7MappingException e = bad("  med_type: PV1-18 ", "  # med_type: PV1-18 ");
        assertEquals("fields.med_type", e.field());
        assertEquals(lineOf(original(), "  mdtrt_id:"), e.line(), "the line where the fields start");
    }

    @Test
    void codeTableNeeded() throws IOException {
        String text = original();
        String table = text.substring(text.indexOf("  hosp_lv:\n"), text.indexOf("  # 收费项目等级 →"));
        Hl7MappingException e = bad(table, "");
        assertEquals("codes.hosp_lv", e.field());
    }

    @Test
    void badCharsetAndBadYaml() throws IOException {
        assertEquals("charset_default", bad("charset_default: UNICODE UTF-8", "charset_default: BIG-5").field());
        Hl7MappingException e = bad("  psn_no: PID-3(5=PN)-1", "  psn_no: [PID-3");
        assertTrue(e.getMessage().contains("不是有效的 YAML："), e.getMessage());
        assertTrue(e.line() > 0);
    }

    @Test
    void pathsParse() {
        FieldPath p = FieldPath.parse("FT1-11-1-1");
        assertEquals(11, p.field());
        assertEquals(1, p.subcomponent());
        assertEquals(FieldPath.ALL, FieldPath.parse("DG1[*]-3-1").occurrence());
        FieldPath f = FieldPath.parse("PID-3(5=NNCHN)-1");
        assertEquals(5, f.filterComponent());
        assertEquals("NNCHN", f.filterValue());
        assertEquals(3, FieldPath.parse("OBX[2]-5(3)").repetition());
        for (String bad : new String[] {"PID", "pid-3", "PID-0", "PID-3-0", "MSH-2", "PID-3(x)", "PI-3"}) {
            assertThrows(IllegalArgumentException.class, () -> FieldPath.parse(bad), bad);
        }
    }

    /** The settlement core knows nothing of HL7 (DESIGN §2). */
    @Test
    void coreDoesNotImportHl7() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/yidan/settlement/core"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                assertTrue(!src.contains("org.yidan.settlement.hl7") && !src.contains("ca.uhn.hl7v2"), f.toString());
            }
        }
    }
}

package org.yidan.settlement.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.Encounter;

class EncounterReaderTest {
    static final Path EXAMPLE = Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json");

    ObjectNode example() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(Files.readString(EXAMPLE));
    }

    List<String> problems(Consumer<ObjectNode> change) throws Exception {
        ObjectNode n = example();
        change.accept(n);
        return assertThrows(InputException.class, () -> EncounterReader.read(n, "f.json")).problems();
    }

    @Test
    void readsTheExample() {
        List<Message> ms = EncounterReader.readFile(EXAMPLE);
        Encounter e = assertInstanceOf(Message.Settle.class, ms.get(0)).encounter();
        assertEquals("EX-LC-0001", e.mdtrtId());
        assertEquals(4, e.feedetail().size());
        assertEquals(ChargeClass.B, e.feedetail().get(1).chrgitmLv());
        assertEquals(java.time.LocalDate.of(2024, 3, 12), e.endtime());
        assertEquals(List.of("DIBAO"), e.reliefCategories());
    }

    /** The sheet's facts from the JSON's patient: gend by GB/T 2261.1 (2 女), the department's name before its code. */
    @Test
    void patientFactsForTheSheet() throws Exception {
        Message.Settle s = (Message.Settle) EncounterReader.read(example(), "f.json");
        org.yidan.settlement.sheet.VisitFacts p = s.patient();
        assertEquals("女", p.sex());
        assertEquals("神经内科", p.dept());
        assertEquals("301", p.room());
        assertEquals("01", p.bed());
        assertEquals("ZY2024000317", p.medrcdno());
        assertEquals(List.of(new org.yidan.settlement.sheet.VisitFacts.Diagnosis("I63.9", "脑梗死")), p.diagnoses());
        assertEquals("聊城市医疗保障局", p.insurer());
        // no diseinfo: the diagnoses' codes without names; no name: the department's code; a word as gend is kept
        ObjectNode n = example();
        ObjectNode patient = (ObjectNode) n.get("patient");
        patient.remove("diseinfo");
        patient.remove("adm_dept_name");
        patient.put("gend", "男");
        org.yidan.settlement.sheet.VisitFacts q = ((Message.Settle) EncounterReader.read(n, "f.json")).patient();
        assertEquals(List.of(new org.yidan.settlement.sheet.VisitFacts.Diagnosis("I63.9", null)), q.diagnoses());
        assertEquals("NEU", q.dept());
        assertEquals("男", q.sex());
        // none sent: none
        ObjectNode without = example();
        without.remove("patient");
        assertEquals(null, ((Message.Settle) EncounterReader.read(without, "f.json")).patient());
        // wrong: said where, and nothing is settled
        assertEquals(List.of("f.json: patient.gend: '3' 不是性别代码，应为 1 男、2 女、0 未知的性别、9 未说明的性别 之一（或直接写汉字）"),
                problems(x -> ((ObjectNode) x.get("patient")).put("gend", "3")));
        assertEquals(List.of("f.json: patient.colour: 未知字段"), problems(x -> ((ObjectNode) x.get("patient")).put("colour", "red")));
        assertEquals(List.of("f.json: patient.adm_bed: 长 101 个字符，最多 100 个"),
                problems(x -> ((ObjectNode) x.get("patient")).put("adm_bed", "床".repeat(101))));
        assertEquals(List.of("f.json: patient.diseinfo[0].diag_code: 缺少必填字段"),
                problems(x -> ((ObjectNode) x.get("patient").get("diseinfo").get(0)).remove("diag_code")));
    }

    @Test
    void eachProblemNamesItsField() throws Exception {
        assertEquals(List.of("f.json: psn_no: 缺少必填字段"), problems(n -> n.remove("psn_no")));
        assertEquals(List.of("f.json: feedetail[1].cnt: 不是数字：'abc'"),
                problems(n -> ((ObjectNode) n.get("feedetail").get(1)).put("cnt", "abc")));
        assertEquals(List.of("f.json: feedetail[0].det_item_fee_sumamt: 不能为负数：-660.00"),
                problems(n -> ((ObjectNode) n.get("feedetail").get(0)).put("det_item_fee_sumamt", new java.math.BigDecimal("-660.00"))));
        assertEquals(List.of("f.json: endtime: 出院时间 2024-02-01 早于入院时间 2024-03-01"),
                problems(n -> n.put("endtime", "2024-02-01")));
        assertEquals(List.of("f.json: feedetail[2].chrgitm_lv: 未知的收费项目等级 '04'，应为 01 甲类、02 乙类、03 丙类"),
                problems(n -> ((ObjectNode) n.get("feedetail").get(2)).put("chrgitm_lv", "04")));
        assertEquals(List.of("f.json: med_type: '99' 不是可用的代码，应为 11、14、21 之一"), problems(n -> n.put("med_type", "99")));
        assertEquals(List.of("f.json: deposit: 金额最多两位小数（精确到分）：1.005"),
                problems(n -> n.put("deposit", new java.math.BigDecimal("1.005"))));
        assertEquals(List.of("f.json: insu_admdvs: 'Liaocheng' 不是 6 位医保区划代码"),
                problems(n -> n.put("insu_admdvs", "Liaocheng")));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        List<String> p = problems(n -> {
            n.remove("mdtrt_id");
            n.put("begntime", "yesterday");
            n.put("colour", "red");
            ((ObjectNode) n.get("feedetail").get(0)).put("det_item_fee_sumamt", "661.00");
        });
        assertEquals(4, p.size(), p.toString());
        assertTrue(p.contains("f.json: colour: 未知字段"));
        assertTrue(p.contains("f.json: mdtrt_id: 缺少必填字段"));
        assertTrue(p.contains("f.json: begntime: 'yesterday' 不是日期（应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM:SS）"));
        assertTrue(p.contains("f.json: feedetail[0].det_item_fee_sumamt: 661.00 与 cnt × pric = 660 不符"));
    }

    @Test
    void badJsonNamesLineAndColumn(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, "{\n  \"mdtrt_id\": \"X\",\n  \"psn_no\" \"Y\"\n}");
        var ex = assertThrows(InputException.class, () -> EncounterReader.readFile(f));
        assertTrue(ex.getMessage().startsWith(f + ":3:"), ex.getMessage());
    }

    @Test
    void cancel() {
        Message m = EncounterReader.read(Json.MAPPER.createObjectNode().put("action", "cancel").put("mdtrt_id", "V1"), "c");
        assertEquals("V1", assertInstanceOf(Message.Cancel.class, m).mdtrtId());
        var ex = assertThrows(InputException.class, () -> EncounterReader.read(Json.MAPPER.createObjectNode().put("action", "refund"), "c"));
        assertEquals(List.of("c: action: 'refund' 不是 admit（入院）、settle（结算）或 cancel（撤销）"), ex.problems());
    }
}

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

    @Test
    void eachProblemNamesItsField() throws Exception {
        assertEquals(List.of("f.json: psn_no: required field is missing"), problems(n -> n.remove("psn_no")));
        assertEquals(List.of("f.json: feedetail[1].cnt: not a number: 'abc'"),
                problems(n -> ((ObjectNode) n.get("feedetail").get(1)).put("cnt", "abc")));
        assertEquals(List.of("f.json: feedetail[0].det_item_fee_sumamt: must not be negative: -660.00"),
                problems(n -> ((ObjectNode) n.get("feedetail").get(0)).put("det_item_fee_sumamt", new java.math.BigDecimal("-660.00"))));
        assertEquals(List.of("f.json: endtime: discharge 2024-02-01 is before admission 2024-03-01"),
                problems(n -> n.put("endtime", "2024-02-01")));
        assertEquals(List.of("f.json: feedetail[2].chrgitm_lv: unknown class '04'; 01 甲类, 02 乙类, 03 丙类"),
                problems(n -> ((ObjectNode) n.get("feedetail").get(2)).put("chrgitm_lv", "04")));
        assertEquals(List.of("f.json: med_type: '99' is not one of [11, 14, 21]"), problems(n -> n.put("med_type", "99")));
        assertEquals(List.of("f.json: deposit: an amount has at most two decimals (fen): 1.005"),
                problems(n -> n.put("deposit", new java.math.BigDecimal("1.005"))));
        assertEquals(List.of("f.json: insu_admdvs: 'Liaocheng' is not a 6-digit division code"),
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
        assertTrue(p.contains("f.json: colour: unknown field"));
        assertTrue(p.contains("f.json: mdtrt_id: required field is missing"));
        assertTrue(p.contains("f.json: begntime: 'yesterday' is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)"));
        assertTrue(p.contains("f.json: feedetail[0].det_item_fee_sumamt: 661.00 does not match cnt × pric = 660"));
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
        assertEquals(List.of("c: action: 'refund' is not admit, settle or cancel"), ex.problems());
    }
}

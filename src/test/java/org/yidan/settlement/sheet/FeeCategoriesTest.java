package org.yidan.settlement.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.policy.PolicyFileException;

/** 费用分类 by mappings/fee-categories.yaml: the longest prefix of the item code; the README's example stay by hand. */
class FeeCategoriesTest {
    static final FeeCategories CATEGORIES = FeeCategories.load(Path.of("mappings/fee-categories.yaml"));

    @Test
    void theLongestPrefixWins() {
        assertEquals("bed", CATEGORIES.categoryOf("110900001"));
        assertEquals("nursing", CATEGORIES.categoryOf("120100002"));     // 1201 before 12
        assertEquals("treatment", CATEGORIES.categoryOf("120400001"));   // 12
        assertEquals("surgery", CATEGORIES.categoryOf("330100"));
        assertEquals("western_drugs", CATEGORIES.categoryOf("XB01AC"));
        assertEquals("materials", CATEGORIES.categoryOf("C999"));
        assertEquals("other", CATEGORIES.categoryOf("ABC"));
        assertEquals("other", CATEGORIES.categoryOf(null));
    }

    /**
     * The example stay's four lines (conformance-tests/examples/liaocheng-dibao-inpatient.json): 床位 110900001
     * 660.00 甲; 乙类药品 XB01AC 3,000.00 乙; 手术 330100 30,000.00 甲; 丙类耗材 C999 1,340.00 丙. In the file's order of
     * categories: 床位费 660.00 (甲), 手术费 30,000.00 (甲), 卫生材料费 1,340.00 (丙), 西药费 3,000.00 (乙); together
     * 35,000.00, the bill's 医疗费总额.
     */
    @Test
    void theExampleStayByCategory() {
        List<FeeCategories.Row> rows = CATEGORIES.split(SheetFactsTest.example().feedetail());
        assertEquals(List.of(
                row("bed", "床位费", 1, "660.00", "660.00", "0.00", "0.00"),
                row("surgery", "手术费", 1, "30000.00", "30000.00", "0.00", "0.00"),
                row("materials", "卫生材料费", 1, "1340.00", "0.00", "0.00", "1340.00"),
                row("western_drugs", "西药费", 1, "3000.00", "0.00", "3000.00", "0.00")), rows);
        assertEquals(new BigDecimal("35000.00"), rows.stream().map(FeeCategories.Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void aPrefixToAnUnknownCategoryIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fee-categories.yaml");
        Files.writeString(f, "categories:\n  bed: 床位费\n  other: 其他费\nprefixes:\n  \"1109\": bed\n  \"X\": drugs\n");
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> FeeCategories.load(f));
        assertEquals(f + ":6: prefixes.X: 'drugs' 不是已有类别：bed、other", e.getMessage());
    }

    private static FeeCategories.Row row(String code, String name, int n, String amt, String a, String b, String c) {
        return new FeeCategories.Row(code, name, n, new BigDecimal(amt), new BigDecimal(a), new BigDecimal(b), new BigDecimal(c));
    }
}

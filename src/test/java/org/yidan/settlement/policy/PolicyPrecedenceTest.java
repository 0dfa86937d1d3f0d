package org.yidan.settlement.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.TestData.d;
import static org.yidan.settlement.TestData.enc;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Param;
import org.yidan.settlement.core.Policy;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.core.Rule;
import org.yidan.settlement.core.RuleKind;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.ledger.InMemoryLedger;

/** policies/ as a policy officer writes them: explicit precedence, twins by insurance type, dated series, clauses. */
class PolicyPrecedenceTest {
    @TempDir
    Path tmp;
    int copies;

    PolicySet load(String file, String from, String to) throws IOException {
        return PolicyLoader.load(PolicyLoaderTest.edited(tmp.resolve("p" + (++copies)), file, from, to), Path.of("mappings"));
    }

    PolicyFileException refused(String file, String from, String to) throws IOException {
        Path pol = PolicyLoaderTest.edited(tmp.resolve("p" + (++copies)), file, from, to);
        return assertThrows(PolicyFileException.class, () -> PolicyLoader.load(pol, Path.of("mappings")));
    }

    static Rule rule(Policy p, RuleKind kind, String id) {
        return p.rules(kind).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    static void eq(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }

    @Test
    void twoRulesThatCouldBothApplyWithoutAPriorityAreRefused() throws IOException {
        // 乌海 三(二)3 重特大疾病 (dx_group wuhai-major, inpatient) and 三(二)2(1) 普通疾病 (inpatient, any diagnosis) both
        // take a 低保 inpatient with a major-illness diagnosis: without its priority the file is refused, naming both.
        var ex = refused("150300-wuhai.yaml", "    priority: 1\n", "");
        assertTrue(ex.getMessage().contains("规则 'assist-major-key'（第 ") && ex.getMessage().contains("与 'assist-ordinary-key' 在 priority")
                && ex.getMessage().contains("可能同时适用于一次住院"), ex.getMessage());
        assertTrue(ex.getMessage().contains("150300-wuhai.yaml:"), ex.getMessage());
        // in and out of the area exclude each other; 菏泽's out-of-city rule overlaps the in-city one (area any)
        var ex2 = refused("371700-heze.yaml", "    priority: 1\n", "");
        assertTrue(ex2.getMessage().contains("'assist-out-of-city-jiandang'") && ex2.getMessage().contains("'assist-jiandang'"), ex2.getMessage());
    }

    @Test
    void priorityNotFileOrderDecides() throws IOException {
        // 菏医保函〔2020〕10号 四 (priority 1) is listed first; give the in-city 二 三是 rule priority 2 and it wins even for a
        // hospital outside the city though listed later: 4150 × 70% = 2905.00 instead of 4150 × 40% = 1660.00 (figures of
        // SettlerTest.hezeOutOfCityPaysFortyPercent: in scope 10000, basic 5850, critical illness 0).
        PolicySet edited = load("371700-heze.yaml", "  - id: assist-jiandang\n    kind: assistance\n",
                "  - id: assist-jiandang\n    kind: assistance\n    priority: 2\n");
        Bill b = new Settler(edited, new InMemoryLedger(java.time.Clock.systemUTC()))
                .settle(enc().psn("P-HZ").region("371700").hospital("370102").cats("JIANDANG").a("10000").build()).bill();
        eq("2905.00", b.setlinfo().mafPay());
        assertEquals("assist-jiandang", b.setldetail().stream().filter(r -> r.fundPayType().equals("610100"))
                .findFirst().orElseThrow().working().get(0).rule());
    }

    @Test
    void oneRuleForTwoInsuranceTypes() {
        // 聊政办发〔2022〕5号 三(二) is written once (ci-{insutype}-poor) and stands for 390 and 310, each tilting its own
        // ordinary rule: 职工 ci-310 (鲁, illustrative) deductible 10000 × 0.5 = 5000, 75% + 5 points = 80%, no cap.
        Policy p = PolicyLoader.load(Path.of("policies"), Path.of("mappings")).resolve("371500", LocalDate.of(2024, 1, 1));
        Rule r390 = rule(p, RuleKind.CRITICAL_ILLNESS, "ci-390-poor");
        Rule r310 = rule(p, RuleKind.CRITICAL_ILLNESS, "ci-310-poor");
        assertEquals(java.util.Set.of("390"), r390.insutypes());
        assertEquals(java.util.Set.of("310"), r310.insutypes());
        assertEquals("ci-310", r310.pool());
        eq("5000", r310.schedule().deductible());
        eq("0.80", r310.schedule().segments().get(0).rate());
        assertNull(r310.schedule().cap());
        assertEquals("sd-310", rule(p, RuleKind.SPECIAL_DRUG, "sd-310-poor").pool());
        assertTrue(r390.quote().startsWith("特困人员、低保对象、返贫致贫人口中的参保居民和职工大病保险年度起付标准"), r390.quote());
        assertEquals("聊政办发〔2022〕5号 三(二)", r390.clause());
    }

    @Test
    void aDatedSeriesIsOneLinePerChange() throws IOException {
        // assist-dibao-tekun's rate as a series: 70% from 2022-12-27, 80% from 2025-01-01 (a made-up change).
        PolicySet set = load("371500-liaocheng.yaml", "    deductible: 0\n    rate: 0.70\n    cap: 30000\n",
                "    deductible: 0\n    rate: {2022-12-27: 0.70, 2025-01-01: 0.80}\n    cap: 30000\n");
        Rule before = rule(set.resolve("371500", LocalDate.of(2024, 12, 31)), RuleKind.ASSISTANCE, "assist-dibao-tekun");
        Rule after = rule(set.resolve("371500", LocalDate.of(2025, 1, 1)), RuleKind.ASSISTANCE, "assist-dibao-tekun");
        eq("0.70", before.schedule().segments().get(0).rate());
        eq("0.80", after.schedule().segments().get(0).rate());
        assertEquals(LocalDate.of(2025, 1, 1), after.from());
        Param rate = after.params().stream().filter(x -> x.name().equals("rate")).findFirst().orElseThrow();
        Param cap = after.params().stream().filter(x -> x.name().equals("cap")).findFirst().orElseThrow();
        assertEquals(LocalDate.of(2025, 1, 1), rate.from());
        assertEquals(LocalDate.of(2022, 12, 27), cap.from());   // unchanged values keep their own date
        // The README example (SettlerTest.liaochengDibaoInpatient) discharged in 2025: in scope 33360, basic 21034.00,
        // critical illness 3136.90, assistance base 12326 − 3136.90 = 9189.10 × 80% = 7351.28; re-assistance
        // 9189.10 − 7351.28 = 1837.82 < 5000 → 0; patient 35000 − 21034 − 3136.90 − 7351.28 = 3477.82.
        Settler s = new Settler(set, new InMemoryLedger(java.time.Clock.systemUTC()));
        Bill b = s.settle(enc().id("EX1").psn("P-EX").region("371500").hospital("371502").cats("DIBAO").discharged(2025, 3, 12)
                .a("660.00").a("30000.00").b("3000.00").c("1340.00").build()).bill();
        eq("21034.00", b.setlinfo().hifpPay());
        eq("3136.90", b.setlinfo().hifmiPay());
        eq("7351.28", b.setlinfo().mafPay());
        eq("3477.82", b.setlinfo().psnPartAmt());
    }

    @Test
    void aDatedSeriesStartsOnTheRulesDate() throws IOException {
        var ex = refused("371500-liaocheng.yaml", "    deductible: 0\n    rate: 0.70\n    cap: 30000\n",
                "    deductible: 0\n    rate: 0.70\n    cap: {2023-01-01: 30000}\n");
        assertTrue(ex.getMessage().contains("rules[2].cap: 按日期分段的值须从规则的 from 日期（2022-12-27）开始，而不是 2023-01-01"), ex.getMessage());
        var ex2 = refused("371500-liaocheng.yaml", "    deductible: 0\n    rate: 0.70\n    cap: 30000\n",
                "    deductible: 0\n    rate: 0.70\n    cap: {2022-12-27: 30000, value: 1}\n");
        assertTrue(ex2.getMessage().contains("只能以日期为键"), ex2.getMessage());
    }

    @Test
    void aClauseIsADocumentAndArticle() throws IOException {
        var ex = refused("371500-liaocheng.yaml", "clause: 聊政办发〔2022〕5号 三(四)2", "clause: 三(四)2");
        assertTrue(ex.getMessage().contains("rules.assist-edge.clause: '三(四)2' 不是本地区或上级地区的文件"), ex.getMessage());
        // an illustrative rule cites no clause: what it stands for is in 'illustrative', a borrowed clause in 'note'
        var ex2 = refused("370000-shandong.yaml", "    illustrative: 职工大额特药\n", "    illustrative: 职工大额特药\n    clause: 鲁医保发〔2019〕69号 二\n");
        assertTrue(ex2.getMessage().contains("示例规则不出自任何文件"), ex2.getMessage());
    }

    @Test
    void theBillsClauseForAnIllustrativeRuleSaysSoInChinese() {
        // An illustrative rule's clause: what it stands for, that no document sets it, and what it borrows (the note).
        Policy p = PolicyLoader.load(Path.of("policies"), Path.of("mappings")).resolve("371300", LocalDate.of(2024, 1, 1));
        assertEquals("示例参数：居民基本医保住院统筹（政策文件未规定）；转诊连续计算起付线 鲁医保发〔2019〕69号 二(二)5",
                rule(p, RuleKind.BASIC, "basic-390-inpatient").clause());
        assertEquals("示例参数：居民大病保险特药 普通参保人员起付线（政策文件未规定；支付比例和封顶线按鲁医保发〔2019〕69号 二(二)2 四是）",
                rule(p, RuleKind.SPECIAL_DRUG, "sd-390").clause());
        Rule ci = rule(p, RuleKind.CRITICAL_ILLNESS, "ci-390-poor");
        assertEquals(List.of(), ci.params().stream().filter(Param::illustrative).toList());
    }
}

package org.yidan.settlement.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.core.Param;
import org.yidan.settlement.core.Policy;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.core.Rule;
import org.yidan.settlement.core.RuleKind;
import org.yidan.settlement.core.RuleStatus;

class PolicyLoaderTest {
    @TempDir
    Path tmp;
    int copies;

    PolicySet real() {
        return PolicyLoader.load(Path.of("policies"), Path.of("mappings"));
    }

    @Test
    void everyParameterHasADateAndAClause() {
        PolicySet set = real();
        assertEquals(6, set.regions().size());
        for (var region : set.regions().values()) {
            for (Rule r : region.rules()) {
                assertNotNull(r.clause(), r.id());
                for (Param p : r.params()) {
                    assertNotNull(p.from(), r.id() + "." + p.name());
                    assertTrue(p.illustrative() || p.clause().contains("号"), r.id() + "." + p.name() + ": " + p.clause());
                }
            }
        }
    }

    @Test
    void aCityReplacesItsProvincesRuleOnlyWhileInForce() {
        PolicySet set = real();
        // 聊城 before 聊政办发〔2022〕5号 (2022-12-27): the provincial assistance cap 10000 (鲁医保发〔2019〕69号 二(二)3 三是)
        Policy before = set.resolve("371500", LocalDate.of(2022, 12, 26));
        Rule a = before.rules(RuleKind.ASSISTANCE).stream().filter(r -> r.id().equals("assist-dibao-tekun")).findFirst().orElseThrow();
        assertEquals(0, a.schedule().cap().compareTo(new java.math.BigDecimal("10000")));
        assertEquals("370000", a.region());
        Policy after = set.resolve("371500", LocalDate.of(2022, 12, 27));
        Rule b = after.rules(RuleKind.ASSISTANCE).stream().filter(r -> r.id().equals("assist-dibao-tekun")).findFirst().orElseThrow();
        assertEquals(0, b.schedule().cap().compareTo(new java.math.BigDecimal("30000")));
        // the tilt: ordinary deductible 15000 (illustrative) halved, 60% + 5 points, no cap (三(二))
        Rule ci = after.rules(RuleKind.CRITICAL_ILLNESS).stream().filter(r -> r.id().equals("ci-390-poor")).findFirst().orElseThrow();
        assertEquals(0, ci.schedule().deductible().compareTo(new java.math.BigDecimal("7500")));
        assertEquals(0, ci.schedule().segments().get(0).rate().compareTo(new java.math.BigDecimal("0.65")));
        assertEquals(null, ci.schedule().cap());
        // a county code falls back to its city
        assertEquals("371500", set.resolve("371502", LocalDate.of(2024, 1, 1)).region());
    }

    @Test
    void unsetRulesAreMarked() {
        Policy linyi = real().resolve("371300", LocalDate.of(2020, 5, 1));
        Rule r = linyi.rules(RuleKind.ASSISTANCE).stream().filter(x -> x.id().equals("assist-jiandang")).findFirst().orElseThrow();
        assertEquals(RuleStatus.UNSET, r.status());
    }

    /** Copies the real policies to a temp dir, replaces text in one file, and loads. */
    PolicyFileException broken(String file, String from, String to) throws IOException {
        Path pol = edited(tmp.resolve("policies" + (++copies)), file, from, to);
        return assertThrows(PolicyFileException.class, () -> PolicyLoader.load(pol, Path.of("mappings")));
    }

    /** A copy of the real policies in {@code pol} with the first {@code from} in one file replaced by {@code to}. */
    static Path edited(Path pol, String file, String from, String to) throws IOException {
        Files.createDirectories(pol);
        try (Stream<Path> s = Files.list(Path.of("policies"))) {
            for (Path p : s.toList()) if (!Files.exists(pol.resolve(p.getFileName()))) Files.copy(p, pol.resolve(p.getFileName()));
        }
        Path f = pol.resolve(file);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), "test setup: " + from);
        Files.writeString(f, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
        return pol;
    }

    static int lineOf(String file, String text) throws IOException {
        var lines = Files.readAllLines(Path.of("policies", file), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text);
    }

    @Test
    void aRateAboveOneNamesFileLineAndField() throws IOException {
        var ex = broken("371500-liaocheng.yaml", "rate: 0.50", "rate: 5.0");
        int line = lineOf("371500-liaocheng.yaml", "rate: 0.50");
        // assist-edge is the 4th entry of the file's rules list (ci-{insutype}-poor, sd-{insutype}-poor, assist-dibao-tekun before it)
        assertTrue(ex.getMessage().contains("371500-liaocheng.yaml:" + line + ": rules[3].rate: 比例必须在 0 到 1 之间"), ex.getMessage());
    }

    @Test
    void aTypoInAFieldName() throws IOException {
        var ex = broken("331000-taizhou.yaml", "    deductible: 0\n    rate: 1.00\n    cap: 600", "    deductable: 0\n    rate: 1.00\n    cap: 600");
        assertTrue(ex.getMessage().contains("未知字段 'deductable'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("331000-taizhou.yaml:"), ex.getMessage());
    }

    @Test
    void anUnknownCategory() throws IOException {
        var ex = broken("150300-wuhai.yaml", "categories: [LOW_INCOME]", "categories: [LOWINCOME]");
        assertTrue(ex.getMessage().contains("未知类别 'LOWINCOME'"), ex.getMessage());
        assertTrue(ex.getMessage().contains(".categories"), ex.getMessage());
    }

    @Test
    void aMissingClause() throws IOException {
        var ex = broken("371700-heze.yaml", "    clause: 菏医保函〔2020〕10号 一\n", "");
        assertTrue(ex.getMessage().contains("clause: 缺少必填字段"), ex.getMessage());
    }

    @Test
    void aTiltOfAnUnknownRule() throws IOException {
        // ci-{insutype}-poor for 390 then tilts ci-9390
        var ex = broken("371500-liaocheng.yaml", "tilt: {of: \"ci-{insutype}\",", "tilt: {of: \"ci-9{insutype}\",");
        assertTrue(ex.getMessage().contains("'ci-9390'"), ex.getMessage());
    }

    @Test
    void brokenYamlAndBadDates() throws IOException {
        var ex = broken("371300-linyi.yaml", "rules: []", "rules: [");
        assertTrue(ex.getMessage().contains("371300-linyi.yaml:") && ex.getMessage().contains("不是有效的 YAML："), ex.getMessage());
        var ex2 = broken("371700-heze.yaml", "from: 2020-01-01}", "from: 2020-13-01}");
        assertTrue(ex2.getMessage().contains("不是日期（YYYY-MM-DD）"), ex2.getMessage());
    }

    @Test
    void anUnknownParentOrDiagnosisGroup() throws IOException {
        var ex = broken("371300-linyi.yaml", "parent: \"370000\"", "parent: \"379900\"");
        assertTrue(ex.getMessage().contains("parent: 上级地区 '379900' 没有政策文件"), ex.getMessage());
        var ex2 = broken("150300-wuhai.yaml", "dx_group: wuhai-major\n    pool", "dx_group: wuhai-majr\n    pool");
        assertTrue(ex2.getMessage().contains("未知病种组 'wuhai-majr'"), ex2.getMessage());
    }
}

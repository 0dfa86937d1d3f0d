package org.yidan.settlement.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.core.Policy;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.core.Rule;

/**
 * A rule's Chinese name (what the clerk reads instead of its id), worked out from the policy files: what the rule
 * pays, for whom (policies/categories.yaml's names), for which visits and where; an illustrative rule by what it
 * stands for.
 */
class RuleNamesTest {
    static final PolicySet POLICIES = PolicyLoader.load(Path.of("policies"), Path.of("mappings"));

    static String name(String region, String id) {
        Policy p = POLICIES.resolve(region, LocalDate.of(2024, 6, 1));
        return p.rules().stream().filter(r -> r.id().equals(id)).findFirst().map(Rule::displayName).orElseThrow();
    }

    @Test
    void namesSayWhatForWhomAndWhere() {
        // 聊政办发〔2022〕5号 三(四)1: 特困人员、低保对象、返贫致贫人口 (categories TEKUN, DIBAO, FANPIN), inpatient and chronic
        assertEquals("特困人员、低保对象、返贫致贫人口医疗救助（门诊慢特病、普通住院）", name("371500", "assist-dibao-tekun"));
        assertEquals("特困人员、低保对象、返贫致贫人口再救助（门诊慢特病、普通住院）", name("371500", "reassist-poor"));
        // 五: 先诊疗后付费 for them, inpatients treated in the city
        assertEquals("特困人员、低保对象、返贫致贫人口先诊疗后付费（普通住院，统筹区内就医）", name("371500", "deposit-free"));
        // 菏泽: 建档立卡 treated outside the city
        assertEquals("建档立卡贫困人口医疗救助（普通住院，统筹区外就医）", name("371700", "assist-out-of-city-jiandang"));
        // more than three categories: the first three and 等; the critical-illness tilt in one bracket with the visits
        assertEquals("居民大病保险（建档立卡贫困人口、特困人员、低保对象等倾斜，门诊慢特病、普通住院）", name("371300", "ci-390-poor"));
        // an age limit (鲁医保发〔2019〕69号: PKU special food for those 18 and under)
        assertEquals("苯丙酮酸尿症特殊治疗食品救助（18 周岁及以下）", name("371500", "pku-minor"));
        // an illustrative rule: what it stands for
        assertEquals("居民基本医保住院统筹", name("371500", "basic-390-inpatient"));
    }
}

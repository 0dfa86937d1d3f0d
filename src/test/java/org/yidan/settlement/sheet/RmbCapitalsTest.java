package org.yidan.settlement.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 大写金额, worked by hand from the People's Bank of China's rules (《正确填写票据和结算凭证的基本规定》 二): the rule's
 * own examples (¥1409.50, ¥6007.14, ¥1680.32, ¥107000.53, ¥16409.02, ¥325.04, ¥15.80), the (肆仟叁佰玖拾陆元
 * 柒角叁分, 壹万零伍元整), and zeros in each place and across 万 and 亿.
 */
class RmbCapitalsTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            // the rule's examples: a zero between digits is 零; several zeros one 零
            "1409.50, 壹仟肆佰零玖元伍角",
            "6007.14, 陆仟零柒元壹角肆分",
            // the yuan's trailing zeros: no 零 before 角 (the rules allow it either way)
            "1680.32, 壹仟陆佰捌拾元叁角贰分",
            // 万 place zero, thousands not: one 零 (allowed either way: 壹拾万零柒仟 / 壹拾万柒仟)
            "107000.53, 壹拾万零柒仟元伍角叁分",
            // 角 zero, 分 not: 元零…分
            "16409.02, 壹万陆仟肆佰零玖元零贰分",
            "325.04, 叁佰贰拾伍元零肆分",
            // a leading 1 of tens is 壹拾; no 整 after 角
            "15.80, 壹拾伍元捌角",
            // the examples: the README's bill's cash share; 整 after 元
            "4396.73, 肆仟叁佰玖拾陆元柒角叁分",
            "10005, 壹万零伍元整",
            "10005.00, 壹万零伍元整",
            // zeros
            "0, 零元整",
            "0.00, 零元整",
            "0.05, 伍分",
            "0.50, 伍角",
            "0.58, 伍角捌分",
            "20, 贰拾元整",
            "100, 壹佰元整",
            "101, 壹佰零壹元整",
            "110, 壹佰壹拾元整",
            "10000, 壹万元整",
            "100000, 壹拾万元整",
            "1005000, 壹佰万零伍仟元整",
            "1500000, 壹佰伍拾万元整",
            "35000.00, 叁万伍仟元整",
            "30603.27, 叁万零陆佰零叁元贰角柒分",
            "100000000, 壹亿元整",
            "100000005, 壹亿零伍元整",
            "100010000, 壹亿零壹万元整",
            "123456789.12, 壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分",
            // rounded to the fen, half up
            "12.345, 壹拾贰元叁角伍分",
    })
    void capitals(String amount, String words) {
        assertEquals(words, RmbCapitals.of(new BigDecimal(amount)));
    }

    @ParameterizedTest
    @CsvSource({"-0.01", "1000000000000"})
    void outOfRange(String amount) {
        assertThrows(IllegalArgumentException.class, () -> RmbCapitals.of(new BigDecimal(amount)));
    }
}

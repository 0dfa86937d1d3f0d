package org.yidan.settlement.sheet;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of yuan in Chinese capitals (大写金额), as a bill or receipt writes it, after the People's Bank of China's
 * rules for filling in payment documents (《正确填写票据和结算凭证的基本规定》):
 * <ul>
 *   <li>digits 零壹贰叁肆伍陆柒捌玖, places 拾佰仟, groups 万亿, then 元角分; a leading 1 of tens is written 壹拾
 *       (¥15.80: 壹拾伍元捌角);</li>
 *   <li>zeros between digits are one 零 however many there are (¥1409.50: 壹仟肆佰零玖元伍角; ¥10005: 壹万零伍元整),
 *       trailing zeros of the yuan none (¥1680.32: 壹仟陆佰捌拾元叁角贰分, the rules allowing the 零 either way);</li>
 *   <li>整 after 元 when there are no 角 and 分; none after 角 or 分; 角 zero and 分 not: 元零…分
 *       (¥16409.02: 壹万陆仟肆佰零玖元零贰分).</li>
 * </ul>
 * Rounded to the fen first (half up); not negative; below a trillion yuan.
 */
public final class RmbCapitals {
    private static final String DIGITS = "零壹贰叁肆伍陆柒捌玖";
    private static final String[] PLACES = {"", "拾", "佰", "仟"};
    private static final String[] GROUPS = {"", "万", "亿"};

    private RmbCapitals() {}

    /** The amount in capitals, e.g. 4396.73 → 肆仟叁佰玖拾陆元柒角叁分; 0 → 零元整. */
    public static String of(BigDecimal yuan) {
        BigDecimal v = yuan.setScale(2, RoundingMode.HALF_UP);
        if (v.signum() < 0) throw new IllegalArgumentException("a negative amount has no capitals: " + v);
        if (v.compareTo(new BigDecimal("1000000000000")) >= 0) throw new IllegalArgumentException("too large: " + v);
        long fen = v.movePointRight(2).longValueExact();
        long whole = fen / 100;
        int jiao = (int) (fen / 10 % 10);
        int cents = (int) (fen % 10);
        if (fen == 0) return "零元整";
        StringBuilder out = new StringBuilder();
        if (whole > 0) out.append(whole(whole)).append('元');
        if (jiao == 0 && cents == 0) return out.append('整').toString();
        if (jiao > 0) out.append(DIGITS.charAt(jiao)).append('角');
        else if (whole > 0) out.append('零');
        if (cents > 0) out.append(DIGITS.charAt(cents)).append('分');
        return out.toString();
    }

    /** The yuan, group by group (亿, 万, the rest), one 零 for any run of zeros between digits and none at the end. */
    private static String whole(long n) {
        int[] groups = {(int) (n / 100_000_000), (int) (n / 10_000 % 10_000), (int) (n % 10_000)};
        StringBuilder out = new StringBuilder();
        boolean zero = false;
        for (int g = 0; g < 3; g++) {
            int v = groups[g];
            if (v == 0) {
                zero = out.length() > 0;
                continue;
            }
            if (out.length() > 0 && v < 1000) zero = true;
            for (int place = 3; place >= 0; place--) {
                int d = v / (int) Math.pow(10, place) % 10;
                if (d == 0) {
                    zero = zero || out.length() > 0;
                    continue;
                }
                if (zero) out.append('零');
                zero = false;
                out.append(DIGITS.charAt(d)).append(PLACES[place]);
            }
            out.append(GROUPS[2 - g]);
        }
        return out.toString();
    }
}

package org.yidan.settlement.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** FieldReader.isNumber accepts exactly what the pattern documented on it accepts. */
class Hl7NumberTest {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    @Test
    void sameAsThePattern() {
        List<String> samples = List.of("0", "12", "12.", "12.50", ".5", "+3", "-3.25", "", ".", "+", "-", "+.", "1.2.3", "1e3",
                "1,5", " 1", "1 ", "١٢", "１２", "0x1F", "--1", "+-1", "00.00", "NaN");
        for (String s : samples) assertEquals(NUMBER.matcher(s).matches(), FieldReader.isNumber(s), "'" + s + "'");
        // every string of up to 3 characters over the interesting alphabet
        String alphabet = "0.+-a";
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n <= 3; n++) {
            int[] idx = new int[n];
            while (true) {
                sb.setLength(0);
                for (int i : idx) sb.append(alphabet.charAt(i));
                String s = sb.toString();
                assertEquals(NUMBER.matcher(s).matches(), FieldReader.isNumber(s), "'" + s + "'");
                int k = n - 1;
                while (k >= 0 && ++idx[k] == alphabet.length()) idx[k--] = 0;
                if (k < 0) break;
            }
        }
    }
}

package org.yidan.settlement.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks personal data for bills and logs: a national ID keeps its last four characters. */
public final class Masking {
    /**
     * A national ID number standing alone (not inside a longer run of digits or letters): 18 characters (17 digits and
     * a digit or X) or the old 15 digits.
     */
    private static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[\\dXx]|\\d{15})(?![0-9A-Za-z])");

    private Masking() {}

    public static String certno(String certno) {
        if (certno == null) return null;
        int keep = Math.min(4, certno.length());
        return "*".repeat(certno.length() - keep) + certno.substring(certno.length() - keep);
    }

    /** The text with every national ID number in it masked as {@link #certno} masks one. */
    public static String ids(String s) {
        if (s == null || s.length() < 15) return s;
        Matcher m = ID.matcher(s);
        if (!m.find()) return s;
        StringBuilder sb = new StringBuilder();
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(certno(m.group(1))));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}

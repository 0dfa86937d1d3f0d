package org.yidan.settlement.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yidan.settlement.core.Masking;

/**
 * The log message with every national ID number masked (keep the last four), whatever logged it: a database error
 * quoting a value, a library echoing a message. Used as {@code %maskedMsg} in logback.xml. 18-character numbers
 * (17 digits and a digit or X) and the old 15-digit ones, standing alone (not inside a longer run of digits).
 */
public class MaskedMessage extends MessageConverter {
    private static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[\\dXx]|\\d{15})(?![0-9A-Za-z])");

    @Override
    public String convert(ILoggingEvent event) {
        return mask(super.convert(event));
    }

    public static String mask(String s) {
        if (s == null || s.length() < 15) return s;
        Matcher m = ID.matcher(s);
        if (!m.find()) return s;
        StringBuilder sb = new StringBuilder();
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(Masking.certno(m.group(1))));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}

package org.yidan.settlement.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.yidan.settlement.core.Masking;

/**
 * The log message with every national ID number masked (keep the last four), whatever logged it: a database error
 * quoting a value, a library echoing a message. Used as {@code %maskedMsg} in logback.xml. 18-character numbers
 * (17 digits and a digit or X) and the old 15-digit ones, standing alone (not inside a longer run of digits).
 */
public class MaskedMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return mask(super.convert(event));
    }

    public static String mask(String s) {
        return Masking.ids(s);
    }
}

package org.yidan.settlement.app;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * A logged exception's stack trace with national ID numbers masked as in {@link MaskedMessage}: an exception's own
 * message (a database error quoting a value, a parser echoing a field) is printed with the trace, past the message
 * converter (issue 10, D9). Used as {@code %maskedEx} in logback.xml.
 */
public class MaskedThrowable extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return MaskedMessage.mask(super.convert(event));
    }
}

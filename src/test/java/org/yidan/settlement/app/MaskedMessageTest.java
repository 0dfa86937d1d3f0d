package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Log messages lose every national ID number but its last four characters. */
class MaskedMessageTest {
    @Test
    void idNumbersAreMaskedWhereverTheyStand() {
        assertEquals("certno **************4321 refused", MaskedMessage.mask("certno 371502198003154321 refused"));
        assertEquals("a: **************432X, b: ***********1234.", 
                MaskedMessage.mask("a: 37150219800315432X, b: 371502800311234."));
        assertEquals("Value too long: '**************4321'", MaskedMessage.mask("Value too long: '371502198003154321'"));
        // not an ID number: longer or shorter runs of digits, and words with digits
        assertEquals("seq 12345678901234567890", MaskedMessage.mask("seq 12345678901234567890"));
        assertEquals("visit EX-LC-0001 1234567", MaskedMessage.mask("visit EX-LC-0001 1234567"));
        assertEquals("ABC371502198003154321", MaskedMessage.mask("ABC371502198003154321"));
    }

    /** A stack trace too: the exception's own message is printed with it, past the message converter (D9). */
    @Test
    void stackTracesAreMaskedToo() {
        ch.qos.logback.classic.LoggerContext ctx = new ch.qos.logback.classic.LoggerContext();
        ch.qos.logback.classic.Logger logger = ctx.getLogger("test");
        RuntimeException ex = new IllegalStateException("Value too long for column: '371502198003154321'",
                new RuntimeException("cause quotes 37150219800315432X"));
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent(
                "fqcn", logger, ch.qos.logback.classic.Level.ERROR, "failed", ex, null);
        MaskedThrowable c = new MaskedThrowable();
        c.setContext(ctx);
        c.start();
        String trace = c.convert(event);
        org.junit.jupiter.api.Assertions.assertTrue(trace.contains("'**************4321'") && trace.contains("**************432X"), trace);
        org.junit.jupiter.api.Assertions.assertTrue(!trace.contains("371502198003154321") && !trace.contains("37150219800315432X"), trace);
    }
}

package org.yidan.settlement.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How much one message may carry (yidan.limits; mappings/HL7.md "Limits"). Over a limit, a message is refused naming
 * the limit and nothing is stored: HL7 with AR and an ERR at the segment, JSON with 400 naming the field; a request
 * body over micronaut.server.max-request-size gets 413. Field lengths and number bounds are fixed (core.Limits).
 *
 * @param linesPerMessage charge lines (FT1, or feedetail entries) in one message
 * @param linesPerVisit   charge lines a visit may gather over all its DFT^P03
 */
@ConfigurationProperties("yidan.limits")
public record InputLimits(@Bindable(defaultValue = "5000") int linesPerMessage,
                          @Bindable(defaultValue = "50000") int linesPerVisit) {

    public InputLimits {
        if (linesPerMessage < 1 || linesPerVisit < linesPerMessage) {
            throw new IllegalArgumentException("yidan.limits: lines-per-message must be at least 1 and lines-per-visit at least that");
        }
    }
}

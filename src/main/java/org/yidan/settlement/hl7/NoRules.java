package org.yidan.settlement.hl7;

import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.validation.EncodingRule;
import ca.uhn.hl7v2.validation.MessageRule;
import ca.uhn.hl7v2.validation.PrimitiveTypeRule;
import ca.uhn.hl7v2.validation.ValidationContext;
import java.util.Collection;
import java.util.List;

/**
 * A HAPI validation context without any rule: fields are checked by {@link Hl7Reader} against the profile, with our
 * own error texts. HAPI's {@code noValidation()} still trims ST/FT/TX values and looks the rules up for every primitive
 * it sets in a synchronized cache keyed by a new string, which every parsing thread then waits on; values read here
 * are trimmed by {@link Segments#value} anyway.
 */
final class NoRules implements ValidationContext {
    static final NoRules INSTANCE = new NoRules();

    private NoRules() {}

    @Override
    public Collection<PrimitiveTypeRule> getPrimitiveRules(String version, String typeName, Primitive type) {
        return List.of();
    }

    @Override
    public Collection<MessageRule> getMessageRules(String version, String messageType, String triggerEvent) {
        return List.of();
    }

    @Override
    public Collection<EncodingRule> getEncodingRules(String version, String encoding) {
        return List.of();
    }
}

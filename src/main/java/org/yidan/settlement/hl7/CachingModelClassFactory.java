package org.yidan.settlement.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HAPI's canonical v2.5 model class factory with its look-ups remembered, misses included. HAPI looks a class up
 * for every segment it meets and does not remember a miss: each of our Z-segments (one ZFT per charge line) cost a
 * failed class load. With the cache a 500-line DFT^P03 parses several times faster.
 */
final class CachingModelClassFactory extends CanonicalModelClassFactory {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, Optional<Class<? extends Segment>>> segments = new ConcurrentHashMap<>();
    private final transient Map<String, Optional<Class<? extends Type>>> types = new ConcurrentHashMap<>();
    private final transient Map<String, Optional<Class<? extends Message>>> messages = new ConcurrentHashMap<>();

    CachingModelClassFactory() {
        super("2.5");
    }

    /** A HAPI look-up that may fail. */
    @FunctionalInterface
    private interface Lookup<C> {
        C find() throws HL7Exception;
    }

    private static <C> C cached(Map<String, Optional<C>> cache, String key, Lookup<C> lookup) throws HL7Exception {
        Optional<C> c = cache.get(key);
        if (c == null) {
            c = Optional.ofNullable(lookup.find());
            cache.put(key, c);
        }
        return c.orElse(null);
    }

    @Override
    public Class<? extends Segment> getSegmentClass(String name, String version) throws HL7Exception {
        return cached(segments, name + "|" + version, () -> super.getSegmentClass(name, version));
    }

    @Override
    public Class<? extends Type> getTypeClass(String name, String version) throws HL7Exception {
        return cached(types, name + "|" + version, () -> super.getTypeClass(name, version));
    }

    @Override
    public Class<? extends Message> getMessageClass(String name, String version, boolean isExplicit) throws HL7Exception {
        return cached(messages, name + "|" + version + "|" + isExplicit, () -> super.getMessageClass(name, version, isExplicit));
    }
}

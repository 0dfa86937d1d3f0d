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

    @Override
    public Class<? extends Segment> getSegmentClass(String name, String version) throws HL7Exception {
        Optional<Class<? extends Segment>> c = segments.get(name + "|" + version);
        if (c == null) {
            c = Optional.ofNullable(super.getSegmentClass(name, version));
            segments.put(name + "|" + version, c);
        }
        return c.orElse(null);
    }

    @Override
    public Class<? extends Type> getTypeClass(String name, String version) throws HL7Exception {
        Optional<Class<? extends Type>> c = types.get(name + "|" + version);
        if (c == null) {
            c = Optional.ofNullable(super.getTypeClass(name, version));
            types.put(name + "|" + version, c);
        }
        return c.orElse(null);
    }

    @Override
    public Class<? extends Message> getMessageClass(String name, String version, boolean isExplicit) throws HL7Exception {
        String key = name + "|" + version + "|" + isExplicit;
        Optional<Class<? extends Message>> c = messages.get(key);
        if (c == null) {
            c = Optional.ofNullable(super.getMessageClass(name, version, isExplicit));
            messages.put(key, c);
        }
        return c.orElse(null);
    }
}

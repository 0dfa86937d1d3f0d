package org.yidan.settlement.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.GenericComposite;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.GenericSegment;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import java.lang.reflect.Constructor;
import org.yidan.settlement.hl7.Segments.Shape;

/**
 * The HAPI side of {@link Segments}: a segment parsed by HAPI's own segment parser into its v2.5 structure (MSH
 * always; every segment in the reference reading), the shape of each structure, and a value read from it.
 */
final class HapiSegments {
    private HapiSegments() {}

    static final ClassValue<Constructor<? extends Segment>> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Constructor<? extends Segment> computeValue(Class<?> type) {
            try {
                return type.asSubclass(Segment.class).getConstructor(Group.class, ModelClassFactory.class);
            } catch (NoSuchMethodException ex) {
                throw new IllegalStateException(type + " has no (Group, ModelClassFactory) constructor", ex);
            }
        }
    };

    /** The shape of each v2.5 segment structure (one instance made per class). */
    static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            try {
                CachingModelClassFactory factory = new CachingModelClassFactory();
                Segment s = CONSTRUCTORS.get(type).newInstance(new GenericMessage.V25(factory), factory);
                boolean[] primitive = new boolean[s.numFields()];
                for (int f = 1; f <= primitive.length; f++) {
                    Type t = s.getField(f, 0);
                    primitive[f - 1] = t instanceof Primitive && !(t instanceof Varies);
                }
                return new Shape(primitive.length, primitive);
            } catch (ReflectiveOperationException | HL7Exception ex) {
                throw new IllegalStateException("cannot make " + type, ex);
            }
        }
    };

    /** One segment parsed by HAPI into its v2.5 structure (a {@link GenericSegment} when HAPI has none). */
    static Segment parse(Message parent, PipeParser parser, ModelClassFactory factory, Class<? extends Segment> type,
                                String name, String text, EncodingCharacters enc, int seq) throws HL7Exception {
        Segment seg;
        try {
            seg = type == null ? new GenericSegment(parent, name) : CONSTRUCTORS.get(type).newInstance(parent, factory);
        } catch (ReflectiveOperationException ex) {
            throw new HL7Exception("cannot make the HAPI structure of segment " + name + ": " + ex, ex);
        }
        parser.parse(seg, text, enc, seq);
        return seg;
    }

    /** A primitive's text, trimmed; null when empty or the HL7 null {@code ""}. */
    static String value(Type t, int component, int subcomponent) {
        Primitive pr = primitive(t, component, subcomponent);
        return Segments.clean(pr == null ? null : pr.getValue());
    }

    /**
     * The primitive at (component, subcomponent) of a field, as {@link Terser#getPrimitive(Type, int, int)} finds it:
     * directly for a standard primitive or composite, through Terser for the rest (extra components, Varies, generic
     * composites).
     */
    private static Primitive primitive(Type t, int component, int subcomponent) {
        if (t instanceof Primitive p && !(t instanceof Varies)) {
            if (component == 1 && subcomponent == 1) return p;
        } else if (t instanceof Composite c && !(t instanceof GenericComposite)) {
            Type[] comps = c.getComponents();
            if (component <= comps.length) {
                Type x = comps[component - 1];
                if (x instanceof Primitive p && !(x instanceof Varies) && subcomponent == 1) return p;
                if (x instanceof Composite c2 && !(x instanceof GenericComposite)) {
                    Type[] subs = c2.getComponents();
                    if (subcomponent <= subs.length && subs[subcomponent - 1] instanceof Primitive p
                            && !(subs[subcomponent - 1] instanceof Varies)) return p;
                }
            }
        }
        return Terser.getPrimitive(t, component, subcomponent);
    }
}

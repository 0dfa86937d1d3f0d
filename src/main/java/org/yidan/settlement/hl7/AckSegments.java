package org.yidan.settlement.hl7;

/**
 * Where {@link Hl7Acks} writes an acknowledgement: segments in order, each value by place. {@link AckText} writes HL7
 * text; the tests also write the same ACK into HAPI's objects and compare.
 */
interface AckSegments {
    /** A new segment at the end (MSH first, then MSA, ERR..., Z-segments). */
    Target add(String name);

    /** The ACK as HL7 text, each segment ended by \r. */
    String encode();

    /** One segment's values. */
    interface Target {
        /**
         * Sets a value (nothing when null or empty).
         *
         * @param field 1-based (MSH-1 is the field separator)
         * @param rep   0-based repetition
         * @param comp  1-based component
         * @param sub   1-based subcomponent
         */
        void set(int field, int rep, int comp, int sub, String v);
    }
}

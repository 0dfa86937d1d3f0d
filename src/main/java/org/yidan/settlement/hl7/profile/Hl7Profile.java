package org.yidan.settlement.hl7.profile;

import java.util.List;
import java.util.Map;

/**
 * The message profile as served (GET /api/hl7/profile) and as the conformance runner reads it back: per message the
 * segments in order, each with its usage and cardinality, and the fields read or written in it with their usage,
 * cardinality, HL7 v2.5 name, data type and length, the mapping's value (and its Chinese name), the code table and
 * the condition. Built by {@link ProfileBuilder} from the declaration ({@code hl7/profile.yaml}), the mapping file in
 * use and HAPI's v2.5 definitions. Plain data: Jackson writes and reads it.
 *
 * @param mapping  the mapping file whose places it shows
 * @param usage    usage code → its Chinese name
 * @param messages the inbound types, then what the service sends (ACK, ACK^A01, ACK^A03, ZBL^Z01)
 * @param tables   table name → code → meaning (for the mapping's tables: the sender's code → ours)
 */
public record Hl7Profile(String mapping, Map<String, String> usage, List<String> versions, List<Message> messages,
                         Map<String, Map<String, String>> tables) {

    /**
     * @param direction {@code inbound} (the HIS sends it) or {@code outbound} (the service sends it)
     * @param structure the HAPI v2.5 message structure inbound messages are read into (null outbound)
     * @param answer    the outbound message that answers it (null outbound)
     */
    public record Message(String type, String zh, String direction, String structure, String answer, List<Segment> segments) {
        public Segment segment(String id) {
            return segments.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
        }
    }

    /**
     * @param max       {@code 1} or {@code *}; for a segment that {@code follows} another: per occurrence of that one
     * @param group     the group of repeated segments it belongs to (lines, year_to_date, platform_rows), or null
     * @param follows   the segment it comes right after, once for each occurrence (ZFT after each FT1), or null
     * @param when      the condition that makes a conditional segment required, or null
     * @param condition the condition in words
     */
    public record Segment(String id, String zh, String usage, int min, String max, String group, String follows,
                          When when, String condition, List<Field> fields) {}

    /** Required when the field's first component is one of {@code in}. */
    public record When(String field, List<String> in) {}

    /**
     * @param path      where the value is, in the mapping's syntax (e.g. {@code PID-3(5=PN)-1}); for fields the service
     *                  writes: SEG-n
     * @param hl7Name   the field's name in HL7 v2.5 (null for a Z-segment's field)
     * @param datatype  the HL7 data type (for a Z-segment: ours)
     * @param length    the v2.5 maximum length (null when HL7 gives none)
     * @param max       repetitions allowed: {@code 1} or {@code *}
     * @param value     the mapping's value read from it (null for fields the service writes)
     * @param check     how the value is checked (text, code, date, money, …), or the format of what the service writes
     * @param table     the code table its values come from, or null
     * @param versions  the MSH-12 values it applies to, space separated (null: all)
     */
    public record Field(String path, int position, String hl7Name, String datatype, Integer length, String usage, int min,
                        String max, String value, String zh, String check, String table, String condition, String versions) {}

    public Message message(String type) {
        return messages.stream().filter(m -> m.type().equals(type)).findFirst().orElse(null);
    }
}

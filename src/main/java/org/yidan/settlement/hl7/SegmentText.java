package org.yidan.settlement.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escaping;

/**
 * One segment read straight from its text, without building HAPI's objects: the value at (field, repetition,
 * component, subcomponent) is the text between those separators, unescaped by the same {@link Escaping} HAPI's parser uses, which
 * is what HAPI's {@code PipeParser} puts in the primitive there (it splits fields, repetitions, components and
 * subcomponents the same way, empty pieces keep their place, and unescapes each subcomponent). {@code SegmentTextTest}
 * checks it against HAPI on generated and mutated messages.
 *
 * <p>Only the field starts are indexed when the segment is read (one pass); a value is found by scanning its field,
 * and a string is made only for a value asked for. Not for MSH (its first fields are the separators): HAPI reads it.
 */
final class SegmentText {
    private final String text;
    private final char fieldSep;
    private final char repSep;
    private final char compSep;
    private final char subSep;
    private final char escape;
    private final EncodingCharacters enc;
    private final Escaping escaping;
    /** fieldStart[i]: index of the first character of field i (field 0 is the segment id); one more entry for the end. */
    private final int[] fieldStart;
    /** The last field with text in it (HAPI adds a field for each such field past the standard ones). */
    private final int lastFilled;

    /** HAPI's parse of this segment, made once when a read needs it. */
    interface Parse {
        Segment parse() throws HL7Exception;
    }

    private final Parse parse;
    private Segment hapi;

    SegmentText(String text, EncodingCharacters enc, Escaping escaping, Parse parse) {
        this.text = text;
        this.parse = parse;
        this.enc = enc;
        this.escaping = escaping;
        this.fieldSep = enc.getFieldSeparator();
        this.repSep = enc.getRepetitionSeparator();
        this.compSep = enc.getComponentSeparator();
        this.subSep = enc.getSubcomponentSeparator();
        this.escape = enc.getEscapeCharacter();
        int[] starts = new int[16];
        int n = 1;     // fields so far, the segment id included
        int last = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != fieldSep) continue;
            if (n + 1 >= starts.length) starts = java.util.Arrays.copyOf(starts, starts.length * 2);
            if (n > 1 && i > starts[n - 1]) last = n - 1;    // the field that ends here has text
            starts[n++] = i + 1;
        }
        if (n > 1 && text.length() > starts[n - 1]) last = n - 1;
        starts[n] = text.length() + 1;
        this.fieldStart = java.util.Arrays.copyOf(starts, n + 1);
        this.lastFilled = last;
    }

    /** The segment as HAPI parses it (for the reads its text alone cannot answer: {@link Segments.Shape}). */
    Segment hapi() {
        if (hapi == null) {
            try {
                hapi = parse.parse();
            } catch (HL7Exception ex) {
                throw new IllegalArgumentException("cannot read " + text.substring(0, 3) + ": " + ex.getMessage(), ex);
            }
        }
        return hapi;
    }

    /** The last field that holds text (0 when none). */
    int lastFilledField() {
        return lastFilled;
    }

    private int fieldEnd(int field) {
        return fieldStart[field + 1] - 1;
    }

    /**
     * How many pieces field {@code field} has between repetition separators (none when it is empty). HAPI's parser
     * keeps each piece in its place and leaves out only an empty last one; an empty piece reads as no value either way,
     * so the values by repetition number are the same.
     */
    int repetitions(int field) {
        if (field >= fieldStart.length - 1) return 0;
        int start = fieldStart[field];
        int end = fieldEnd(field);
        if (end <= start) return 0;
        int n = 1;
        for (int i = start; i < end; i++) if (text.charAt(i) == repSep) n++;
        return n;
    }

    /**
     * The raw (unescaped, untrimmed) value at a place (all 1-based), or null when there is nothing there.
     */
    String value(int field, int rep, int component, int subcomponent) {
        if (field >= fieldStart.length - 1) return null;
        int start = fieldStart[field];
        int end = fieldEnd(field);
        int[] range = {start, end};
        if (!piece(range, repSep, rep) || !piece(range, compSep, component) || !piece(range, subSep, subcomponent)) {
            return null;
        }
        if (range[1] <= range[0]) return null;
        String v = text.substring(range[0], range[1]);
        return v.indexOf(escape) < 0 ? v : escaping.unescape(v, enc);
    }

    /** Narrows {@code range} to its n-th piece between {@code sep}; false when there is no such piece. */
    private boolean piece(int[] range, char sep, int n) {
        int i = range[0];
        int end = range[1];
        for (int k = 1; k < n; k++) {
            while (i < end && text.charAt(i) != sep) i++;
            if (i >= end) return false;
            i++;
        }
        int j = i;
        while (j < end && text.charAt(j) != sep) j++;
        range[0] = i;
        range[1] = j;
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}

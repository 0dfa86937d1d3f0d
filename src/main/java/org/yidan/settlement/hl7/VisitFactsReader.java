package org.yidan.settlement.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yidan.settlement.hl7.FieldReader.Found;
import org.yidan.settlement.hl7.Segments.Seg;
import org.yidan.settlement.sheet.VisitFacts;

/**
 * Reads {@link VisitFacts} where the mapping says (gend, adm_dept_codg, adm_room, adm_bed, medrcdno, diag_name,
 * insurer_name), leniently: a value missing or too long is left out, never an error (the sheet shows what it has).
 */
final class VisitFactsReader {
    /** The values it reads (none is required: the message profile gives each O or RE). */
    static final Hl7Mapping.Spec[] SPECS = {
            new Hl7Mapping.Spec("gend", Hl7Mapping.Kind.TEXT, false, false),
            new Hl7Mapping.Spec("adm_dept_codg", Hl7Mapping.Kind.TEXT, false, false),
            new Hl7Mapping.Spec("adm_room", Hl7Mapping.Kind.TEXT, false, false),
            new Hl7Mapping.Spec("adm_bed", Hl7Mapping.Kind.TEXT, false, false),
            new Hl7Mapping.Spec("medrcdno", Hl7Mapping.Kind.TEXT, false, false),
            new Hl7Mapping.Spec("diag_name", Hl7Mapping.Kind.TEXT, true, false),
            new Hl7Mapping.Spec("insurer_name", Hl7Mapping.Kind.TEXT, false, false)
    };
    /** The mapping's display tables. */
    static final Set<String> DISPLAY_TABLES = Set.of("gend", "adm_dept_codg");

    private VisitFactsReader() {}

    static VisitFacts read(FieldReader f) {
        Hl7Mapping m = f.mapping;
        List<VisitFacts.Diagnosis> dx = new ArrayList<>();
        FieldPath code = m.field("diagnoses");
        FieldPath name = m.field("diag_name");
        if (code != null) {
            for (Seg s : f.segs.named(code.segment())) {
                Found c = f.first(s, code, Hl7Mapping.fieldSpec("diagnoses"), false);
                if (c == null) continue;
                Found n = name == null || !name.segment().equals(s.name()) ? null : f.first(s, name, Hl7Mapping.fieldSpec("diag_name"), false);
                dx.add(new VisitFacts.Diagnosis(c.value(), n == null ? null : n.value()));
            }
        }
        return new VisitFacts(m.display("gend", f.text("gend", false)), m.display("adm_dept_codg", f.text("adm_dept_codg", false)),
                f.text("adm_room", false), f.text("adm_bed", false), f.text("medrcdno", false), List.copyOf(dx),
                f.text("insurer_name", false));
    }
}

package org.yidan.settlement.io;

import org.yidan.settlement.core.Admission;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.sheet.VisitFacts;

/** One input message: admit, settle an encounter, or cancel a settled one. {@code source} says where it came from. */
public sealed interface Message {
    String source();

    /** @param patient what the sheet shows of the patient and the stay (JSON {@code patient}); null: not sent */
    record Settle(String source, Encounter encounter, VisitFacts patient) implements Message {
        public Settle(String source, Encounter encounter) {
            this(source, encounter, null);
        }
    }

    record Cancel(String source, String mdtrtId, String reason) implements Message {}

    record Admit(String source, Admission admission) implements Message {}
}

package org.yidan.settlement.service;

import org.yidan.settlement.sheet.VisitFacts;
import org.yidan.settlement.store.VisitFactsStore;

/**
 * What the settlement sheet shows of a visit's patient and stay, wherever it came from: the facts a JSON message sent
 * (its {@code patient}, kept in {@link VisitFactsStore}), else the visit's stored ADT^A03 or A01 read through the
 * mapping ({@link Hl7Service#visitFacts}); null when neither said anything.
 */
public final class PatientFacts {
    private final VisitFactsStore store;
    private final Hl7Service hl7;

    public PatientFacts(VisitFactsStore store, Hl7Service hl7) {
        this.store = store;
        this.hl7 = hl7;
    }

    public VisitFacts of(String mdtrtId) {
        return store.find(mdtrtId).orElseGet(() -> hl7.visitFacts(mdtrtId));
    }
}

package org.yidan.settlement.store;

import java.util.Optional;
import org.yidan.settlement.sheet.VisitFacts;

/** The patient and stay facts a JSON message sent for a visit's settlement sheet (never used to settle). */
public interface VisitFactsStore {
    /** Keeps the visit's facts, replacing those sent before. */
    void save(String mdtrtId, VisitFacts facts);

    Optional<VisitFacts> find(String mdtrtId);
}

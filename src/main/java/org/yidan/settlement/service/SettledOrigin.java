package org.yidan.settlement.service;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.SettlementException;

/**
 * How and when a settled visit was settled, for the messages that refuse to settle it again or to add to it:
 * "于 2026-12-02 04:00:01 +08:00 经 HL7 ADT^A03 LC0001-A03 结算", in the hospital's zone.
 */
public final class SettledOrigin {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private SettledOrigin() {}

    public static String describe(Ledger ledger, String mdtrtId, ZoneId zone) {
        return ledger.origin(mdtrtId).map(o -> "于 " + AT.format(o.at().atZone(zone)) + (o.via() == null ? "" : " 经 " + o.via()) + " 结算")
                .orElse("已结算");
    }

    /** A refusal to settle an already settled visit again, with how and when it was settled; other errors as they are. */
    public static SettlementException named(SettlementException ex, Ledger ledger, String mdtrtId, ZoneId zone) {
        if (mdtrtId == null || ex.reason() != SettlementException.Reason.ALREADY_SETTLED) return ex;
        return new SettlementException(ex.field(), ex.reason(), ex.text() + "（" + describe(ledger, mdtrtId, zone) + "）");
    }
}

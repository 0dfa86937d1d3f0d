package org.yidan.settlement.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Settles and cancels encounters against a ledger: chooses the policy by insured region and discharge date, runs
 * the engine, and commits bill and ledger changes together. Settling the same encounter again returns the first
 * bill and changes nothing; cancelling restores the ledger exactly.
 */
public final class Settler {
    private final PolicySet policies;
    private final SettlementEngine engine;
    private final Ledger ledger;

    public Settler(PolicySet policies, Ledger ledger) {
        this.policies = policies;
        this.engine = new SettlementEngine(policies.dxGroups());
        this.ledger = ledger;
    }

    /** The outcome of a settle call: the bill, and whether it was settled now or found settled before. */
    public record Outcome(Bill bill, boolean repeated) {}

    public Outcome settle(Encounter e) {
        String fp = fingerprint(e);
        Optional<SettledRecord> existing = ledger.settled(e.mdtrtId());
        if (existing.isPresent()) {
            if (!existing.get().fingerprint().equals(fp)) {
                throw new SettlementException("mdtrt_id", "visit " + e.mdtrtId()
                        + " is already settled with different content; cancel it before settling it again");
            }
            return new Outcome(existing.get().bill(), true);
        }
        Policy p = policies.resolve(e.insuAdmdvs(), e.endtime());
        SettlementEngine.Settlement s = engine.settle(p, e, ledger);
        ledger.commit(new SettledRecord(e.mdtrtId(), e.psnNo(), e.year(), fp, s.bill(), s.changes()));
        return new Outcome(s.bill(), false);
    }

    /** A bill as it would be if settled now, without touching the ledger (预结算). */
    public Bill preview(Encounter e) {
        Policy p = policies.resolve(e.insuAdmdvs(), e.endtime());
        return engine.settle(p, e, ledger).bill();
    }

    public SettledRecord cancel(String mdtrtId) {
        return ledger.cancel(mdtrtId).orElseThrow(() ->
                new SettlementException("mdtrt_id", "visit " + mdtrtId + " is not settled; nothing to cancel"));
    }

    public PolicySet policies() {
        return policies;
    }

    static String fingerprint(Encounter e) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(e.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

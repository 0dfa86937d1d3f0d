package org.yidan.settlement.core;

import java.util.List;

/** A settled encounter as the ledger keeps it: the bill, what it added to the ledger, and its input fingerprint. */
public record SettledRecord(String mdtrtId, String psnNo, int year, String fingerprint, Bill bill,
                            List<LedgerChange> changes) {}

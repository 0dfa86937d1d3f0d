package org.yidan.settlement.core;

/** Read access to the yearly ledger: one person's totals in one pool for one calendar year of discharge. */
public interface LedgerView {
    PoolTotals get(String psnNo, int year, String pool);
}

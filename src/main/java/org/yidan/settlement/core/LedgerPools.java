package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a settlement adds to the person's yearly pools, pool by pool, in the order first touched. */
final class LedgerPools {
    private final Map<String, BigDecimal[]> pools = new LinkedHashMap<>();

    void add(String pool, BigDecimal base, BigDecimal paid) {
        if (pool == null) return;
        BigDecimal[] v = pools.computeIfAbsent(pool, k -> new BigDecimal[] {Money.ZERO, Money.ZERO});
        v[0] = v[0].add(base);
        v[1] = v[1].add(paid);
    }

    void addAll(LedgerPools other) {
        other.pools.forEach((k, v) -> add(k, v[0], v[1]));
    }

    List<LedgerChange> changes() {
        List<LedgerChange> out = new ArrayList<>();
        pools.forEach((k, v) -> out.add(new LedgerChange(k, v[0], v[1])));
        return out;
    }
}

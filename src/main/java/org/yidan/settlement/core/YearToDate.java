package org.yidan.settlement.core;

import java.time.LocalDate;
import java.util.Map;

/**
 * The person's totals so far this year as the platform knows them (5206 人员累计信息, across every hospital), by layer
 * or by ledger pool: the base counted and the amount paid. The ledger settles against the larger of its own totals
 * and these, pool by pool, base and paid each (README "Year to date from outside"), so that a cap reached at another
 * hospital is not paid again.
 *
 * @param year   the calendar year they are for (must be the discharge's)
 * @param asOf   the date they were read (not after the discharge)
 * @param source where they come from, e.g. "5206"
 * @param layers by layer code (basic, critical_illness, special_drug, assistance, re_assistance, pku_food)
 * @param pools  by ledger pool name (e.g. assist-major), for a layer with several pools; before {@code layers}
 */
public record YearToDate(int year, LocalDate asOf, String source, Map<String, PoolTotals> layers,
                         Map<String, PoolTotals> pools) {

    public YearToDate {
        layers = layers == null ? Map.of() : Map.copyOf(layers);
        pools = pools == null ? Map.of() : Map.copyOf(pools);
    }

    /** The outside totals for a rule's pool: given for the pool, else for the rule's layer; null when none. */
    PoolTotals forRule(Rule r) {
        PoolTotals p = pools.get(r.pool());
        return p != null ? p : layers.get(layerOf(r.kind()));
    }

    static String layerOf(RuleKind kind) {
        return switch (kind) {
            case BASIC -> Layer.BASIC.code;
            case CRITICAL_ILLNESS -> Layer.CRITICAL_ILLNESS.code;
            case SPECIAL_DRUG -> Layer.SPECIAL_DRUG.code;
            case ASSISTANCE -> Layer.ASSISTANCE.code;
            case RE_ASSISTANCE -> Layer.RE_ASSISTANCE.code;
            case PKU_FOOD -> Layer.PKU_FOOD.code;
            default -> null;
        };
    }

    /** The layers outside totals may be given for. */
    public static final java.util.Set<String> LAYERS = java.util.Set.of(Layer.BASIC.code, Layer.CRITICAL_ILLNESS.code,
            Layer.SPECIAL_DRUG.code, Layer.ASSISTANCE.code, Layer.RE_ASSISTANCE.code, Layer.PKU_FOOD.code);
}

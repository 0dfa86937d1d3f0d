package org.yidan.settlement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.TestData.enc;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yidan.settlement.TestData;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.Settler;

/** When and how each visit was settled (Flyway V6 settled_via), on H2 and PostgreSQL, through settle, cancel, re-settle. */
class JdbcLedgerOriginTest extends StoreTestBase {
    static final Instant AT = Instant.parse("2026-12-01T20:00:00Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void theLedgerKeepsHowAndWhen(TestDb.Kind kind) {
        JdbcLedger ledger = new JdbcLedger(open(kind), Clock.fixed(AT, ZoneId.of("Asia/Shanghai")));
        Settler settler = new Settler(TestData.policies(), ledger);
        settler.settle(enc().id("OR-1").psn("OR-P").region("371500").cats("DIBAO").a("1000.00").build(), "HL7 ADT^A03 OR-1-A03");
        // the settlement's number: the ledger's settle order, 1 for the first
        assertEquals(new Ledger.Origin(AT, "HL7 ADT^A03 OR-1-A03", 1), ledger.origin("OR-1").orElseThrow());
        // kept at most 200 characters, as the column
        settler.settle(enc().id("OR-2").psn("OR-P2").region("371500").cats("DIBAO").a("1000.00").build(), "x".repeat(300));
        assertEquals(200, ledger.origin("OR-2").orElseThrow().via().length());
        // without a via (the core's plain settle): the time only
        settler.settle(enc().id("OR-3").psn("OR-P3").region("371500").a("1000.00").build());
        assertEquals(new Ledger.Origin(AT, null, 3), ledger.origin("OR-3").orElseThrow());
        // a re-settlement is a new settlement, with its own via; a cancel leaves no origin
        settler.resettle("OR-1", "policy corrected", "counter re-settle (zhang)");
        assertEquals("counter re-settle (zhang)", ledger.origin("OR-1").orElseThrow().via());
        assertEquals(4, ledger.origin("OR-1").orElseThrow().seq(), "a new settlement, a new number");
        settler.cancel("OR-1", "wrong visit");
        assertTrue(ledger.origin("OR-1").isEmpty());
        assertTrue(ledger.origin("NONE").isEmpty());
    }
}

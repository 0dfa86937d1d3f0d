package org.yidan.settlement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yidan.settlement.TestData;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.service.EncounterCompletion;

/**
 * A visit settled from its charge messages keeps its input as a reference to those messages, not a second copy of
 * their lines; the input reads back whole, also after a cancel and more charges; an input settled with lines of its
 * own (the JSON API) keeps them.
 */
class SettledInputTest extends StoreTestBase {

    static String storedInput(DataSource ds, String mdtrtId) {
        return Databases.auto(ds, "test", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT input FROM ledger_settled WHERE mdtrt_id = ?")) {
                ps.setString(1, mdtrtId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void theVisitsChargeMessagesAreReferredToNotCopied(TestDb.Kind kind) {
        DataSource ds = open(kind);
        JdbcVisitStore visits = new JdbcVisitStore(ds, java.time.Clock.systemUTC());
        JdbcLedger ledger = new JdbcLedger(ds, java.time.Clock.systemUTC());
        Settler settler = new Settler(TestData.policies(), ledger);
        // the README's 聊城 低保 example, its lines in two charge messages, and a charge message of another visit between
        Encounter whole = JdbcLedgerTest.example("V-REF", "P-REF").build();
        List<FeeLine> lines = whole.feedetail();
        assertTrue(visits.addCharges("V-REF", "P03-1", lines.subList(0, 2)));
        assertTrue(visits.addCharges("V-OTHER", "P03-1", List.of(lines.get(0))));
        assertTrue(visits.addCharges("V-REF", "P03-2", lines.subList(2, lines.size())));

        Encounter completed = new EncounterCompletion(visits).complete(whole.withFeedetail(List.of()));
        assertInstanceOf(VisitLines.class, completed.feedetail());
        assertEquals(lines, completed.feedetail());
        settler.settle(completed, "test");

        String stored = storedInput(ds, "V-REF");
        assertTrue(stored.contains("\"" + StoredInput.MESSAGES + "\":{\"seqs\":["), stored);
        assertTrue(stored.contains("\"lines\":" + lines.size() + "}"), stored);
        assertFalse(stored.contains(StoredInput.ROWS), stored);
        assertFalse(stored.contains(lines.get(0).medListCodg()), "no line is copied: " + stored);
        assertEquals(completed, ledger.input("V-REF").orElseThrow());

        // cancelled, one more charge message, settled again: the new input has three messages, the old one still two
        settler.cancel("V-REF", "test");
        FeeLine more = new FeeLine("9", "EXTRA-CODE", org.yidan.settlement.core.ChargeClass.A, null, null,
                new java.math.BigDecimal("10.00"), null, null, org.yidan.settlement.core.LineKind.ORDINARY);
        assertTrue(visits.addCharges("V-REF", "P03-3", List.of(more)));
        Encounter again = new EncounterCompletion(visits).complete(whole.withFeedetail(List.of()));
        List<FeeLine> all = new ArrayList<>(lines);
        all.add(more);
        assertEquals(all, again.feedetail());
        settler.settle(again, "test");
        assertEquals(again, ledger.input("V-REF").orElseThrow());
        String cancelledInput = Databases.auto(ds, "test", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT input FROM ledger_cancelled WHERE mdtrt_id = 'V-REF'")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertEquals(stored, cancelledInput, "the cancelled stay keeps its own reference");
        assertEquals(completed, Databases.auto(ds, "test", c -> {
            try {
                return StoredInput.read(cancelledInput, c, "V-REF");
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }), "and it still reads as what was settled then");

        // a discharge carrying lines of its own keeps every line as rows
        Encounter own = JdbcLedgerTest.example("V-OWN", "P-OWN").build();
        settler.settle(own, "test");
        String ownInput = storedInput(ds, "V-OWN");
        assertTrue(ownInput.contains(StoredInput.ROWS), ownInput);
        assertEquals(own, ledger.input("V-OWN").orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void aReferenceToMissingMessagesIsAnErrorSayingSo(TestDb.Kind kind) {
        DataSource ds = open(kind);
        String json = "{\"" + StoredInput.MESSAGES + "\":{\"seqs\":[987654],\"lines\":3},\"mdtrt_id\":\"V-GONE\"}";
        StoreException e = assertThrows(StoreException.class, () -> Databases.auto(ds, "test", c -> {
            try {
                return StoredInput.read(json, c, "V-GONE");
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }));
        assertTrue(e.getMessage().contains("refers to charge messages [987654] (3 lines)"), e.getMessage());
    }
}

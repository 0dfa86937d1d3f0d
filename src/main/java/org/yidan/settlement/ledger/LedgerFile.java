package org.yidan.settlement.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.yidan.settlement.core.SettledRecord;
import org.yidan.settlement.io.Json;

/**
 * Keeps an {@link InMemoryLedger} in a JSON file between runs. The file holds the settled records and the cancel
 * history; the running totals are rebuilt from the records on load. Saving writes a new file and moves it into
 * place, so a crash leaves either the old or the new ledger, never half of one.
 */
public final class LedgerFile {
    private LedgerFile() {}

    /** The file's shape. */
    public record Snapshot(int version, List<SettledRecord> settled, List<InMemoryLedger.Cancelled> cancelled) {}

    /** @param clock the clock of the ledger's cancels from now on */
    public static InMemoryLedger load(Path file, java.time.Clock clock) {
        InMemoryLedger l = new InMemoryLedger(clock);
        if (!Files.exists(file)) return l;
        try {
            Snapshot s = Json.MAPPER.readValue(file.toFile(), Snapshot.class);
            l.restore(s.settled() == null ? List.of() : s.settled(), s.cancelled() == null ? List.of() : s.cancelled());
            return l;
        } catch (IOException ex) {
            throw new IllegalStateException("ledger file " + file + " cannot be read: " + ex.getMessage(), ex);
        }
    }

    public static void save(InMemoryLedger l, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(),
                    new Snapshot(1, l.settledRecords(), l.cancelledRecords()));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new IllegalStateException("ledger file " + file + " cannot be written: " + ex.getMessage(), ex);
        }
    }
}

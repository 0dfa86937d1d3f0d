package org.yidan.settlement.app;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.core.Settler;
import javax.sql.DataSource;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Mapping;
import org.yidan.settlement.hl7.Hl7Reader;
import org.yidan.settlement.store.JdbcLedger;
import org.yidan.settlement.store.JdbcMessageLog;
import org.yidan.settlement.store.JdbcVisitStore;
import org.yidan.settlement.store.MessageLog;
import org.yidan.settlement.store.VisitStore;
import org.yidan.settlement.policy.PolicyLoader;

/** The core as beans: the policies (a bad policy or mapping file stops start-up), the stores, the settler, HL7. */
@Factory
public class ServiceFactory {

    @Singleton
    PolicySet policies(@Value("${yidan.policies-dir}") String policies, @Value("${yidan.mappings-dir}") String mappings) {
        return PolicyLoader.load(Path.of(policies), Path.of(mappings));
    }

    /** The ledger in the configured database (H2 file by default, PostgreSQL for a shared deployment). */
    @Singleton
    Ledger ledger(DataSource ds) {
        return new JdbcLedger(ds);
    }

    @Singleton
    VisitStore visits(DataSource ds) {
        return new JdbcVisitStore(ds);
    }

    @Singleton
    MessageLog messageLog(DataSource ds) {
        return new JdbcMessageLog(ds);
    }

    @Singleton
    Hl7Mapping hl7Mapping(@Value("${yidan.mappings-dir}") String mappings, PolicySet policies) {
        return Hl7Mapping.load(Path.of(mappings).resolve("hl7-default.yaml"), policies.categories().keySet());
    }

    @Singleton
    Hl7Service hl7Service(Hl7Mapping mapping, Settler settler, Ledger ledger, VisitStore visits, MessageLog log) {
        Hl7Reader reader = new Hl7Reader(mapping);
        Hl7Acks acks = new Hl7Acks("YIDAN", "SETTLEMENT", reader.charsets(), java.time.Clock.systemDefaultZone(), null);
        return new Hl7Service(reader, acks, settler, ledger, visits, log);
    }

    @Singleton
    Settler settler(PolicySet policies, Ledger ledger) {
        return new Settler(policies, ledger);
    }
}

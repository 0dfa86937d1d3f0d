package org.yidan.settlement.app;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import org.yidan.settlement.api.security.Passwords;
import org.yidan.settlement.store.JdbcAccounts;
import org.yidan.settlement.store.JdbcAuditLog;
import org.yidan.settlement.store.JdbcCounter;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.core.Settler;
import javax.sql.DataSource;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Mapping;
import org.yidan.settlement.hl7.Hl7Reader;
import org.yidan.settlement.store.JdbcLedger;
import org.yidan.settlement.store.JdbcMessageLog;
import org.yidan.settlement.store.JdbcVisitFacts;
import org.yidan.settlement.store.JdbcVisitStore;
import org.yidan.settlement.hl7.MessageMasking;
import org.yidan.settlement.service.Dashboard;
import org.yidan.settlement.service.Reprocessing;
import org.yidan.settlement.store.JdbcMessageStore;
import org.yidan.settlement.store.MessageLog;
import org.yidan.settlement.store.LedgerHistory;
import org.yidan.settlement.store.MessageStore;
import org.yidan.settlement.store.OutboundQueue;
import org.yidan.settlement.store.JdbcOutboundQueue;
import org.yidan.settlement.service.OutboundBills;
import org.yidan.settlement.service.PatientFacts;
import org.yidan.settlement.camel.OutboundSender;
import org.yidan.settlement.config.ChannelSettings;
import org.yidan.settlement.store.VisitFactsStore;
import org.yidan.settlement.store.VisitStore;
import org.yidan.settlement.policy.PolicyLoader;
import org.yidan.settlement.service.Hl7Service;
import org.yidan.settlement.config.InputLimits;
import org.yidan.settlement.store.AuditLog;
import org.yidan.settlement.service.Settlements;
import org.yidan.settlement.store.UnitOfWork;
import org.yidan.settlement.config.SecuritySettings;
import org.yidan.settlement.config.ServiceSettings;
import org.yidan.settlement.service.EncounterCompletion;
import org.yidan.settlement.service.hl7.Hl7Handlers;

/** The core as beans: the policies (a bad policy or mapping file stops start-up), the stores, the settler, HL7. */
@Factory
public class ServiceFactory {

    @Singleton
    PolicySet policies(ServiceSettings s) {
        return PolicyLoader.load(Path.of(s.policiesDir()), Path.of(s.mappingsDir()));
    }

    /** The ledger in the configured database (H2 file by default, PostgreSQL for a shared deployment). */
    @Singleton
    JdbcLedger ledger(DataSource ds, Clock clock) {
        return new JdbcLedger(ds, clock);
    }

    /**
     * The hospital's zone (yidan.zone, i.e. ZONE; Asia/Shanghai by default): the counter's days (对账, the audit log,
     * 预结算's "discharged today"), the policy in force today, the ACK's MSH-7, every time shown or printed.
     */
    @Singleton
    ZoneId zone(ServiceSettings s) {
        return ZoneId.of(s.zone());
    }

    /**
     * The one clock of the service, in the hospital's zone: everything that reads "now" or "today" is given this
     * bean (never the machine's or the browser's zone); tests replace it to run at a chosen instant.
     */
    @Singleton
    Clock clock(ZoneId zone) {
        return Clock.system(zone);
    }

    @Singleton
    JdbcAccounts accounts(DataSource ds, Clock clock) {
        return new JdbcAccounts(ds, clock);
    }

    @Singleton
    JdbcAuditLog auditLog(DataSource ds, Clock clock) {
        return new JdbcAuditLog(ds, clock);
    }

    @Singleton
    JdbcCounter counter(DataSource ds, Clock clock) {
        return new JdbcCounter(ds, clock);
    }

    @Singleton
    Passwords passwords(SecuritySettings s) {
        return new Passwords(s.pbkdf2Iterations());
    }

    @Singleton
    VisitStore visits(DataSource ds, Clock clock) {
        return new JdbcVisitStore(ds, clock);
    }

    /** The patient facts a JSON message sent for the sheet; the sheet reads them, else the HL7 messages' (PatientFacts). */
    @Singleton
    VisitFactsStore visitFacts(DataSource ds, Clock clock) {
        return new JdbcVisitFacts(ds, clock);
    }

    @Singleton
    PatientFacts patientFacts(VisitFactsStore store, Hl7Service hl7) {
        return new PatientFacts(store, hl7);
    }

    @Singleton
    MessageLog messageLog(DataSource ds) {
        return new JdbcMessageLog(ds);
    }

    /** Every HL7 message received and sent (the message browser). */
    @Singleton
    MessageStore messageStore(DataSource ds) {
        return new JdbcMessageStore(ds);
    }

    /** Names and ID numbers masked in the message browser, the mapping's psn_name field among them. */
    @Singleton
    MessageMasking messageMasking(Hl7Mapping mapping) {
        return new MessageMasking(mapping.field("psn_name"));
    }

    /** The messages for the HIS, queued durably (the outbound route sends them). */
    @Singleton
    OutboundQueue outboundQueue(DataSource ds, MessageStore store) {
        return new JdbcOutboundQueue(ds, store);
    }

    /** A settled discharge's bill for the HIS, queued with the settlement when outbound is on. */
    @Singleton
    OutboundBills outboundBills(OutboundQueue queue, ChannelSettings.Outbound out, Clock clock, MessageStore store, AuditLog audit) {
        return new OutboundBills(queue, out.enabled(), out.host() + ":" + out.port(), clock, store, audit);
    }

    /** The outbound route's bean: sends what is due. */
    @Singleton
    OutboundSender outboundSender(OutboundQueue queue, MessageStore store, ChannelSettings.Outbound out, Clock clock) {
        return new OutboundSender(queue, store, out, clock);
    }

    /** The integration page's dashboard. */
    @Singleton
    Dashboard dashboard(MessageStore store, LedgerHistory history, Clock clock) {
        return new Dashboard(store, history, clock);
    }

    /** A failed message reprocessed by an integration user, audited. */
    @Singleton
    Reprocessing reprocessing(Hl7Service hl7, MessageStore store, AuditLog audit, MessageMasking masking, Hl7Mapping mapping) {
        return new Reprocessing(hl7, store, audit, masking, new org.yidan.settlement.hl7.Hl7Charset(mapping.defaultCharset()));
    }

    /** The settlement sheet's 费用分类 by item code (mappings/fee-categories.yaml). */
    @Singleton
    org.yidan.settlement.sheet.FeeCategories feeCategories(ServiceSettings s) {
        return org.yidan.settlement.sheet.FeeCategories.load(Path.of(s.mappingsDir()).resolve("fee-categories.yaml"));
    }

    @Singleton
    Hl7Mapping hl7Mapping(ServiceSettings s, PolicySet policies) {
        return Hl7Mapping.load(Path.of(s.mappingsDir()).resolve("hl7-default.yaml"), policies.categories().keySet());
    }

    @Singleton
    Hl7Service hl7Service(Hl7Mapping mapping, Settler settler, Ledger ledger, VisitStore visits, EncounterCompletion completion,
                          MessageLog log, MessageStore store, Settlements settlements, Clock clock, UnitOfWork units,
                          InputLimits limits, OutboundBills outbound) {
        Hl7Reader reader = new Hl7Reader(mapping);
        Hl7Acks acks = new Hl7Acks("YIDAN", "SETTLEMENT", reader.charsets(), clock, null);
        return new Hl7Service(reader, acks, Hl7Handlers.all(acks, settler, ledger, visits, completion, settlements, limits, clock, outbound),
                log, store, clock, units, limits);
    }

    /** A discharge made whole from the visit's charges and admission (the counter's pre-settlement). */
    @Singleton
    EncounterCompletion encounterCompletion(VisitStore visits) {
        return new EncounterCompletion(visits);
    }

    /** One database transaction per use case (an HL7 message, a cancel with its audit entry). */
    @Singleton
    UnitOfWork units(DataSource ds) {
        return UnitOfWork.on(ds);
    }

    /** Settles, cancels and settles again with their audit entries; a bill settled again goes to the HIS (outbound). */
    @Singleton
    Settlements settlements(Settler settler, Ledger ledger, AuditLog audit, UnitOfWork units, OutboundBills outbound,
                            VisitFactsStore facts) {
        return new Settlements(settler, ledger, audit, units, outbound, facts);
    }

    @Singleton
    Settler settler(PolicySet policies, Ledger ledger) {
        return new Settler(policies, ledger);
    }
}

package org.yidan.settlement.service;

/**
 * Who sent an inbound HL7 message: the MLLP peer's address, or, for a message an integration user reprocesses, the
 * account and the stored message it reprocesses. Kept with the message in the message store.
 *
 * @param peer        the sender's address (null when not known, e.g. a test calling the service directly)
 * @param account     the account that asked for a reprocess (null for the HIS's own messages)
 * @param reprocessOf the stored message this one reprocesses (null: none)
 */
public record Origin(String peer, Settlements.Actor account, Long reprocessOf) {
    public static final Origin UNKNOWN = new Origin(null, null, null);

    public static Origin peer(String address) {
        return new Origin(address, null, null);
    }

    /** The account's name, or null. */
    public String actor() {
        return account == null ? null : account.name();
    }

    /**
     * Who asked for what the message changes: the account reprocessing it, else its sender (MSH-3, MSH-4 and the
     * peer's address).
     */
    public Settlements.Actor who(String sendingApp, String sendingFacility) {
        return account != null ? account : Settlements.Actor.hl7(sendingApp, sendingFacility, peer);
    }

    public boolean reprocess() {
        return reprocessOf != null;
    }
}

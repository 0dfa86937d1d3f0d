package org.yidan.settlement.io;

import org.yidan.settlement.core.Admission;
import org.yidan.settlement.core.Encounter;

/** One input message: admit, settle an encounter, or cancel a settled one. {@code source} says where it came from. */
public sealed interface Message {
    String source();

    record Settle(String source, Encounter encounter) implements Message {}

    record Cancel(String source, String mdtrtId, String reason) implements Message {}

    record Admit(String source, Admission admission) implements Message {}
}

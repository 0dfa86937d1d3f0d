package org.yidan.settlement.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.hl7.Hl7Message;
import org.yidan.settlement.service.hl7.MessageHandler;

/** The start-up check of the handler table: every record of the sealed Hl7Message has exactly one handler. */
class Hl7ServiceHandlersTest {
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageHandler<?> handlerOf(Class<?> record) {
        return new MessageHandler() {
            public Class messageClass() { return record; }
            public Answer apply(Hl7Message m, byte[] raw, Settlements.Actor who) { throw new AssertionError(); }
        };
    }

    private static List<MessageHandler<?>> oneEach() {
        List<MessageHandler<?>> all = new ArrayList<>();
        Arrays.stream(Hl7Message.class.getPermittedSubclasses()).forEach(c -> all.add(handlerOf(c)));
        return all;
    }

    @Test
    void oneHandlerPerRecordIsAccepted() {
        assertEquals(5, Hl7Message.class.getPermittedSubclasses().length); // A01, P03, A03, A13, A11
        assertEquals(5, Hl7Service.byRecord(oneEach()).size());
    }

    @Test
    void aMessageReadButNotHandledStopsStartUp() {
        List<MessageHandler<?>> all = oneEach();
        all.removeIf(h -> h.messageClass() == Hl7Message.CancelAdmit.class);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Hl7Service.byRecord(all));
        assertEquals("HL7 messages read but not handled: [CancelAdmit]", e.getMessage());
    }

    @Test
    void twoHandlersForOneRecordStopStartUp() {
        List<MessageHandler<?>> all = oneEach();
        all.add(handlerOf(Hl7Message.Discharge.class));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Hl7Service.byRecord(all));
        assertTrue(e.getMessage().contains("two handlers for Discharge"), e.getMessage());
    }
}

package org.yidan.settlement.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Names and ID numbers masked as the bills show them; an edited message gets its masked fields back. */
class MessageMaskingTest {
    final MessageMasking masking = new MessageMasking(FieldPath.parse("PID-5-1"));

    @Test
    void namesKeepTheirFirstCharacterAndIdsTheirLastFour() throws Exception {
        String a01 = Files.readString(Path.of("mappings/examples/lc-01-adt-a01.hl7"));
        String shown = masking.mask(a01);
        assertFalse(shown.contains("王秀英"), shown);
        assertFalse(shown.contains("371502198003154321"), shown);
        assertTrue(shown.contains("|王**||"), shown);
        assertTrue(shown.contains("~**************4321^^^CHN^NNCHN"), shown);
        // everything else as it was, the MSH and the person number included
        assertTrue(shown.startsWith(a01.substring(0, a01.indexOf('\r') + 1)), shown);
        assertTrue(shown.contains("PID|1||EX-P-371500-01^^^YB371500^PN~"), shown);
        assertEquals(a01.length(), shown.length());
        assertEquals("W***^X******", MessageMasking.maskNames("Wang^Xiuying"));
        assertEquals("", MessageMasking.maskNames(""));
    }

    @Test
    void anEditedMessageGetsItsMaskedFieldsBack() throws Exception {
        String a01 = Files.readString(Path.of("mappings/examples/lc-01-adt-a01.hl7"));
        String shown = masking.mask(a01);
        // the user corrects the ZIN identity code (9902 → 9901) and leaves the masked name and ID as shown
        String edited = shown.replace("ZIN|371500|9902|", "ZIN|371500|9901|");
        String back = masking.unmask(edited, a01);
        assertEquals(a01.replace("ZIN|371500|9902|", "ZIN|371500|9901|"), back);
        // a name typed anew is kept as typed
        String renamed = masking.unmask(shown.replace("|王**||", "|王秀兰||"), a01);
        assertTrue(renamed.contains("|王秀兰||"), renamed);
        assertTrue(renamed.contains("371502198003154321"), "the ID still as it was: " + renamed);
        // segments ending in \n are handled as those ending in \r
        String lf = a01.replace('\r', '\n');
        assertEquals(lf, masking.unmask(masking.mask(lf), lf));
    }
}

package org.yidan.settlement.hl7;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.yidan.settlement.core.Admission;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;

/**
 * An inbound HL7 message, read and checked: one record per supported message type. Every record carries MSH-10, the
 * control id its acknowledgement answers (MSA-2).
 */
public sealed interface Hl7Message
        permits Hl7Message.Admit, Hl7Message.Charges, Hl7Message.Discharge, Hl7Message.CancelDischarge,
        Hl7Message.CancelAdmit {

    /** MSH-10. */
    String controlId();

    /** The message type and event it came as, e.g. ADT^A01. */
    String messageType();

    /** The visit it is about. */
    String mdtrtId();

    /** The person it is about (null when the message does not say). */
    default String psnNo() {
        return null;
    }

    /**
     * ADT^A01 admit: the admission for the deposit decision (先诊疗后付费) and what the discharge may lack.
     *
     * @param admission core's admission (mdtrt_id, psn_no, regions, med_type, begntime, relief categories)
     * @param psnName   psn_name (null when not sent)
     * @param certno    national ID number (null when not sent; never log it in full)
     * @param brdy      birth date (null when not sent)
     * @param insutype  310 / 390 (null when not sent)
     * @param hospLv    1 / 2 / 3 (null when not sent)
     * @param deposit   deposit taken at admission (null when not sent)
     * @param diagnoses the admitting diagnoses (DG1), kept for a pre-settlement (empty when none sent)
     */
    record Admit(String controlId, Admission admission, String psnName, String certno, LocalDate brdy, String insutype,
                 String hospLv, BigDecimal deposit, List<String> diagnoses) implements Hl7Message {
        public String messageType() {
            return "ADT^A01";
        }

        public String mdtrtId() {
            return admission.mdtrtId();
        }

        public String psnNo() {
            return admission.psnNo();
        }
    }

    /** DFT^P03 charges: one or more charge lines (FT1) of a visit, in message order. */
    record Charges(String controlId, String mdtrtId, String psnNo, List<FeeLine> lines) implements Hl7Message {
        public String messageType() {
            return "DFT^P03";
        }
    }

    /**
     * ADT^A03 discharge: an encounter with every header field the message carries (fields it does not carry are
     * null: the service fills them from the admission) and, as {@code feedetail}, the FT1 lines of the A03 itself if
     * any (usually none: the service adds the visit's accumulated DFT^P03 lines).
     */
    record Discharge(String controlId, Encounter encounterWithoutLines) implements Hl7Message {
        public String messageType() {
            return "ADT^A03";
        }

        public String mdtrtId() {
            return encounterWithoutLines.mdtrtId();
        }

        public String psnNo() {
            return encounterWithoutLines.psnNo();
        }
    }

    /** ADT^A13 cancel discharge: the settled bill of the visit is to be cancelled. */
    record CancelDischarge(String controlId, String mdtrtId) implements Hl7Message {
        public String messageType() {
            return "ADT^A13";
        }
    }

    /** ADT^A11 cancel admission. */
    record CancelAdmit(String controlId, String mdtrtId) implements Hl7Message {
        public String messageType() {
            return "ADT^A11";
        }
    }
}

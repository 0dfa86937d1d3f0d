package org.yidan.settlement.tools;

import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.hl7.profile.Hl7Profile;
import org.yidan.settlement.hl7.profile.ProfileCheck;

/**
 * The conformance runner's check of each answer against the service's message profile: the profile of what answers
 * the message's type (ACK^A03 for an ADT^A03, ACK for the rest), and MSA-2 against the control id sent.
 */
final class AnswerCheck {
    private final Hl7Profile profile;

    AnswerCheck(Hl7Profile profile) {
        this.profile = profile;
    }

    /** What is wrong with an answer, each in a line naming the message it answers; empty when nothing is. */
    List<String> check(String type, String controlId, String answer) {
        String[] t = type.split("\\^", -1);
        Hl7Profile.Message sent = t.length > 1 ? profile.message(t[0] + "^" + t[1]) : null;
        Hl7Profile.Message def = profile.message(sent != null ? sent.answer() : "ACK");
        String what = (type.isEmpty() ? "(no MSH)" : type) + " " + controlId + " 的应答不符合消息规范 " + def.type() + "：";
        List<String> out = new ArrayList<>();
        for (ProfileCheck.Problem p : ProfileCheck.check(profile, def, answer)) out.add(what + p);
        // MSA-2 (conditional in the profile): the control id of the message answered, whenever it had one
        String msa2 = Hl7Conformance.field(Hl7Conformance.segment(answer, "MSA"), 2);
        if (!controlId.isEmpty() && !msa2.equals(controlId)) {
            out.add(what + "MSA-2 是 “" + msa2 + "”，应与来信的 MSH-10 “" + controlId + "” 相同");
        }
        return out;
    }
}

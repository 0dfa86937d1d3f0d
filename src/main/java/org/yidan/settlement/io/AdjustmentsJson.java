package org.yidan.settlement.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Settler;

/**
 * A year's stays settled again (relief recognised later, or a cancel with resettle_later) as the API and the
 * conformance runner give them: per stay the amounts before and after, the difference, what is now due back to the
 * patient, the category applied, the identities' validity and the assistance working; and the total due back.
 */
public final class AdjustmentsJson {
    private static final List<String> AMOUNTS = List.of("hifp_pay", "hifmi_pay", "hifob_pay", "maf_pay", "fund_pay_sumamt",
            "psn_part_amt", "psn_cash_pay");

    private AdjustmentsJson() {}

    public static ObjectNode of(String psnNo, int year, List<Settler.Adjustment> adjustments) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("psn_no", psnNo);
        o.put("year", year);
        BigDecimal due = BigDecimal.ZERO.setScale(2);
        ArrayNode arr = o.putArray("adjustments");
        for (Settler.Adjustment a : adjustments) {
            ObjectNode x = arr.addObject();
            x.put("mdtrt_id", a.mdtrtId());
            x.put("endtime", a.after().endtime().toString());
            ObjectNode before = x.putObject("before");
            ObjectNode after = x.putObject("after");
            ObjectNode diff = x.putObject("difference");
            JsonNode b = Json.MAPPER.valueToTree(a.before().setlinfo());
            JsonNode f = Json.MAPPER.valueToTree(a.after().setlinfo());
            for (String k : AMOUNTS) {
                before.set(k, b.get(k));
                after.set(k, f.get(k));
                diff.put(k, f.get(k).decimalValue().subtract(b.get(k).decimalValue()));
            }
            BigDecimal back = a.before().setlinfo().psnCashPay().subtract(a.after().setlinfo().psnCashPay());
            x.put("due_to_patient", back);
            x.put("category_applied", a.after().relief().categoryApplied());
            x.set("identities", Json.MAPPER.valueToTree(a.after().relief().identities()));
            ArrayNode work = x.putArray("working");
            for (Bill.SetlDetail d : a.after().setldetail()) {
                if (d.fundPayType().startsWith("6101")) work.add(Json.MAPPER.valueToTree(d));
            }
            due = due.add(back);
        }
        o.put("due_to_patient", due);
        return o;
    }
}

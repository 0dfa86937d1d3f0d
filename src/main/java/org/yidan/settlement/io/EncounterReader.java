package org.yidan.settlement.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yidan.settlement.core.Admission;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.Identity;
import org.yidan.settlement.core.InsuranceType;
import org.yidan.settlement.core.LineKind;
import org.yidan.settlement.core.MedType;
import org.yidan.settlement.core.Money;
import org.yidan.settlement.core.PlatformResult;
import org.yidan.settlement.core.Upstream;
import org.yidan.settlement.core.YearToDate;

/**
 * Reads the JSON encounter and cancel shapes (README "JSON shapes") into messages, checking every field. All
 * problems are reported together, each as "source: field: what is wrong".
 */
public final class EncounterReader {
    private static final Set<String> MED_TYPES = MedType.CODES;
    private static final Set<String> INSUTYPES = InsuranceType.CODES;
    private static final Set<String> ENCOUNTER_FIELDS = Set.of("action", "mdtrt_id", "psn_no", "certno", "psn_name",
            "brdy", "insutype", "insu_admdvs", "fixmedins_admdvs", "hosp_lv", "med_type", "begntime", "endtime",
            "relief_categories", "relief_identities", "diagnoses", "referral_dedc_paid", "deposit", "feedetail", "upstream",
            "year_to_date", "setlinfo", "setldetail", "patient", "comment");
    private static final Set<String> ADMIT_FIELDS = Set.of("action", "mdtrt_id", "psn_no", "certno", "psn_name",
            "brdy", "insutype", "insu_admdvs", "fixmedins_admdvs", "hosp_lv", "med_type", "begntime",
            "relief_categories", "relief_identities", "diagnoses", "comment");
    private static final Set<String> LINE_FIELDS = Set.of("feedetl_sn", "med_list_codg", "chrgitm_lv", "cnt", "pric",
            "det_item_fee_sumamt", "selfpay_prop", "pric_uplmt_amt", "kind", "comment", "med_list_name");
    private static final Set<String> UPSTREAM_FIELDS = Set.of("hifp_pay", "hifmi_pay", "hifob_pay", "hosp_part_amt",
            "oth_pay", "acct_pay");

    private EncounterReader() {}

    /** Reads a file holding one message, an array of messages, or a conformance case (its steps' inputs). */
    public static List<Message> readFile(Path file) {
        JsonNode root = parseFile(file);
        List<Message> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String src = file.toString();
        if (root.isObject() && root.has("steps")) {
            JsonNode steps = root.get("steps");
            for (int i = 0; i < steps.size(); i++) {
                JsonNode input = steps.get(i).get("input");
                if (input == null && steps.get(i).has("retroactive")) continue;   // a counter action (CaseRunner runs it), not a message
                if (input == null) problems.add(src + ": steps[" + i + "]: no input");
                else read(input, src + ": steps[" + i + "].input", out, problems);
            }
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) read(root.get(i), src + ": [" + i + "]", out, problems);
        } else {
            read(root, src, out, problems);
        }
        if (!problems.isEmpty()) throw new InputException(problems);
        return out;
    }

    public static JsonNode parseFile(Path file) {
        try {
            return Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException ex) {
            var loc = ex.getLocation();
            throw new InputException(List.of(file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": 不是有效的 JSON：" + ex.getOriginalMessage()));
        } catch (IOException ex) {
            throw new InputException(List.of(file + ": 无法读取：" + ex.getMessage()));
        }
    }

    /** Reads one message; problems are added with the given source prefix. */
    public static Message read(JsonNode n, String src) {
        List<Message> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        read(n, src, out, problems);
        if (!problems.isEmpty()) throw new InputException(problems);
        return out.get(0);
    }

    private static void read(JsonNode n, String src, List<Message> out, List<String> problems) {
        JsonFields f = new JsonFields(src, problems);
        if (!n.isObject()) {
            problems.add(src + ": 应为 JSON 对象");
            return;
        }
        String action = n.has("action") ? n.get("action").asText() : "settle";
        if (action.equals("cancel")) {
            String id = f.str(n, "mdtrt_id", true);
            String reason = f.str(n, "reason", false);
            if (id != null && problems.isEmpty()) out.add(new Message.Cancel(src, id, reason));
            return;
        }
        if (action.equals("admit")) {
            f.unknown(n, ADMIT_FIELDS, "");
            String id = f.str(n, "mdtrt_id", true);
            String psn = f.str(n, "psn_no", true);
            String insu = f.admdvs(n, "insu_admdvs");
            String fix = f.admdvs(n, "fixmedins_admdvs");
            String mt = f.code(n, "med_type", MED_TYPES);
            LocalDate begn = f.date(n, "begntime", true);
            List<String> cats = f.strings(n, "relief_categories");
            List<Identity> ids = f.identities(n, "relief_identities");
            if (problems.isEmpty()) out.add(new Message.Admit(src, new Admission(id, psn, insu, fix, mt, begn, cats, ids)));
            return;
        }
        if (!action.equals("settle")) {
            problems.add(src + ": action: '" + action + "' 不是 admit（入院）、settle（结算）或 cancel（撤销）");
            return;
        }
        f.unknown(n, ENCOUNTER_FIELDS, "");
        String mdtrtId = f.str(n, "mdtrt_id", true);
        String psnNo = f.str(n, "psn_no", true);
        String certno = f.str(n, "certno", false);
        String name = f.str(n, "psn_name", false);
        LocalDate brdy = f.date(n, "brdy", false);
        String insutype = f.code(n, "insutype", INSUTYPES);
        String insuAdmdvs = f.admdvs(n, "insu_admdvs");
        String fixAdmdvs = f.admdvs(n, "fixmedins_admdvs");
        String hospLv = f.str(n, "hosp_lv", false);
        String medType = f.code(n, "med_type", MED_TYPES);
        LocalDate begn = f.date(n, "begntime", true);
        LocalDate end = f.date(n, "endtime", true);
        if (begn != null && end != null && end.isBefore(begn)) {
            problems.add(src + ": endtime: 出院时间 " + end + " 早于入院时间 " + begn);
        }
        List<String> cats = f.strings(n, "relief_categories");
        List<Identity> ids = f.identities(n, "relief_identities");
        YearToDate ytd = f.yearToDate(n, "year_to_date");
        PlatformResult platform = PlatformResultReader.read(n, f);
        List<String> dx = f.strings(n, "diagnoses");
        org.yidan.settlement.sheet.VisitFacts patient = PatientReader.read(n, f, dx);
        BigDecimal referral = f.money(n, "referral_dedc_paid", "referral_dedc_paid", false);
        BigDecimal deposit = f.money(n, "deposit", "deposit", false);
        List<FeeLine> lines = new ArrayList<>();
        JsonNode fd = n.get("feedetail");
        if (fd == null || fd.isNull()) {
            problems.add(src + ": feedetail: 缺少必填字段");
        } else if (!fd.isArray() || fd.isEmpty()) {
            problems.add(src + ": feedetail: 应为非空的费用明细列表");
        } else {
            for (int i = 0; i < fd.size(); i++) {
                FeeLine l = line(fd.get(i), "feedetail[" + i + "]", f);
                if (l != null) lines.add(l);
            }
        }
        Upstream up = Upstream.NONE;
        JsonNode u = n.get("upstream");
        if (u != null && !u.isNull()) {
            if (!u.isObject()) {
                problems.add(src + ": upstream: 应为对象");
            } else {
                f.unknown(u, UPSTREAM_FIELDS, "upstream.");
                up = new Upstream(f.money(u, "hifp_pay", "upstream.hifp_pay", false),
                        f.money(u, "hifmi_pay", "upstream.hifmi_pay", false),
                        f.money(u, "hifob_pay", "upstream.hifob_pay", false),
                        f.money(u, "hosp_part_amt", "upstream.hosp_part_amt", false),
                        f.money(u, "oth_pay", "upstream.oth_pay", false),
                        f.money(u, "acct_pay", "upstream.acct_pay", false));
            }
        }
        if (!problems.isEmpty()) return;
        out.add(new Message.Settle(src, new Encounter(mdtrtId, psnNo, certno, name, brdy, insutype, insuAdmdvs, fixAdmdvs,
                hospLv, medType, begn, end, cats, dx, referral, deposit, List.copyOf(lines), up, ids, ytd, platform), patient));
    }

    private static FeeLine line(JsonNode l, String at, JsonFields f) {
        if (!l.isObject()) {
            f.problem(at, "应为对象");
            return null;
        }
        f.unknown(l, LINE_FIELDS, at + ".");
        int before = f.problems.size();
        String sn = f.strAt(l, "feedetl_sn", at, false);
        String code = f.strAt(l, "med_list_codg", at, false);
        String lv = f.strAt(l, "chrgitm_lv", at, true);
        ChargeClass cls = ChargeClass.parse(lv);
        if (lv != null && cls == null) f.problem(at + ".chrgitm_lv", "未知的收费项目等级 '" + lv + "'，应为 01 甲类、02 乙类、03 丙类");
        BigDecimal cnt = f.decimal(l, "cnt", at + ".cnt", false, false);
        BigDecimal pric = f.decimal(l, "pric", at + ".pric", false, false);
        BigDecimal amt = f.money(l, "det_item_fee_sumamt", at + ".det_item_fee_sumamt", false);
        if (amt == null && cnt != null && pric != null) amt = Money.fen(cnt.multiply(pric));
        if (amt == null) f.problem(at + ".det_item_fee_sumamt", "缺少必填字段（或给出 cnt 和 pric）");
        if (amt != null && cnt != null && pric != null) {
            BigDecimal product = cnt.multiply(pric);
            if (product.subtract(amt).abs().compareTo(new BigDecimal("0.01")) > 0) {
                f.problem(at + ".det_item_fee_sumamt", amt + " 与 cnt × pric = " + product.stripTrailingZeros().toPlainString() + " 不符");
            }
        }
        BigDecimal prop = f.decimal(l, "selfpay_prop", at + ".selfpay_prop", false, true);
        BigDecimal limit = f.decimal(l, "pric_uplmt_amt", at + ".pric_uplmt_amt", false, false);
        if (limit != null && (cnt == null || pric == null)) f.problem(at + ".pric_uplmt_amt", "给出限价时须同时给出 cnt 和 pric");
        String kindText = f.strAt(l, "kind", at, false);
        LineKind kind = LineKind.parse(kindText);
        if (kind == null) f.problem(at + ".kind", "未知的明细类别 '" + kindText + "'，应为 ORDINARY（普通）、SPECIAL_DRUG（特药）或 PKU_FOOD（特殊食品）");
        if (f.problems.size() > before) return null;
        return new FeeLine(sn, code, cls, cnt, pric, amt, prop, limit, kind);
    }
}

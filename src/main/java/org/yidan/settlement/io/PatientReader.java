package org.yidan.settlement.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yidan.settlement.sheet.VisitFacts;

/**
 * A JSON encounter's {@code patient}: what the settlement sheet shows of the patient and the stay (性别, 科室, 床号,
 * 病案号, 诊断 names, 经办机构), in the platform's field names (1101 gend, 2401 adm_dept_codg / adm_dept_name / adm_bed /
 * medrcdno, diseinfo diag_code / diag_name). For the sheet only, never for the settlement; every value may be left out.
 */
final class PatientReader {
    static final Set<String> FIELDS = Set.of("gend", "adm_dept_codg", "adm_dept_name", "adm_room", "adm_bed", "medrcdno",
            "diseinfo", "insurer_name");
    private static final Set<String> DISEINFO = Set.of("diag_code", "diag_name");
    /** 性别 by GB/T 2261.1-2003 (the platform's gend); the word itself is taken as it is. */
    static final Map<String, String> GEND = Map.of("0", "未知的性别", "1", "男", "2", "女", "9", "未说明的性别");
    /** The longest text of a value, in characters (what a sheet's line can hold). */
    static final int MAX = 100;

    private PatientReader() {}

    /** Null when the encounter carries no {@code patient}; {@code diagnoses} (codes) stand in when it names none. */
    static VisitFacts read(JsonNode n, JsonFields f, List<String> diagnoses) {
        JsonNode p = n.get("patient");
        if (p == null || p.isNull()) return null;
        if (!p.isObject()) {
            f.problem("patient", "应为对象 {gend, adm_dept_codg, adm_dept_name, adm_room, adm_bed, medrcdno, diseinfo, insurer_name}");
            return null;
        }
        int before = f.problems.size();
        f.unknown(p, FIELDS, "patient.");
        String gend = text(p, "gend", "patient", f);
        if (gend != null && gend.matches("[0-9A-Za-z]+") && !GEND.containsKey(gend)) {
            f.problem("patient.gend", "'" + gend + "' 不是性别代码，应为 1 男、2 女、0 未知的性别、9 未说明的性别 之一（或直接写汉字）");
        }
        String code = text(p, "adm_dept_codg", "patient", f);
        String name = text(p, "adm_dept_name", "patient", f);
        String room = text(p, "adm_room", "patient", f);
        String bed = text(p, "adm_bed", "patient", f);
        String medrcdno = text(p, "medrcdno", "patient", f);
        String insurer = text(p, "insurer_name", "patient", f);
        List<VisitFacts.Diagnosis> dx = diseinfo(p, f);
        if (f.problems.size() > before) return null;
        if (dx.isEmpty()) for (String c : diagnoses) dx.add(new VisitFacts.Diagnosis(c, null));
        return new VisitFacts(gend == null ? null : GEND.getOrDefault(gend, gend), name != null ? name : code, room, bed,
                medrcdno, List.copyOf(dx), insurer);
    }

    private static List<VisitFacts.Diagnosis> diseinfo(JsonNode p, JsonFields f) {
        List<VisitFacts.Diagnosis> out = new ArrayList<>();
        JsonNode list = p.get("diseinfo");
        if (list == null || list.isNull()) return out;
        if (!list.isArray() || list.size() > org.yidan.settlement.core.Limits.MAX_LIST) {
            f.problem("patient.diseinfo", "应为列表 [{diag_code, diag_name}]，最多 " + org.yidan.settlement.core.Limits.MAX_LIST + " 项");
            return out;
        }
        f.eachObject(list, "patient.diseinfo", "{diag_code, diag_name}", DISEINFO, (d, at) -> {
            String code = text(d, "diag_code", at, f);
            if (code == null && !d.hasNonNull("diag_code")) f.problem(at + ".diag_code", "缺少必填字段");
            String name = text(d, "diag_name", at, f);
            if (code != null) out.add(new VisitFacts.Diagnosis(code, name));
        });
        return out;
    }

    private static String text(JsonNode n, String key, String at, JsonFields f) {
        String s = f.strAt(n, key, at, false);
        if (s != null && s.length() > MAX) {
            f.problem(at + "." + key, "长 " + s.length() + " 个字符，最多 " + MAX + " 个");
            return null;
        }
        return s;
    }
}

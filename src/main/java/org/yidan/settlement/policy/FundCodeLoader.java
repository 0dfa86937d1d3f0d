package org.yidan.settlement.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yidan.settlement.core.FundCodes;
import org.yidan.settlement.io.YamlNode;

/**
 * Loads mappings/fund-codes.yaml: each platform fund code (fund_pay_type), optionally with a setl_proc_info, and the
 * layer it is here. A bad entry names its line.
 */
final class FundCodeLoader {
    private FundCodeLoader() {}

    static FundCodes load(Path f) {
        if (!Files.isRegularFile(f)) throw new PolicyFileException(f.toString(), 0, "funds", "文件不存在（平台基金代码）");
        YamlNode root = PolicyLoader.parse(f);
        Map<String, FundCodes.Fund> table = new LinkedHashMap<>();
        for (YamlNode e : root.map(Set.of("funds")).get("funds").list()) {
            Map<String, YamlNode> m = e.map(Set.of("fund_pay_type", "setl_proc_info", "layer", "name", "note"));
            String code = PolicyLoader.need(e, m, "fund_pay_type").str();
            if (!code.matches("\\d{6}")) throw m.get("fund_pay_type").error("基金代码应为 6 位数字：'" + code + "'");
            String info = m.containsKey("setl_proc_info") ? m.get("setl_proc_info").str() : null;
            String layer = PolicyLoader.need(e, m, "layer").str();
            if (!FundCodes.LAYERS.contains(layer)) throw m.get("layer").error("layer 应为以下之一：" + String.join("、", new java.util.TreeSet<>(FundCodes.LAYERS)));
            String key = info == null ? code : code + "/" + info;
            if (table.put(key, new FundCodes.Fund(layer, PolicyLoader.need(e, m, "name").str())) != null) {
                throw m.get("fund_pay_type").error("基金 " + key + " 重复列出");
            }
        }
        return FundCodes.of(table);
    }
}

package org.yidan.settlement.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The conformance run as a tester hands it in: {@code junit.xml} (one testsuite per folder, one testcase per case, its
 * problems as the failure; what CI servers read) and {@code report.html} (self-contained, Simplified Chinese with the
 * machine codes beside: each case with the clauses it checks, what was sent and answered, expected against got).
 */
public final class ConformanceReport {
    private ConformanceReport() {}

    /** Writes both files into {@code dir} (made when missing); returns the HTML file. */
    public static Path write(Path dir, String target, String tag, ZonedDateTime at, List<Hl7Conformance.CaseResult> results,
                             List<String> notes) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("junit.xml"), junit(tag, at, results), StandardCharsets.UTF_8);
        Path html = dir.resolve("report.html");
        Files.writeString(html, html(target, tag, at, results, notes), StandardCharsets.UTF_8);
        return html;
    }

    static String junit(String tag, ZonedDateTime at, List<Hl7Conformance.CaseResult> results) {
        Map<String, List<Hl7Conformance.CaseResult>> bySuite = new TreeMap<>();
        for (Hl7Conformance.CaseResult r : results) bySuite.computeIfAbsent(r.suite(), k -> new java.util.ArrayList<>()).add(r);
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = results.stream().filter(r -> !r.passed()).count();
        x.append("<testsuites name=\"conformance ").append(xml(tag)).append("\" tests=\"").append(results.size())
                .append("\" failures=\"").append(failures).append("\">\n");
        bySuite.forEach((suite, rs) -> {
            x.append("  <testsuite name=\"").append(xml(suite)).append("\" tests=\"").append(rs.size()).append("\" failures=\"")
                    .append(rs.stream().filter(r -> !r.passed()).count()).append("\" errors=\"0\" skipped=\"0\" timestamp=\"")
                    .append(at.toLocalDateTime().withNano(0)).append("\" time=\"")
                    .append(seconds(rs.stream().mapToLong(Hl7Conformance.CaseResult::millis).sum())).append("\">\n");
            for (Hl7Conformance.CaseResult r : rs) {
                x.append("    <testcase classname=\"").append(xml(suite)).append("\" name=\"").append(xml(r.file()))
                        .append("\" time=\"").append(seconds(r.millis())).append("\">\n");
                if (!r.passed()) {
                    x.append("      <failure message=\"").append(xml(r.problems().get(0))).append("\">")
                            .append(xml(String.join("\n", r.problems()))).append("</failure>\n");
                }
                x.append("      <system-out>").append(xml(r.name() + "\n" + String.join("\n", r.documents()) + "\n"
                        + String.join("\n", r.steps()))).append("</system-out>\n");
                x.append("    </testcase>\n");
            }
            x.append("  </testsuite>\n");
        });
        return x.append("</testsuites>\n").toString();
    }

    static String html(String target, String tag, ZonedDateTime at, List<Hl7Conformance.CaseResult> results, List<String> notes) {
        long failed = results.stream().filter(r -> !r.passed()).count();
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>接口一致性测试报告 ")
                .append(esc(tag)).append("</title>\n<style>body{font-family:\"Noto Sans CJK SC\",sans-serif;margin:24px;color:#1b2430}"
                + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d8dee6;padding:6px 8px;text-align:left;"
                + "vertical-align:top;font-size:14px}.pass{color:#1e7a46;font-weight:600}.fail{color:#b3261e;font-weight:600}"
                + "details{margin:2px 0}pre{white-space:pre-wrap;margin:4px 0;font-size:12.5px;background:#f4f6f9;padding:6px}"
                + ".sum{font-size:16px;margin:8px 0 16px}</style></head><body>\n");
        h.append("<h1>接口一致性测试报告（conformance）</h1>\n<p class=\"sum\">被测实例 ").append(esc(target)).append("，运行 ")
                .append(esc(tag)).append("，").append(esc(at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx"))))
                .append("：共 ").append(results.size()).append(" 例，<span class=\"pass\">通过 ").append(results.size() - failed)
                .append("</span>，<span class=\"").append(failed == 0 ? "pass" : "fail").append("\">未通过 ").append(failed)
                .append("</span></p>\n");
        for (String n : notes) h.append("<p>").append(esc(n)).append("</p>\n");
        h.append("<table><thead><tr><th>结果</th><th>用例</th><th>说明与政策条款</th><th>发送与应答（预期 / 实际）</th></tr></thead><tbody>\n");
        for (Hl7Conformance.CaseResult r : results) {
            h.append("<tr id=\"").append(esc(r.suite() + "-" + r.file())).append("\"><td class=\"").append(r.passed() ? "pass" : "fail")
                    .append("\">").append(r.passed() ? "通过 PASS" : "未通过 FAIL").append("</td><td>").append(esc(r.suite()))
                    .append("/").append(esc(r.file())).append("</td><td>").append(esc(r.name()));
            for (String d : r.documents()) h.append("<br>").append(esc(d));
            if (r.skipped() > 0) h.append("<br><i>").append(r.skipped()).append(" 步无法用 HL7 表达，未发送</i>");
            h.append("</td><td>");
            if (!r.passed()) {
                h.append("<b>与预期不符：</b><pre>").append(esc(String.join("\n", r.problems()))).append("</pre>");
            }
            h.append("<details").append(r.passed() ? "" : " open").append("><summary>").append(r.steps().size())
                    .append(" 条报文</summary><pre>").append(esc(String.join("\n", r.steps()))).append("</pre></details></td></tr>\n");
        }
        return h.append("</tbody></table>\n</body></html>\n").toString();
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 has no place for other control characters, not even as references
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') b.append('?');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    private static String esc(String s) {
        return xml(s == null ? "" : s);
    }
}

package org.yidan.settlement.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.io.EncounterReader;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.io.Message;
import org.yidan.settlement.api.JsonResponses;
import org.yidan.settlement.app.ServiceMetrics;
import org.yidan.settlement.service.Settlements;

/**
 * A JSON message dropped as a file (the file-drop route): admit, settle or cancel, as in the settle command. The
 * body becomes the result, or {"errors": [...]} naming file and field; the result file is named after the input.
 */
@Singleton
public class JsonDropHandler implements Processor {
    private final Settler settler;
    private final Settlements settlements;
    private final ServiceMetrics metrics;

    JsonDropHandler(Settler settler, Settlements settlements, ServiceMetrics metrics) {
        this.settler = settler;
        this.settlements = settlements;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, "message.json", String.class);
        byte[] body = exchange.getIn().getBody(byte[].class);
        ObjectNode result;
        try {
            JsonNode n = JsonResponses.read(new String(body, StandardCharsets.UTF_8), name);
            Message m = EncounterReader.read(n, name);
            if (m instanceof Message.Cancel c) {
                // audited as every cancel is
                result = Json.MAPPER.createObjectNode().put("source", name);
                org.yidan.settlement.io.Processor.cancelled(result, c.mdtrtId(),
                        settlements.cancel(c.mdtrtId(), c.reason(), Settlements.Actor.FILE, "文件导入 " + name));
            } else {
                result = metrics.timeSettlement("file", () -> org.yidan.settlement.io.Processor.apply(settler, m, "文件导入 " + name,
                        (e, v) -> settlements.settle(e, m instanceof Message.Settle s ? s.patient() : null, v, Settlements.Actor.FILE)));
            }
        } catch (InputException | SettlementException ex) {
            metrics.rejected("file");
            List<String> errors = ex instanceof InputException ie ? ie.problems() : List.of(name + ": " + ex.getMessage());
            result = Json.MAPPER.createObjectNode();
            result.put("source", name);
            result.set("errors", Json.MAPPER.valueToTree(errors));
        }
        exchange.getMessage().setBody(result.toString().getBytes(StandardCharsets.UTF_8));
        exchange.getMessage().setHeader(Exchange.FILE_NAME, name.replaceAll("\\.json$", "") + ".result.json");
    }
}

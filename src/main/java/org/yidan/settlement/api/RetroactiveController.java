package org.yidan.settlement.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.api.security.User;
import org.yidan.settlement.core.Identity;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.io.AdjustmentsJson;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.service.Settlements;

/**
 * Relief recognised after discharge (依申请 / 追溯, e.g. 低保 granted with effect from an earlier date): a supervisor
 * settles the person's stays of the year again under the identities recognised, in one transaction; the answer is
 * one adjustment (补救助) per stay: the amounts before and after, the difference, what is now due back to the patient,
 * and the assistance working. Each is in the audit log; 对账 shows the cancels and new settlements of the day.
 */
@Controller("/api/counter")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RetroactiveController {
    private final Settlements settlements;

    RetroactiveController(Settlements settlements) {
        this.settlements = settlements;
    }

    /** Body: {year, reason, relief_identities: [{category, begntime, endtime}]}. */
    @Post("/persons/{psnNo}/retroactive")
    public HttpResponse<String> retroactive(HttpRequest<?> request, @PathVariable String psnNo, @Nullable @Body String body) {
        try {
            JsonNode n = JsonResponses.read(body == null ? "{}" : body, "request");
            List<String> problems = new ArrayList<>();
            if (!n.path("year").canConvertToInt() || n.path("year").asInt() < 1900) problems.add("year: 请填写年度，例如 2024");
            String reason = n.path("reason").asText("").trim();
            if (reason.isEmpty()) problems.add("reason: 请填写追溯依据（认定文件、日期、认定机关）");
            if (reason.length() > 500) problems.add("reason: 原因最多 500 个字");
            List<Identity> ids = new ArrayList<>();
            JsonNode list = n.path("relief_identities");
            if (!list.isArray() || list.isEmpty()) problems.add("relief_identities: 请填写认定的救助身份及其起止日期");
            for (int i = 0; i < list.size(); i++) {
                JsonNode x = list.get(i);
                String cat = x.path("category").asText("");
                if (cat.isBlank()) problems.add("relief_identities[" + i + "].category: 请填写救助身份类别");
                ids.add(new Identity(cat, date(x, "begntime", i, problems), date(x, "endtime", i, problems)));
            }
            if (!problems.isEmpty()) throw new InputException(problems);
            User u = CounterController.user(request);
            List<Settler.Adjustment> adj = settlements.retroactive(psnNo, n.get("year").asInt(), ids, reason,
                    new Settlements.Actor(u.username(), u.role().code()), "收费窗口追溯救助");
            return JsonResponses.ok(AdjustmentsJson.of(psnNo, n.get("year").asInt(), adj));
        } catch (InputException | SettlementException ex) {
            return JsonResponses.error(ex);
        }
    }

    private static java.time.LocalDate date(JsonNode x, String key, int i, List<String> problems) {
        String s = x.path(key).asText(null);
        if (s == null || s.isBlank()) return null;
        try {
            return Dates.parse(s, "relief_identities[" + i + "]." + key);
        } catch (InputException ex) {
            problems.addAll(ex.problems());
            return null;
        }
    }
}

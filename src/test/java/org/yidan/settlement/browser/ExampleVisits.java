package org.yidan.settlement.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yidan.settlement.app.ServiceFixture;
import org.yidan.settlement.service.Hl7Service;

/**
 * A service for the counter's browser tests: 聊城市人民医院 (an example code H37150200001), a clerk {@code li}, and the
 * README's two example visits
 * settled from their HL7 messages (EX-LC-0001 王秀英, UTF-8; EX-LY-0002 张三丰, GB18030).
 */
final class ExampleVisits {
    static final String CLERK = "li";
    static final String CLERK_PASSWORD = "Clerk-Secret-42x";

    private ExampleVisits() {}

    static ServiceFixture start(Path data) throws Exception {
        ServiceFixture svc = new ServiceFixture(data, Map.of("yidan.hospital.name", "聊城市人民医院", "yidan.hospital.code", "H37150200001"));
        svc.account(CLERK, "clerk", CLERK_PASSWORD);
        Hl7Service hl7 = svc.context.getBean(Hl7Service.class);
        for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7",
                "gb-01-adt-a01.hl7", "gb-02-dft-p03.hl7", "gb-03-adt-a03.hl7"}) {
            assertEquals("AA", hl7.handle(Files.readAllBytes(Path.of("mappings/examples", f))).ackCode(), f);
        }
        Files.createDirectories(Browser.SHOTS);
        return svc;
    }
}

package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.tools.MllpClient;

/** The routes that are off by default: JSON file drop and the bill sent outbound over MLLP. */
class RoutesTest {
    @TempDir
    Path data;

    @Test
    void jsonFilesDroppedInAFolderAreSettled() throws Exception {
        Path inbox = data.resolve("inbox");
        Files.createDirectories(inbox);
        try (ServiceFixture svc = new ServiceFixture(data, Map.of("yidan.drop.enabled", true, "yidan.drop.dir", inbox.toString()))) {
            Files.copy(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"), inbox.resolve("stay.json"));
            Files.writeString(inbox.resolve("bad.json"), "{\"mdtrt_id\": \"X\"}");
            Path result = inbox.resolve("results/stay.result.json");
            Path bad = inbox.resolve("results/bad.result.json");
            for (int i = 0; i < 100 && !(Files.exists(result) && Files.exists(bad)); i++) Thread.sleep(100);
            JsonNode r = Json.MAPPER.readTree(Files.readString(result));
            // the README example, worked by hand in SettlerTest
            assertEquals("6432.37", r.at("/bill/setlinfo/maf_pay").decimalValue().toPlainString());
            assertEquals(200, svc.get("/api/settlements/EX-LC-0001").status());
            // the file's patient facts are kept for the sheet (the example: 病案号 ZY2024000317, gend 2 女)
            org.yidan.settlement.sheet.VisitFacts p = svc.context.getBean(org.yidan.settlement.service.PatientFacts.class).of("EX-LC-0001");
            assertEquals("ZY2024000317", p.medrcdno());
            assertEquals("女", p.sex());
            String errors = Files.readString(bad);
            assertTrue(errors.contains("bad.json: psn_no: 缺少必填字段"), errors);
            assertTrue(Files.exists(inbox.resolve(".done/stay.json")));
        }
    }

    @Test
    void theBillIsSentOutbound() throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(4);
        try (ServerSocket his = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (Socket s = his.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    int b;
                    while ((b = in.read()) != 0x0b) if (b < 0) return;
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    while ((b = in.read()) != 0x1c) buf.write(b);
                    in.read();
                    received.add(buf.toString(StandardCharsets.UTF_8));
                    out.write(("\u000bMSH|^~\\&|HIS|H|YIDAN|S|20240101||ACK|1|P|2.5\rMSA|AA|x\r\u001c\r").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (Exception ignored) {
                    // the test fails on the empty queue
                }
            });
            t.start();
            Map<String, Object> props = Map.of("yidan.outbound.enabled", true, "yidan.outbound.host", "127.0.0.1",
                    "yidan.outbound.port", his.getLocalPort());
            try (ServiceFixture svc = new ServiceFixture(data, props); MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
                for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
                    c.send(Files.readAllBytes(Path.of("mappings/examples", f)));
                }
                String bill = received.poll(10, TimeUnit.SECONDS);
                assertTrue(bill != null, "no bill reached the HIS");
                assertTrue(bill.contains("|ZBL^Z01^ZBL_Z01|BLC0001-A03|"), bill);
                assertTrue(bill.contains("\rZBL|EX-LC-0001|35000.00|30603.27|21034.00|3136.90|0.00|6432.37|"), bill);
            }
        }
    }
}

package dev.palisade.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservedFlowsTest {

    private static final Snapshot SHOP = TestSupport.snapshotOf("network/shop.yaml");
    private static final Snapshot LIVE = TestSupport.snapshotOf("network/live.yaml");

    private static List<String> lines(ObservedFlows flows) {
        return flows.flows().stream().map(ObservedFlow::line).toList();
    }

    private static List<String> problems(ObservedFlows flows) {
        return flows.problems().stream().map(ObservedFlows.Problem::toString).toList();
    }

    @Test
    void csvWithHeaderInAnyOrderDefaultsToTcpAndKeepsLastSeen() {
        ObservedFlows flows = ObservedFlows.parse("flows.csv", """
                # exported from the flow logs
                port,destination,source,lastSeen,protocol,bytes
                8080,shop/api,shop/web,2026-11-20T10:00:00Z,,512
                5432,shop/StatefulSet/db,shop/api,,tcp,64

                9001,payments/pay,shop/api,2026-11-20T12:00:00+02:00,UDP,1
                """, SHOP);

        assertThat(problems(flows)).isEmpty();
        assertThat(lines(flows)).containsExactly(
                "shop/web[Deployment] => shop/api[Deployment] : TCP 8080",
                "shop/api[Deployment] => shop/db[StatefulSet] : TCP 5432",
                "shop/api[Deployment] => payments/pay[Deployment] : UDP 9001");
        assertThat(flows.flows().get(0).lastSeen()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(flows.flows().get(1).lastSeen()).isNull();
        assertThat(flows.flows().get(2).lastSeen()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void jsonObjectAndBareArrayAreTheSameFlows() {
        String object = """
                {"flows": [
                  {"source": "203.0.113.7", "destination": "shop/web", "port": 443, "lastSeen": "2026-11-20T10:00:00Z"},
                  {"source": "shop/Deployment/api", "destination": "payments/pay", "port": "9000", "protocol": "TCP"}
                ]}""";
        String array = object.substring(object.indexOf('['), object.lastIndexOf(']') + 1);

        ObservedFlows fromObject = ObservedFlows.parse("flows.json", object, SHOP);
        ObservedFlows fromArray = ObservedFlows.parse("flows.json", array, SHOP);

        assertThat(problems(fromObject)).isEmpty();
        assertThat(lines(fromObject)).containsExactly(
                "203.0.113.7[External] => shop/web[Deployment] : TCP 443",
                "shop/api[Deployment] => payments/pay[Deployment] : TCP 9000");
        assertThat(fromArray.flows()).isEqualTo(fromObject.flows());
    }

    @Test
    void podIpsResolveToTheirWorkloadAndOtherAddressesAreExternal() {
        ObservedFlows flows = ObservedFlows.parse("flows.csv", """
                source,destination,port
                10.0.0.11,10.0.0.30,9090
                10.0.0.12,2001:db8::7,443
                198.51.100.1,10.0.0.12,80
                """, LIVE);

        assertThat(problems(flows)).isEmpty();
        assertThat(lines(flows)).containsExactly(
                "team/web[Deployment] => team/bare[Pod] : TCP 9090",
                "team/web[Deployment] => 2001:db8:0:0:0:0:0:7[External] : TCP 443",
                "198.51.100.1[External] => team/web[Deployment] : TCP 80");
    }

    @Test
    void badCsvRowsAreReportedByLineAndTheOthersKept() {
        ObservedFlows flows = ObservedFlows.parse("flows.csv", """
                source,destination,port,protocol,lastSeen
                shop/web,shop/api,8080,TCP,
                shop/web,shop/api,http,TCP,
                shop/web,shop/api,70000,,
                shop/wbe,shop/api,80,,
                shop/web,shop/api,80,ICMP,
                shop/web,shop/api,80,TCP,yesterday
                web,shop/api,80,,
                ,shop/api,80,,
                203.0.113.7,198.51.100.1,80,,
                shop/web,shop/api,80,TCP,,extra
                "shop/web,shop/api,80
                shop/api,shop/db,5432,,
                """, SHOP);

        assertThat(lines(flows)).containsExactly("shop/web[Deployment] => shop/api[Deployment] : TCP 8080",
                "shop/api[Deployment] => shop/db[StatefulSet] : TCP 5432");
        assertThat(problems(flows)).containsExactly(
                "flows.csv: line 3: port 'http' is not a number from 1 to 65535",
                "flows.csv: line 4: port '70000' is not a number from 1 to 65535",
                "flows.csv: line 5: source 'shop/wbe' is not a workload of the inventory",
                "flows.csv: line 6: unknown protocol 'ICMP' (expected TCP, UDP or SCTP)",
                "flows.csv: line 7: lastSeen 'yesterday' is not an ISO-8601 time such as 2026-11-20T10:00:00Z",
                "flows.csv: line 8: source 'web' is neither NS/NAME, NS/KIND/NAME nor an IP address",
                "flows.csv: line 9: missing source",
                "flows.csv: line 10: neither end is a workload of the inventory",
                "flows.csv: line 11: has 6 cells, the header 5",
                "flows.csv: line 12: a quoted cell is not closed");
    }

    @Test
    void badJsonFlowsAreReportedByIndex() {
        ObservedFlows flows = ObservedFlows.parse("flows.json", """
                {"flows": [
                  {"source": "shop/web", "destination": "shop/api", "port": 8080},
                  "shop/web -> shop/api",
                  {"source": "shop/web", "destination": {"name": "api"}, "port": 80},
                  {"source": "shop/web", "destination": "shop/api"},
                  {"source": "shop/nope", "destination": "shop/gone", "port": 80.5}
                ]}""", SHOP);

        assertThat(lines(flows)).containsExactly("shop/web[Deployment] => shop/api[Deployment] : TCP 8080");
        assertThat(problems(flows)).containsExactly(
                "flows.json: flows[1]: not an object",
                "flows.json: flows[2]: destination must be a string or a number",
                "flows.json: flows[3]: missing port",
                "flows.json: flows[4]: source 'shop/nope' is not a workload of the inventory; destination"
                        + " 'shop/gone' is not a workload of the inventory; port '80.5' is not a number from 1 to 65535");
    }

    @Test
    void unreadableInputIsOneProblemWithoutItsContent() {
        assertThat(problems(ObservedFlows.parse("flows.json", "{\"flows\": [{\"source\": \"secret-ish", SHOP)))
                .singleElement().asString().startsWith("flows.json: line 1, column ").contains("invalid JSON")
                .doesNotContain("secret-ish");
        assertThat(problems(ObservedFlows.parse("flows.json", "{\"items\": []}", SHOP)))
                .containsExactly("flows.json: expected an array of flows or an object with a \"flows\" array");
        assertThat(problems(ObservedFlows.parse("flows.csv", "src,dst,port\nshop/web,shop/api,80\n", SHOP)))
                .containsExactly("flows.csv: line 1: not a flows file: the CSV header must name source, destination"
                        + " and port (optional: protocol, lastSeen); missing source, destination");
        assertThat(problems(ObservedFlows.parse("flows.csv", "\n\n", SHOP)))
                .containsExactly("flows.csv: no flows: neither JSON nor a CSV header");
    }

    @Test
    void ambiguousNamesAndSharedPodIpsAreReported() {
        Snapshot snapshot = TestSupport.snapshotOf("network/names.yaml");

        ObservedFlows flows = ObservedFlows.parse("flows.csv", """
                source,destination,port
                ns/app,ns/StatefulSet/app,80
                ns/deployment/app,192.168.1.5,80
                """, snapshot);

        assertThat(problems(flows)).containsExactly(
                "flows.csv: line 2: source 'ns/app' names several workloads (Deployment ns/app, StatefulSet ns/app):"
                        + " use NS/KIND/NAME",
                "flows.csv: line 3: destination '192.168.1.5' is a pod IP of several workloads (Pod ns/node-agent-1,"
                        + " Pod ns/node-agent-2)");
    }
}

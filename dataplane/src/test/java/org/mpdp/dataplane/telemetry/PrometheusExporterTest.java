package org.mpdp.dataplane.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.counters.CountersFileDescriptor;

final class PrometheusExporterTest
{
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(final int port, final String path) throws Exception
    {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeCountersInTextFormatWithGrowingValues() throws Exception
    {
        final Counters counters = new Counters(64);
        final AtomicCounter rx0 = counters.newCounter(CounterType.PORT_QUEUE, 0, 0, "rx", "port 0 q0 rx");
        counters.newCounter(CounterType.PORT_QUEUE, 1, 0, "rx", "port 1 q0 rx").setRelease(7);
        counters.newCounter(CounterType.PORT, 0, CountersFileDescriptor.NULL_KEY, "tx-dropped", "port 0 tx-dropped");
        counters.newCounter(CounterType.TABLE, 0, 2, "connections", "table connections").setRelease(3);
        counters.newCounter(CounterType.PROCESS, CountersFileDescriptor.NULL_KEY, CountersFileDescriptor.NULL_KEY,
            "heartbeats", "heartbeats");
        counters.newCounter(CounterType.PROCESS, CountersFileDescriptor.NULL_KEY, CountersFileDescriptor.NULL_KEY,
            "heartbeats", "heartbeats again");
        counters.newCounter("a \"quoted\" \\ label");
        try (PrometheusExporter exporter = PrometheusExporter.start(counters.reader(), 0))
        {
            rx0.incrementRelease();
            final HttpResponse<String> first = get(exporter.port(), PrometheusExporter.PATH);
            assertEquals(200, first.statusCode());
            assertEquals(PrometheusExporter.CONTENT_TYPE, first.headers().firstValue("Content-Type").orElseThrow());
            final List<String> lines = first.body().lines().toList();
            assertEquals(List.of(
                "# TYPE mpdp_port_queue_rx counter",
                "mpdp_port_queue_rx{port=\"0\",queue=\"0\"} 1",
                "mpdp_port_queue_rx{port=\"1\",queue=\"0\"} 7",
                "# TYPE mpdp_port_tx_dropped counter",
                "mpdp_port_tx_dropped{port=\"0\"} 0",
                "# TYPE mpdp_table_connections gauge",
                "mpdp_table_connections{table=\"0\",worker=\"2\"} 3",
                "# TYPE mpdp_process_heartbeats counter",
                "mpdp_process_heartbeats 0",
                "mpdp_process_heartbeats{id=\"5\"} 0",
                "# TYPE mpdp_other counter",
                "mpdp_other{id=\"6\",label=\"a \\\"quoted\\\" \\\\ label\"} 0"), lines);

            rx0.getAndAddRelease(41);
            assertTrue(get(exporter.port(), PrometheusExporter.PATH).body()
                .contains("mpdp_port_queue_rx{port=\"0\",queue=\"0\"} 42\n"));
            assertEquals(404, get(exporter.port(), "/other").statusCode());
        }
    }
}

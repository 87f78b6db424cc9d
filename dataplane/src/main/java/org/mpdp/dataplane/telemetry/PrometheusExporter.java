package org.mpdp.dataplane.telemetry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.agrona.concurrent.status.CountersReader;
import org.mpdp.dataplane.counters.CounterRecord;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dataplane.counters.CountersFileReader;

/**
 * The same counters as {@link MpdpTelemetry}, in Prometheus' text exposition format (0.0.4) on
 * {@code http://127.0.0.1:PORT/metrics}, for scrapers that do not speak DPDK telemetry.
 *
 * <p>A typed counter is {@code mpdp_<type>_<name>} with its key ints as labels named by {@link CounterType}
 * (e.g. {@code mpdp_port_queue_rx{port="0",queue="1"} 123}); a label-only counter is
 * {@code mpdp_other{id="7",label="..."}}. Names keep {@code [a-zA-Z0-9_]}, anything else becomes {@code _};
 * label values are escaped as the format says; a second counter with the same name and keys gets an {@code id} label. Series of one name are contiguous, under one {@code # TYPE}
 * line: {@code counter}, except table counters (occupancy goes down), which are {@code gauge}.
 *
 * <p>Served by one daemon thread of its own; like the telemetry handlers it only reads counters with volatile
 * loads, so it never holds up the packet path. Loopback only: it has no authentication.
 */
public final class PrometheusExporter implements AutoCloseable
{
    /** The path scraped. */
    public static final String PATH = "/metrics";
    /** Content type of the text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private PrometheusExporter(final HttpServer server, final ExecutorService executor)
    {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param reader the counters.
     * @param port   TCP port on 127.0.0.1; 0 picks a free one (see {@link #port()}).
     * @return the running exporter; close it to stop.
     * @throws UncheckedIOException naming the port when it cannot be bound.
     */
    public static PrometheusExporter start(final CountersReader reader, final int port)
    {
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("prometheus port=" + port + " must be 0..65535");
        }
        final HttpServer server;
        try
        {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for prometheus: " +
                ex.getMessage(), ex);
        }
        final ExecutorService executor = Executors.newSingleThreadExecutor(r ->
        {
            final Thread t = new Thread(r, "mpdp-prometheus");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(reader, exchange));
        server.start();
        return new PrometheusExporter(server, executor);
    }

    /**
     * @return the bound port.
     */
    public int port()
    {
        return server.getAddress().getPort();
    }

    /**
     * Stops serving and ends the thread.
     */
    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void serve(final CountersReader reader, final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(PATH))
            {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD"))
            {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            final byte[] body = render(CountersFileReader.snapshot(reader)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            if (method.equals("HEAD"))
            {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        }
    }

    /**
     * @param records counters, in id order.
     * @return the text exposition.
     */
    static String render(final List<CounterRecord> records)
    {
        final Map<String, List<String>> series = new LinkedHashMap<>();
        final Map<String, String> types = new LinkedHashMap<>();
        final Set<String> seen = new HashSet<>();
        for (final CounterRecord r : records)
        {
            final String name = metricName(r);
            types.putIfAbsent(name, r.type() == CounterType.TABLE ? "gauge" : "counter");
            String id = name + labels(r, false);
            if (!seen.add(id))
            {
                // Two counters with one name and key: the counter id tells the series apart.
                id = name + labels(r, true);
            }
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(id + " " + r.value());
        }
        final StringBuilder b = new StringBuilder();
        for (final Map.Entry<String, List<String>> e : series.entrySet())
        {
            b.append("# TYPE ").append(e.getKey()).append(' ').append(types.get(e.getKey())).append('\n');
            for (final String line : e.getValue())
            {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    static String metricName(final CounterRecord r)
    {
        final String name = "mpdp_" + CounterKeys.token(r.typeId()) + (r.name().isEmpty() ? "" : "_" + r.name());
        final StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            b.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return b.toString();
    }

    private static String labels(final CounterRecord r, final boolean withId)
    {
        final List<String> labels = new ArrayList<>(3);
        if (withId && !r.name().isEmpty())
        {
            labels.add("id=\"" + r.id() + "\"");
        }
        if (r.name().isEmpty())
        {
            labels.add("id=\"" + r.id() + "\"");
            labels.add("label=\"" + escape(r.label()) + "\"");
        }
        else
        {
            final CounterType type = r.type();
            if (r.firstKey() != CountersFileDescriptor.NULL_KEY)
            {
                labels.add((type != null && type.firstKey() != null ? type.firstKey() : "key1") + "=\"" +
                    r.firstKey() + "\"");
            }
            if (r.secondKey() != CountersFileDescriptor.NULL_KEY)
            {
                labels.add((type != null && type.secondKey() != null ? type.secondKey() : "key2") + "=\"" +
                    r.secondKey() + "\"");
            }
        }
        return labels.isEmpty() ? "" : "{" + String.join(",", labels) + "}";
    }

    private static String escape(final String value)
    {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

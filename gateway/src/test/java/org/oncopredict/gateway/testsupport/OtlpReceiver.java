package org.oncopredict.gateway.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal OpenTelemetry collector for tests: an OTLP/HTTP receiver ({@code http/protobuf}) on loopback that keeps
 * every span it is sent. {@code POST /v1/traces} bodies are {@code ExportTraceServiceRequest} messages
 * (opentelemetry-proto {@code collector/trace/v1}), decoded here field by field with protobuf-java's
 * {@link CodedInputStream} (no generated classes needed); {@code /v1/metrics} and {@code /v1/logs} are accepted and
 * dropped. Answers 200 with an empty {@code Export*ServiceResponse}.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** OTLP span kinds (opentelemetry-proto {@code Span.SpanKind}). */
    public enum Kind { UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER }

    /** One received span: ids in lower-case hex, the resource's {@code service.name}, attributes as strings. */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                               Kind kind, Map<String, String> attributes, Map<String, String> resource) {

        public boolean isRoot() {
            return parentSpanId.isEmpty();
        }

        @Override
        public String toString() {
            return service + " " + kind + " '" + name + "' " + spanId + " parent " + (isRoot() ? "-" : parentSpanId)
                    + " " + attributes;
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "otlp-receiver");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OTLP receiver", e);
        }
    }

    /** The base URL to give exporters ({@code …/v1/traces} is appended by them). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Requests that could not be decoded (should be none). */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** The spans of one trace. */
    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /**
     * Waits until the spans of {@code traceId} satisfy {@code complete} (exporters batch: spans arrive some time after
     * the request) and returns them; after {@code timeout} returns what has arrived.
     */
    public List<ReceivedSpan> awaitTrace(String traceId, Predicate<List<ReceivedSpan>> complete, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ReceivedSpan> trace = trace(traceId);
        while (!complete.test(trace) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            trace = trace(traceId);
        }
        return trace;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (path.endsWith("/v1/traces")) {
                try {
                    spans.addAll(decodeTraces(body));
                } catch (IOException | RuntimeException e) {
                    errors.add(path + ": " + e);
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    // ---------------------------------------------------------------------------------------- OTLP protobuf decoding

    /** {@code ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }} */
    static List<ReceivedSpan> decodeTraces(byte[] body) throws IOException {
        List<ReceivedSpan> out = new ArrayList<>();
        for (Field f : fields(body)) {
            if (f.number == 1) {
                decodeResourceSpans(f.bytes, out);
            }
        }
        return out;
    }

    /** {@code ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }} */
    private static void decodeResourceSpans(byte[] bytes, List<ReceivedSpan> out) throws IOException {
        Map<String, String> resource = new LinkedHashMap<>();
        List<byte[]> scopes = new ArrayList<>();
        for (Field f : fields(bytes)) {
            if (f.number == 1) {
                // Resource { repeated KeyValue attributes = 1; }
                for (Field a : fields(f.bytes)) {
                    if (a.number == 1) {
                        keyValue(a.bytes, resource);
                    }
                }
            } else if (f.number == 2) {
                scopes.add(f.bytes);
            }
        }
        String service = resource.getOrDefault("service.name", "");
        for (byte[] scope : scopes) {
            // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
            for (Field f : fields(scope)) {
                if (f.number == 2) {
                    out.add(span(f.bytes, service, resource));
                }
            }
        }
    }

    /**
     * {@code Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4;
     * string name = 5; SpanKind kind = 6; fixed64 start = 7; fixed64 end = 8; repeated KeyValue attributes = 9; …}}
     */
    private static ReceivedSpan span(byte[] bytes, String service, Map<String, String> resource) throws IOException {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        Kind kind = Kind.UNSPECIFIED;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field f : fields(bytes)) {
            switch (f.number) {
                case 1 -> traceId = HexFormat.of().formatHex(f.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(f.bytes);
                case 4 -> parent = HexFormat.of().formatHex(f.bytes);
                case 5 -> name = new String(f.bytes, java.nio.charset.StandardCharsets.UTF_8);
                case 6 -> kind = Kind.values()[(int) f.varint];
                case 9 -> keyValue(f.bytes, attributes);
                default -> { }
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, kind, Collections.unmodifiableMap(attributes),
                resource);
    }

    /** {@code KeyValue { string key = 1; AnyValue value = 2; }} */
    private static void keyValue(byte[] bytes, Map<String, String> into) throws IOException {
        String key = "";
        String value = "";
        for (Field f : fields(bytes)) {
            if (f.number == 1) {
                key = new String(f.bytes, java.nio.charset.StandardCharsets.UTF_8);
            } else if (f.number == 2) {
                value = anyValue(f.bytes);
            }
        }
        into.put(key, value);
    }

    /**
     * {@code AnyValue { oneof { string string_value = 1; bool bool_value = 2; int64 int_value = 3;
     * double double_value = 4; ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; }}}
     */
    private static String anyValue(byte[] bytes) throws IOException {
        for (Field f : fields(bytes)) {
            switch (f.number) {
                case 1: return new String(f.bytes, java.nio.charset.StandardCharsets.UTF_8);
                case 2: return Boolean.toString(f.varint != 0);
                case 3: return Long.toString(f.varint);
                case 4: return Double.toString(Double.longBitsToDouble(f.fixed64));
                case 5: {
                    List<String> items = new ArrayList<>();
                    for (Field item : fields(f.bytes)) {
                        if (item.number == 1) {
                            items.add(anyValue(item.bytes));
                        }
                    }
                    return items.toString();
                }
                case 6: {
                    Map<String, String> map = new LinkedHashMap<>();
                    for (Field kv : fields(f.bytes)) {
                        if (kv.number == 1) {
                            keyValue(kv.bytes, map);
                        }
                    }
                    return map.toString();
                }
                case 7: return HexFormat.of().formatHex(f.bytes);
                default: break;
            }
        }
        return "";
    }

    /** One field of a message: its number and, by wire type, its varint, fixed64 or length-delimited bytes. */
    private record Field(int number, long varint, long fixed64, byte[] bytes) {
    }

    private static List<Field> fields(byte[] message) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        List<Field> fields = new ArrayList<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            int number = WireFormat.getTagFieldNumber(tag);
            switch (WireFormat.getTagWireType(tag)) {
                case WireFormat.WIRETYPE_VARINT -> fields.add(new Field(number, in.readInt64(), 0, null));
                case WireFormat.WIRETYPE_FIXED64 -> fields.add(new Field(number, 0, in.readFixed64(), null));
                case WireFormat.WIRETYPE_LENGTH_DELIMITED -> fields.add(new Field(number, 0, 0, in.readByteArray()));
                default -> in.skipField(tag);
            }
        }
        return fields;
    }
}

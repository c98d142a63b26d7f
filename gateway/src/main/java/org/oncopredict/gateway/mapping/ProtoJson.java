package org.oncopredict.gateway.mapping;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.rest.Problem;

/**
 * The public JSON of the gRPC resources: the canonical proto3 JSON mapping (protobuf-java-util's JsonFormat) of the
 * {@code oncology.*.v1} messages, lowerCamelCase field names, enums by name, 64-bit integers as strings, every field
 * without presence printed (so 0 and an empty list are explicit), optional fields only when set. Parsing is strict:
 * an unknown field or a wrong type is a 400 naming the field, so a misspelt field is an error, not lost data.
 */
public final class ProtoJson {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().alwaysPrintFieldsWithNoPresence()
            .omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    private static final Pattern UNKNOWN_FIELD = Pattern.compile("Cannot find field: (\\S+) in message (\\S+)");

    private ProtoJson() {
    }

    public static String print(Message message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a message the services returned could not be printed as JSON", e);
        }
    }

    /** Parses {@code json} into {@code builder}; a problem names the field (prefixed with {@code prefix}, if any). */
    public static <B extends Message.Builder> B parse(String json, B builder, String prefix) {
        if (json == null || json.isBlank()) {
            throw ApiException.badRequest("(body)", "A JSON body is required");
        }
        try {
            PARSER.merge(json, builder);
            return builder;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            String message = e.getMessage() == null ? "malformed JSON" : e.getMessage();
            Matcher unknown = UNKNOWN_FIELD.matcher(message);
            String field = unknown.find() ? unknown.group(1) : "(body)";
            String text = unknown.find(0) ? "unknown field '" + unknown.group(1) + "'" : readable(message);
            throw ApiException.invalid("The JSON body is not a valid " + builder.getDescriptorForType().getName(),
                    List.of(new Problem.FieldError(prefix == null || field.equals("(body)") ? field : prefix + field,
                            text)));
        }
    }

    /** The parser's message without Java internals (class names, stack frames). */
    private static String readable(String message) {
        String first = message.lines().findFirst().orElse(message);
        first = first.replaceAll("com\\.google\\.[\\w.$]+: ", "").replaceAll("java\\.[\\w.$]+: ", "");
        return first.length() > 200 ? first.substring(0, 200) : first;
    }
}

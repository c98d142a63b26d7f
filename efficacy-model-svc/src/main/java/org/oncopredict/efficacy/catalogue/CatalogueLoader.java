package org.oncopredict.efficacy.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads and validates a regimen catalogue file; plain static code, usable without CDI (tests, tools).
 * The service uses it through {@link RegimenCatalogue}.
 *
 * <p>Every problem is reported in one {@link CatalogueValidationException}, each naming the regimen
 * or rule and the field. Parsing is strict: unknown properties, numbers given as strings and
 * fractional integers are errors, because a typo in clinical rules must not pass silently.
 */
public final class CatalogueLoader {

    /** The catalogue shipped with the service (classpath resource). */
    public static final String DEFAULT_RESOURCE = "catalogue/regimens-v1.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CatalogueLoader() {
    }

    /** The shipped catalogue, {@value #DEFAULT_RESOURCE}. */
    public static Catalogue loadDefault() {
        return loadResource(DEFAULT_RESOURCE);
    }

    /** A catalogue from the classpath. */
    public static Catalogue loadResource(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = CatalogueLoader.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("regimen catalogue not found on the classpath: " + resource);
            }
            return load(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read regimen catalogue " + resource, e);
        }
    }

    /**
     * @param origin names the source in error messages (file or resource name)
     * @throws CatalogueValidationException when the JSON is malformed or the content invalid
     */
    public static Catalogue load(InputStream in, String origin) throws IOException {
        Objects.requireNonNull(in, "in");
        JsonNode tree;
        try {
            tree = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new CatalogueValidationException(origin, "malformed JSON: " + e.getOriginalMessage()
                    + location(e), e);
        }
        return fromTree(tree, origin);
    }

    /** A catalogue from JSON text. */
    public static Catalogue parse(String json, String origin) {
        Objects.requireNonNull(json, "json");
        try {
            return fromTree(MAPPER.readTree(json), origin);
        } catch (JsonProcessingException e) {
            throw new CatalogueValidationException(origin, "malformed JSON: " + e.getOriginalMessage()
                    + location(e), e);
        }
    }

    private static Catalogue fromTree(JsonNode tree, String origin) {
        if (tree == null || !tree.isObject()) {
            throw new CatalogueValidationException(origin, "the catalogue must be a JSON object", null);
        }
        CatalogueDocument document;
        try {
            document = MAPPER.treeToValue(tree, CatalogueDocument.class);
        } catch (JsonProcessingException e) {
            throw new CatalogueValidationException(origin, describe(e, tree), e);
        }
        return CatalogueValidator.validate(document, origin);
    }

    /** A mapping error as "regimen 'x' field 'drugs[0].foo': ..." by walking the JSON path of the error. */
    private static String describe(JsonProcessingException e, JsonNode tree) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return e.getOriginalMessage();
        }
        String subject = "catalogue";
        StringBuilder field = new StringBuilder();
        JsonNode node = tree;
        int depth = 0;
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                node = node == null ? null : node.get(ref.getFieldName());
                field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                node = node == null ? null : node.get(ref.getIndex());
                field.append('[').append(ref.getIndex()).append(']');
            }
            depth++;
            // After "regimens[i]" or "rules[i]" the rest of the path is a field of that entry.
            if (depth == 2 && (field.toString().startsWith("regimens[") || field.toString().startsWith("rules["))) {
                String kind = field.toString().startsWith("regimens[") ? "regimen" : "rule";
                JsonNode id = node == null ? null : node.get("id");
                subject = id != null && id.isTextual() ? kind + " '" + id.asText() + "'" : kind + " #" + ref.getIndex();
                field.setLength(0);
            }
        }
        String problem = e instanceof UnrecognizedPropertyException
                ? "unknown property" : "cannot read value: " + firstLine(e.getOriginalMessage());
        return subject + " field '" + (field.length() == 0 ? "(entry)" : field) + "': " + problem;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

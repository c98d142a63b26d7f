package org.oncopredict.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI FHIR's R4 context (created once: it scans the model classes, which takes a second or two) and its JSON
 * parser. Parsing is strict, like the rest of the API: an unknown element or a wrong JSON type is an error naming it,
 * not silently lost data. Parsers are cheap and not thread-safe, so each call gets its own.
 */
@ApplicationScoped
public class FhirJson {

    public static final String MEDIA_TYPE = "application/fhir+json";

    private final FhirContext context = FhirContext.forR4();

    public FhirContext context() {
        return context;
    }

    /** The resource; {@link DataFormatException} (with HAPI's message naming the element) when it is not valid. */
    public <T extends IBaseResource> T parse(String json, Class<T> type) {
        IParser parser = context.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        return parser.parseResource(type, json);
    }

    /** Lenient parsing for data from elsewhere (CDS Hooks prefetch): unknown elements are dropped, not errors. */
    public <T extends IBaseResource> T parseLenient(String json, Class<T> type) {
        return context.newJsonParser().parseResource(type, json);
    }

    public String encode(IBaseResource resource) {
        return context.newJsonParser().encodeResourceToString(resource);
    }
}

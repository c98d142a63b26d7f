package org.oncopredict.gateway.cds;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** The JSON shapes of CDS Hooks 2.0 responses (discovery, cards, feedback receipt). */
public final class CdsModels {

    private CdsModels() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Discovery(List<Service> services) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(String hook, String title, String description, String id, Map<String, String> prefetch,
                          String usageRequirements) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cards(List<Card> cards, List<Action> systemActions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Card(String uuid, String summary, String detail, String indicator, Source source,
                       List<Suggestion> suggestions, String selectionBehavior, List<Coding> overrideReasons,
                       List<Link> links) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String label, String url, String icon, Coding topic) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coding(String system, String code, String display) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String type, String description, JsonNode resource, String resourceId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(String label, String url, String type, String appContext) {
    }
}

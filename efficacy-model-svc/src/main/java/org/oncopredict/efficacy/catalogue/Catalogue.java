package org.oncopredict.efficacy.catalogue;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.LabType;

/**
 * An immutable, validated regimen catalogue: the regimens in file order (the stable order of every
 * listing), the contraindication rules and the reference upper limits of normal. Obtain one from
 * {@link CatalogueLoader}; in the service, inject {@link RegimenCatalogue}.
 */
public final class Catalogue {

    private final String version;
    private final Map<String, Regimen> regimens;
    private final List<ContraindicationRule> rules;
    private final Map<LabType, Double> upperLimitsOfNormal;

    /**
     * @param version             catalogue version, e.g. "1.0.0"
     * @param regimens            regimens with unique ids, in catalogue order
     * @param rules               contraindication rules, in catalogue order
     * @param upperLimitsOfNormal reference ULN per lab, in the lab's unit, for {@code xULN} thresholds
     */
    Catalogue(String version, List<Regimen> regimens, List<ContraindicationRule> rules,
              Map<LabType, Double> upperLimitsOfNormal) {
        this.version = Objects.requireNonNull(version, "version");
        Map<String, Regimen> byId = new LinkedHashMap<>();
        for (Regimen regimen : regimens) {
            if (byId.putIfAbsent(regimen.id(), regimen) != null) {
                throw new IllegalArgumentException("duplicate regimen id " + regimen.id());
            }
        }
        this.regimens = Collections.unmodifiableMap(byId);
        this.rules = List.copyOf(rules);
        this.upperLimitsOfNormal = upperLimitsOfNormal.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(upperLimitsOfNormal));
    }

    public String version() {
        return version;
    }

    /** Every regimen, in catalogue order. */
    public List<Regimen> regimens() {
        return List.copyOf(regimens.values());
    }

    public Optional<Regimen> find(String id) {
        return Optional.ofNullable(regimens.get(id));
    }

    /** @throws NoSuchElementException for an id that is not catalogued */
    public Regimen require(String id) {
        return find(id).orElseThrow(() -> new NoSuchElementException("regimen not in catalogue " + version + ": " + id));
    }

    /** The regimens with an indication for this cancer type, in catalogue order (empty for uncatalogued types). */
    public List<Regimen> forCancerType(CancerType cancerType) {
        return regimens.values().stream().filter(r -> r.cancerTypes().contains(cancerType)).toList();
    }

    /** Every rule, in catalogue order. */
    public List<ContraindicationRule> rules() {
        return rules;
    }

    /** The rules whose scope covers this regimen, in catalogue order. */
    public List<ContraindicationRule> rulesFor(Regimen regimen) {
        return rules.stream().filter(rule -> rule.appliesTo().appliesTo(regimen)).toList();
    }

    /** The reference upper limit of normal of a lab, in the lab's unit, when the catalogue defines one. */
    public OptionalDouble upperLimitOfNormal(LabType labType) {
        Double uln = upperLimitsOfNormal.get(labType);
        return uln == null ? OptionalDouble.empty() : OptionalDouble.of(uln);
    }
}

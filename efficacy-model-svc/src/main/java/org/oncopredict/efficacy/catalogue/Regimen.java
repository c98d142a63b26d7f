package org.oncopredict.efficacy.catalogue;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.oncopredict.proto.profile.v1.CancerType;

/**
 * A catalogued treatment regimen. Its id is what {@code TherapyLine.regimen_id} holds and equals
 * cohort-sim's {@code Regimen.id()} for the regimens the simulator knows.
 *
 * @param id                 stable id, {@code ^[a-z0-9][a-z0-9-]{1,63}$}, e.g. "cisplatin-pemetrexed"
 * @param name               display name
 * @param drugs              the drugs; empty only for supportive care
 * @param supportiveCareOnly best supportive care: no anticancer drug, exempt from therapy rules
 * @param indications        the settings it is indicated in, in order of preference
 */
public record Regimen(
        String id,
        String name,
        List<Drug> drugs,
        boolean supportiveCareOnly,
        List<Indication> indications) {

    public Regimen {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        drugs = List.copyOf(drugs);
        indications = List.copyOf(indications);
    }

    /** The cancer types of its indications, in enum order. */
    public Set<CancerType> cancerTypes() {
        Set<CancerType> types = EnumSet.noneOf(CancerType.class);
        indications.forEach(i -> types.add(i.cancerType()));
        return Collections.unmodifiableSet(types);
    }

    /** The indications for one cancer type, in catalogue order. */
    public List<Indication> indicationsFor(CancerType cancerType) {
        return indications.stream().filter(i -> i.cancerType() == cancerType).toList();
    }

    public boolean contains(DrugClass drugClass) {
        return drugs.stream().anyMatch(d -> d.drugClass() == drugClass);
    }

    public boolean containsDrug(String drugName) {
        return drugs.stream().anyMatch(d -> d.name().equals(drugName));
    }

    /** Contains at least one classic cytotoxic drug. */
    public boolean isCytotoxic() {
        return drugs.stream().anyMatch(d -> d.drugClass().isCytotoxic());
    }
}

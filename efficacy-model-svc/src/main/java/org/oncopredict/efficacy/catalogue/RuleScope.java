package org.oncopredict.efficacy.catalogue;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which regimens a contraindication rule applies to. Every criterion given must hold (AND); a list
 * criterion holds when the regimen contains any of its entries (OR). At least one criterion is set.
 * Example: chemo-immunotherapy is {@code {"cytotoxic": true, "drugClasses": ["PD1_INHIBITOR"]}}.
 *
 * @param drugClasses   regimen contains a drug of one of these classes (empty: no constraint)
 * @param drugs         regimen contains one of these drugs, by name (empty: no constraint)
 * @param activeTherapy regimen contains an anticancer drug, i.e. is not supportive care only
 * @param cytotoxic     regimen contains a cytotoxic drug
 */
public record RuleScope(Set<DrugClass> drugClasses, Set<String> drugs, boolean activeTherapy, boolean cytotoxic) {

    public RuleScope {
        drugClasses = drugClasses.isEmpty()
                ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(drugClasses));
        drugs = Set.copyOf(drugs);
    }

    /** True when no criterion is set; such a scope applies to nothing and the validator rejects it. */
    public boolean isEmpty() {
        return drugClasses.isEmpty() && drugs.isEmpty() && !activeTherapy && !cytotoxic;
    }

    public boolean appliesTo(Regimen regimen) {
        Objects.requireNonNull(regimen, "regimen");
        if (isEmpty()) {
            return false;
        }
        return (drugClasses.isEmpty() || drugClasses.stream().anyMatch(regimen::contains))
                && (drugs.isEmpty() || drugs.stream().anyMatch(regimen::containsDrug))
                && (!activeTherapy || !regimen.supportiveCareOnly())
                && (!cytotoxic || regimen.isCytotoxic());
    }
}

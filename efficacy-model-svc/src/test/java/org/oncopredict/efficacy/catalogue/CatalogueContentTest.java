package org.oncopredict.efficacy.catalogue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.oncopredict.proto.profile.v1.CancerType;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped catalogue: it loads, validates and covers cohort-sim's regimens. */
class CatalogueContentTest {

    private static final Catalogue CATALOGUE = CatalogueLoader.loadDefault();

    @Test
    void theShippedCatalogueLoadsWithAtLeastTwentyRegimens() {
        assertThat(CATALOGUE.version()).isEqualTo("1.0.0");
        assertThat(CATALOGUE.regimens()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(CATALOGUE.rules()).isNotEmpty();
        for (CancerType type : CancerTypes.CATALOGUED) {
            assertThat(CATALOGUE.forCancerType(type)).as("regimens for %s", type).hasSizeGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void everyCohortSimRegimenIsCataloguedWithTheSameCancerTypes() {
        for (org.oncopredict.cohortsim.Regimen simulated : org.oncopredict.cohortsim.Regimen.values()) {
            assertThat(CATALOGUE.find(simulated.id())).as("catalogue entry for %s", simulated.id())
                    .hasValueSatisfying(r -> assertThat(r.cancerTypes()).isEqualTo(simulated.cancerTypes()));
        }
    }

    @Test
    void cataloguedDrugsIncludeTheSimulatorsDrugsAndClasses() {
        for (org.oncopredict.cohortsim.Regimen simulated : org.oncopredict.cohortsim.Regimen.values()) {
            Regimen regimen = CATALOGUE.require(simulated.id());
            Set<String> simulatedDrugs = simulated.drugs().stream()
                    .map(d -> d.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .collect(Collectors.toSet());
            assertThat(regimen.drugs()).extracting(Drug::name).as(simulated.id()).containsAll(simulatedDrugs);
            assertThat(regimen.isCytotoxic()).as("cytotoxic %s", simulated.id()).isEqualTo(simulated.isCytotoxic());
            assertThat(regimen.contains(DrugClass.PD1_INHIBITOR)).isEqualTo(simulated.isCheckpointInhibitor());
            assertThat(regimen.supportiveCareOnly()).isEqualTo(simulated.isBestSupportiveCare());
        }
    }

    @Test
    void bestSupportiveCareIsOfferedForEveryCancerTypeAndExemptFromTherapyRules() {
        Regimen bsc = CATALOGUE.require("best-supportive-care");

        assertThat(bsc.supportiveCareOnly()).isTrue();
        assertThat(bsc.drugs()).isEmpty();
        assertThat(bsc.cancerTypes()).containsExactlyInAnyOrderElementsOf(CancerTypes.CATALOGUED);
        assertThat(CATALOGUE.rulesFor(bsc)).isEmpty();
    }

    @Test
    void rulesReachTheRegimensTheyAreWrittenFor() {
        assertThat(CATALOGUE.rulesFor(CATALOGUE.require("cisplatin-pemetrexed"))).extracting(ContraindicationRule::id)
                .contains("cisplatin-renal-function", "pemetrexed-renal-function", "neutropenia-cytotoxic")
                .doesNotContain("checkpoint-prior-severe-immune-toxicity");
        assertThat(CATALOGUE.rulesFor(CATALOGUE.require("carboplatin-pemetrexed"))).extracting(ContraindicationRule::id)
                .doesNotContain("cisplatin-renal-function");
        assertThat(CATALOGUE.rulesFor(CATALOGUE.require("pembrolizumab"))).extracting(ContraindicationRule::id)
                .contains("checkpoint-prior-severe-immune-toxicity", "ecog-poor-performance-status")
                .doesNotContain("neutropenia-cytotoxic", "ecog-2-chemo-immunotherapy");
        assertThat(CATALOGUE.rulesFor(CATALOGUE.require("pembrolizumab-carboplatin-pemetrexed")))
                .extracting(ContraindicationRule::id).contains("ecog-2-chemo-immunotherapy");
    }

    @Test
    void everyIndicationCitesItsEvidence() {
        assertThat(CATALOGUE.regimens()).flatExtracting(Regimen::indications).allSatisfy(i -> {
            assertThat(i.source()).containsPattern("(19|20)\\d{2}");
            assertThat(i.evidenceLevel().isRoutineUse()).as(i.source()).isTrue();
        });
        assertThat(Arrays.stream(EvidenceLevel.values()).map(EvidenceLevel::code))
                .containsExactly("I-A", "I-B", "I-C", "II-A", "II-B", "III-A", "III-B", "IV-A", "R");
    }

    @Test
    void theCdiBeanLoadsTheShippedCatalogue() {
        RegimenCatalogue bean = new RegimenCatalogue();
        bean.load();

        assertThat(bean.version()).isEqualTo(CATALOGUE.version());
        assertThat(bean.regimens()).isEqualTo(CATALOGUE.regimens());
        assertThat(bean.forCancerType(CancerType.CANCER_TYPE_BREAST)).isNotEmpty();
        assertThat(bean.find("osimertinib")).isPresent();
        assertThat(new EligibilityEvaluator(bean).evaluateAll(TestProfiles.breast().build(), TestProfiles.AS_OF))
                .hasSameSizeAs(bean.forCancerType(CancerType.CANCER_TYPE_BREAST));
    }
}

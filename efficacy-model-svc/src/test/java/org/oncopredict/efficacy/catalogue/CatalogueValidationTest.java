package org.oncopredict.efficacy.catalogue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every validation rule rejects a small bad catalogue with a message naming the regimen (or rule) and field. */
class CatalogueValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A minimal valid catalogue that each case breaks in one place. */
    private static final String FIXTURE = """
            {
              "version": "test-1",
              "upperLimitsOfNormal": {"BILIRUBIN": 1.2},
              "regimens": [
                {"id": "alpha-drug", "name": "Alpha",
                 "drugs": [{"name": "cisplatin", "drugClass": "PLATINUM_CISPLATIN"}],
                 "indications": [{"cancerType": "NSCLC", "lines": {"from": 1}, "requires": ["EGFR_ACTIVATING"],
                                  "evidenceLevel": "I-A", "source": "TRIAL-1 (Doe et al., NEJM 2020)",
                                  "summary": "test indication"}]},
                {"id": "beta-drug", "name": "Beta",
                 "drugs": [{"name": "pembrolizumab", "drugClass": "PD1_INHIBITOR"}],
                 "indications": [{"cancerType": "BREAST", "lines": {"from": 2, "to": 3},
                                  "evidenceLevel": "I-B", "source": "Guideline (Roe et al., Ann Oncol 2021)",
                                  "summary": "test indication"}]},
                {"id": "supportive", "name": "Best supportive care", "supportiveCareOnly": true, "drugs": [],
                 "indications": [{"cancerType": "COLORECTAL", "lines": {"from": 1},
                                  "evidenceLevel": "I-A", "source": "Guideline (Roe et al., JCO 2017)",
                                  "summary": "test indication"}]}
              ],
              "rules": [
                {"id": "renal", "appliesTo": {"drugClasses": ["PLATINUM_CISPLATIN"]},
                 "field": "lab.EGFR", "operator": "LT", "threshold": 45, "unit": "mL/min/1.73m2", "lookbackDays": 90,
                 "severity": "CONTRAINDICATED", "reason": "contraindicated", "topic": "renal check", "source": "label"},
                {"id": "hepatic", "appliesTo": {"activeTherapy": true},
                 "field": "lab.BILIRUBIN", "operator": "GT", "threshold": 1.5, "unit": "xULN", "lookbackDays": 30,
                 "severity": "CAUTION", "reason": "caution", "topic": "hepatic check", "source": "label"},
                {"id": "rechallenge", "appliesTo": {"drugs": ["pembrolizumab"]},
                 "field": "history.progressedOnSameRegimen", "operator": "IS_TRUE",
                 "severity": "CONTRAINDICATED", "reason": "progressed", "topic": "history", "source": "standard"}
              ]
            }
            """;

    @Test
    void theFixtureIsValid() {
        Catalogue catalogue = CatalogueLoader.parse(FIXTURE, "fixture");

        assertThat(catalogue.regimens()).extracting(Regimen::id).containsExactly("alpha-drug", "beta-drug", "supportive");
        assertThat(catalogue.rules()).hasSize(3);
        assertThat(catalogue.require("beta-drug").indications().get(0).lines()).isEqualTo(new LineRange(2, 3));
    }

    static Stream<Arguments> badCatalogues() {
        return Stream.of(
                // regimens
                arguments("/regimens/1/id", "\"alpha-drug\"", "regimen 'alpha-drug' field 'id': duplicate id"),
                arguments("/regimens/0/id", "\"Alpha_Drug\"", "regimen 'Alpha_Drug' field 'id': must match"),
                arguments("/regimens/0/id", "\"a\"", "regimen 'a' field 'id': must match"),
                arguments("/regimens/0/id", "null", "regimen #0 field 'id': is required"),
                arguments("/regimens/0/name", "\" \"", "regimen 'alpha-drug' field 'name': is required"),
                arguments("/regimens/0/indications/0/cancerType", "\"LUNG\"",
                        "regimen 'alpha-drug' field 'indications[0].cancerType': unknown cancer type 'LUNG'"),
                arguments("/regimens/0/indications/0/cancerType", "\"OTHER\"",
                        "regimen 'alpha-drug' field 'indications[0].cancerType': unknown cancer type 'OTHER'"),
                arguments("/regimens/0/drugs", "[]", "regimen 'alpha-drug' field 'drugs': at least one drug is required"),
                arguments("/regimens/2/drugs", "[{\"name\": \"cisplatin\", \"drugClass\": \"PLATINUM_CISPLATIN\"}]",
                        "regimen 'supportive' field 'drugs': a supportiveCareOnly regimen lists no drugs"),
                arguments("/regimens/0/drugs/0/drugClass", "\"PLATINUM\"",
                        "regimen 'alpha-drug' field 'drugs[0].drugClass': unknown drug class 'PLATINUM'"),
                arguments("/regimens/0/drugs/0/name", "\"Cisplatin!\"",
                        "regimen 'alpha-drug' field 'drugs[0].name': must be a lower-case drug name"),
                arguments("/regimens/0/indications", "[]",
                        "regimen 'alpha-drug' field 'indications': at least one indication is required"),
                arguments("/regimens/0/indications/0/lines", "{\"from\": 0}",
                        "regimen 'alpha-drug' field 'indications[0].lines.from': line of therapy must be ≥ 1, got 0"),
                arguments("/regimens/0/indications/0/lines", "{\"from\": 3, \"to\": 2}",
                        "regimen 'alpha-drug' field 'indications[0].lines.to': must be ≥ from (3), got 2"),
                arguments("/regimens/0/indications/0/lines", "null",
                        "regimen 'alpha-drug' field 'indications[0].lines': is required"),
                arguments("/regimens/0/indications/0/requires", "[\"EGFR_MUTANT\"]",
                        "regimen 'alpha-drug' field 'indications[0].requires[0]': unknown biomarker 'EGFR_MUTANT'"),
                arguments("/regimens/0/indications/0/excludes", "[\"EGFR_ACTIVATING\"]",
                        "regimen 'alpha-drug' field 'indications[0].excludes': biomarker EGFR_ACTIVATING is both required and excluded"),
                arguments("/regimens/0/indications/0/evidenceLevel", "\"I-Z\"",
                        "regimen 'alpha-drug' field 'indications[0].evidenceLevel': unknown evidence level 'I-Z'"),
                arguments("/regimens/0/indications/0/source", "\"\"",
                        "regimen 'alpha-drug' field 'indications[0].source': a source reference"),
                arguments("/regimens/0/indications/0/source", "\"FLAURA\"",
                        "regimen 'alpha-drug' field 'indications[0].source': must cite a year"),
                arguments("/regimens/0/indications/0/summary", "null",
                        "regimen 'alpha-drug' field 'indications[0].summary': is required"),
                arguments("/regimens/0/colour", "\"red\"", "regimen 'alpha-drug' field 'colour': unknown property"),
                arguments("/regimens/0/indications/0/lines/from", "\"1\"",
                        "regimen 'alpha-drug' field 'indications[0].lines.from': cannot read value"),
                // rules: well-formed expressions over known data
                arguments("/rules/0/field", "\"lab.CREATININE\"",
                        "rule 'renal' field 'field': unknown lab type 'CREATININE'"),
                arguments("/rules/0/field", "\"weight\"", "rule 'renal' field 'field': unknown field 'weight'"),
                arguments("/rules/0/operator", "\"BELOW\"", "rule 'renal' field 'operator': unknown operator 'BELOW'"),
                arguments("/rules/0/operator", "\"IS_TRUE\"",
                        "rule 'renal' field 'operator': operator IS_TRUE does not apply to numeric field 'lab.EGFR'"),
                arguments("/rules/2/operator", "\"GTE\"",
                        "rule 'rechallenge' field 'operator': operator GTE does not apply to boolean field"),
                arguments("/rules/0/threshold", "null", "rule 'renal' field 'threshold': a finite threshold is required"),
                arguments("/rules/2/threshold", "1", "rule 'rechallenge' field 'threshold': operator IS_TRUE takes no threshold"),
                arguments("/rules/0/threshold", "-5", "rule 'renal' field 'threshold': a lab threshold cannot be negative"),
                arguments("/rules/0/threshold", "\"45\"", "rule 'renal' field 'threshold': cannot read value"),
                arguments("/rules/0/unit", "\"mg/dL\"", "rule 'renal' field 'unit': 'mg/dL' does not match lab.EGFR"),
                arguments("/rules/0/unit", "null", "rule 'renal' field 'unit': is required for lab.EGFR"),
                arguments("/rules/0/unit", "\"xULN\"", "rule 'renal' field 'unit': xULN needs upperLimitsOfNormal.EGFR"),
                arguments("/rules/2/unit", "\"days\"", "rule 'rechallenge' field 'unit': history.progressedOnSameRegimen is unitless"),
                arguments("/rules/0/lookbackDays", "null", "rule 'renal' field 'lookbackDays': a look-back window ≥ 1 day is required"),
                arguments("/rules/2/lookbackDays", "30", "rule 'rechallenge' field 'lookbackDays': history field"),
                arguments("/rules/0/severity", "\"NOT_INDICATED\"",
                        "rule 'renal' field 'severity': must be CONTRAINDICATED or CAUTION"),
                arguments("/rules/0/reason", "\"\"", "rule 'renal' field 'reason': is required"),
                arguments("/rules/0/topic", "null", "rule 'renal' field 'topic': is required"),
                arguments("/rules/0/source", "null", "rule 'renal' field 'source': is required"),
                arguments("/rules/1/id", "\"renal\"", "rule 'renal' field 'id': duplicate id (also rule #0)"),
                arguments("/rules/0/appliesTo", "{}", "rule 'renal' field 'appliesTo': must set at least one of"),
                arguments("/rules/0/appliesTo", "null", "rule 'renal' field 'appliesTo': is required"),
                arguments("/rules/0/appliesTo", "{\"drugClasses\": [\"PLATINUM_ANY\"]}",
                        "rule 'renal' field 'appliesTo.drugClasses[0]': unknown drug class 'PLATINUM_ANY'"),
                arguments("/rules/0/appliesTo", "{\"drugClasses\": [\"TAXANE\"]}",
                        "rule 'renal' field 'appliesTo': matches no regimen"),
                arguments("/rules/2/appliesTo", "{\"drugs\": [\"nivolumab\"]}",
                        "rule 'rechallenge' field 'appliesTo.drugs[0]': unknown drug 'nivolumab'"),
                // catalogue level
                arguments("/version", "\"\"", "catalogue field 'version': is required"),
                arguments("/regimens", "[]", "catalogue field 'regimens': at least one regimen is required"),
                arguments("/upperLimitsOfNormal", "{\"GGT\": 50}",
                        "catalogue field 'upperLimitsOfNormal.GGT': unknown lab type 'GGT'"),
                arguments("/upperLimitsOfNormal", "{\"BILIRUBIN\": 0}",
                        "catalogue field 'upperLimitsOfNormal.BILIRUBIN': must be a positive number"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badCatalogues")
    void aBadCatalogueIsRejectedNamingRegimenAndField(String pointer, String value, String expectedMessage)
            throws Exception {
        String bad = with(pointer, JSON.readTree(value));

        assertThatThrownBy(() -> CatalogueLoader.parse(bad, "bad.json"))
                .isInstanceOf(CatalogueValidationException.class)
                .hasMessageStartingWith("invalid regimen catalogue bad.json")
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(FIXTURE);
        ((ObjectNode) tree.at("/regimens/0/indications/0")).put("cancerType", "LUNG").put("evidenceLevel", "A");
        ((ObjectNode) tree.at("/rules/0")).put("field", "lab.GLUCOSE");

        assertThatThrownBy(() -> CatalogueLoader.parse(JSON.writeValueAsString(tree), "bad.json"))
                .isInstanceOfSatisfying(CatalogueValidationException.class, e -> assertThat(e.errors())
                        .hasSize(3)
                        .anySatisfy(m -> assertThat(m).contains("indications[0].cancerType"))
                        .anySatisfy(m -> assertThat(m).contains("indications[0].evidenceLevel"))
                        .anySatisfy(m -> assertThat(m).contains("rule 'renal' field 'field'")))
                .hasMessageContaining("(3 errors)");
    }

    @Test
    void malformedJsonIsRejectedWithItsLocation() {
        byte[] broken = FIXTURE.replaceFirst("\"name\": \"Alpha\",", "\"name\": \"Alpha\"")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CatalogueLoader.load(new ByteArrayInputStream(broken), "broken.json"))
                .isInstanceOf(CatalogueValidationException.class)
                .hasMessageContaining("invalid regimen catalogue broken.json: malformed JSON")
                .hasMessageContaining("at line 6");
    }

    @Test
    void aMissingResourceIsAClearError() {
        assertThatThrownBy(() -> CatalogueLoader.loadResource("catalogue/nope.json"))
                .hasMessage("regimen catalogue not found on the classpath: catalogue/nope.json");
    }

    /** The fixture with the value at {@code pointer} replaced (or added). */
    private static String with(String pointer, JsonNode value) throws Exception {
        JsonNode tree = JSON.readTree(FIXTURE);
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = tree.at(path.head());
        String last = path.last().getMatchingProperty();
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return JSON.writeValueAsString(tree);
    }
}

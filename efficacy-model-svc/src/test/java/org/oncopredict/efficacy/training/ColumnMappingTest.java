package org.oncopredict.efficacy.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnMappingTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void roundTripsThroughJson() throws Exception {
        ColumnMapping mapping = new ColumnMapping(
                new TreatmentColumn("arm", List.of("B"), List.of("A"), Map.of("A", "docetaxel", "B", "sotorasib")),
                List.of(CovariateColumn.numeric("age"), CovariateColumn.categorical("ecog", "0")),
                new TimeColumn("pfs_weeks", FollowUpUnit.WEEKS), EventColumn.of("progressed", "yes", "no"),
                new ResponseColumn("best_response", List.of("CR", "PR"), List.of("SD", "PD")));
        String text = json.writeValueAsString(mapping);
        assertThat(json.readValue(text, ColumnMapping.class)).isEqualTo(mapping);
    }

    @Test
    void readsTheDocumentedExample() throws Exception {
        String text = """
                {"treatment": {"column": "hormon", "treatedValues": ["1"], "controlValues": ["0"], "regimenIds": {}},
                 "covariates": [{"column": "age", "type": "NUMERIC"},
                                {"column": "grade", "type": "CATEGORICAL", "referenceLevel": "1"}],
                 "time": {"column": "rfstime", "unit": "DAYS"},
                 "event": {"column": "status", "eventValues": ["1"], "censoredValues": ["0"]}}
                """;
        ColumnMapping mapping = json.readValue(text, ColumnMapping.class);
        assertThat(mapping.treatment()).isEqualTo(TreatmentColumn.of("hormon", "1", "0"));
        assertThat(mapping.covariates()).containsExactly(CovariateColumn.numeric("age"),
                CovariateColumn.categorical("grade", "1"));
        assertThat(mapping.response()).isNull();
        assertThat(mapping.columns()).containsExactly("hormon", "rfstime", "status", "age", "grade");
        assertThat(json.writeValueAsString(mapping)).doesNotContain("null");
    }

    @Test
    void stripsCodesAndRejectsAmbiguousOnes() {
        assertThat(new EventColumn(" status ", List.of(" 1"), List.of("0 ")).eventValues()).containsExactly("1");
        assertThatThrownBy(() -> new EventColumn("status", List.of("1", "0"), List.of("0")))
                .hasMessageContaining("'0' is listed both as event and as censored value of 'status'");
        assertThatThrownBy(() -> new EventColumn("status", List.of(), List.of("0")))
                .hasMessageContaining("event values of 'status' must list at least one value");
        assertThatThrownBy(() -> new TreatmentColumn("arm", List.of("1", "1"), List.of("0"), null))
                .hasMessageContaining("list '1' twice");
    }

    @Test
    void rejectsAColumnMappedTwice() {
        assertThatThrownBy(() -> new ColumnMapping(TreatmentColumn.of("arm", "1", "0"),
                List.of(CovariateColumn.numeric("time")), new TimeColumn("time", FollowUpUnit.DAYS),
                EventColumn.of("status", "1", "0"), null))
                .hasMessage("column 'time' is mapped twice (as time and as covariate)");
    }

    @Test
    void regimenIdsMustCoverEveryArmValue() {
        assertThatThrownBy(() -> new TreatmentColumn("arm", List.of("B"), List.of("A"), Map.of("B", "sotorasib")))
                .hasMessageContaining("must map exactly the arm values [A, B], got [B]");
        TreatmentColumn mapped = new TreatmentColumn("arm", List.of("B"), List.of("A"),
                Map.of("A", "docetaxel", "B", "sotorasib"));
        assertThat(mapped.armOf("A")).isEqualTo("docetaxel");
        assertThat(TreatmentColumn.of("arm", "B", "A").armOf("A")).isEqualTo("A");
    }

    @Test
    void onlyCategoricalCovariatesHaveAReferenceLevel() {
        assertThatThrownBy(() -> new CovariateColumn("age", CovariateType.NUMERIC, "50"))
                .hasMessageContaining("covariate 'age' is numeric and cannot have a reference level");
        assertThatThrownBy(() -> new CovariateColumn("age", null, null)).hasMessageContaining("type of covariate 'age'");
    }
}

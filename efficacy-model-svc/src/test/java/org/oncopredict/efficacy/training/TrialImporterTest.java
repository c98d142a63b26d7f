package org.oncopredict.efficacy.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

class TrialImporterTest {

    private static final String HEADER = "id,arm,time,status,age,stage,resp";
    private static final List<String> ROWS = List.of(
            "1,A,10,1,60,II,PR",
            "2,B,20,0,55,III,SD",
            "3,A,30,1,70,II,PD",
            "4,B,40,0,65,IV,CR",
            "5,A,15,1,50,III,SD",
            "6,B,25,1,58,II,PR");

    private static ColumnMapping mapping() {
        return new ColumnMapping(TreatmentColumn.of("arm", "B", "A"),
                List.of(CovariateColumn.numeric("age"), CovariateColumn.categorical("stage", "II")),
                new TimeColumn("time", FollowUpUnit.DAYS), EventColumn.of("status", "1", "0"),
                new ResponseColumn("resp", List.of("CR", "PR"), List.of("SD", "PD")));
    }

    private static TrialTable read(ColumnMapping mapping, String csv) {
        return new TrialImporter(mapping, 3).read("test.csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static String table(List<String> rows) {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    /** The valid table with data row {@code row} (from 1) replaced. */
    private static String withRow(int row, String replacement) {
        String[] rows = ROWS.toArray(String[]::new);
        rows[row - 1] = replacement;
        return table(List.of(rows));
    }

    @Test
    void importsAndEncodesAValidTable() {
        TrialTable table = read(mapping(), table(ROWS));
        assertThat(table.size()).isEqualTo(6);
        assertThat(table.eventCount()).isEqualTo(4);
        assertThat(table.treatedCount()).isEqualTo(3);
        assertThat(table.covariateNames()).containsExactly("age", "stage=III", "stage=IV");
        assertThat(table.categoricalLevels()).isEqualTo(Map.of("stage", List.of("II", "III", "IV")));
        assertThat(table.subjects().get(3)).isEqualTo(new TrialSubject(4, "B", true, 40 / 30.4375, false,
                List.of(65.0, 0.0, 1.0), ResponseStatus.RESPONDER));
        assertThat(table.subjects().get(2).response()).isEqualTo(ResponseStatus.NON_RESPONDER);

        SurvivalData data = table.survivalData();
        assertThat(data.featureNames()).containsExactly("arm", "age", "stage=III", "stage=IV");
        assertThat(data.features(1)).containsExactly(1, 55, 1, 0);
        assertThat(data.time(0)).isEqualTo(10 / 30.4375);
        assertThat(data.description()).contains("test.csv", table.sha256());
    }

    @Test
    void toleratesQuotingWhiteSpaceBomAndBlankLines() {
        String csv = "\uFEFF" + HEADER + "\n" + String.join("\n", ROWS).replace("1,A,10", "1,\" A \", 10 ") + "\n\n";
        TrialTable table = read(mapping(), csv);
        assertThat(table.size()).isEqualTo(6);
        assertThat(table.subjects().get(0).arm()).isEqualTo("A");
        assertThat(table.subjects().get(0).timeMonths()).isEqualTo(10 / 30.4375);
    }

    @Test
    void mapsArmsToRegimenIds() {
        ColumnMapping mapping = new ColumnMapping(new TreatmentColumn("arm", List.of("B"), List.of("A"),
                Map.of("A", "docetaxel", "B", "sotorasib")), List.of(), new TimeColumn("time", FollowUpUnit.DAYS),
                EventColumn.of("status", "1", "0"), null);
        TrialTable table = read(mapping, table(ROWS));
        assertThat(table.subjects()).extracting(TrialSubject::arm)
                .containsExactly("docetaxel", "sotorasib", "docetaxel", "sotorasib", "docetaxel", "sotorasib");
        assertThat(table.subjects()).allMatch(subject -> subject.response() == ResponseStatus.NOT_RECORDED);
        assertThat(table.covariateNames()).isEmpty();
    }

    @Test
    void ordersNumericLevelsNumerically() {
        ColumnMapping mapping = mapping().withCovariates(List.of(CovariateColumn.categorical("age", null)));
        TrialTable table = read(mapping, table(List.of(
                "1,A,10,1,9,II,PR", "2,B,20,0,10,II,PR", "3,A,30,1,100,II,PR", "4,B,30,1,9,II,PR")));
        assertThat(table.categoricalLevels().get("age")).containsExactly("9", "10", "100");
        assertThat(table.covariateNames()).containsExactly("age=10", "age=100");
    }

    static Stream<Arguments> malformedTables() {
        ColumnMapping mapping = mapping();
        return Stream.of(
                Arguments.of("missing column", mapping.withCovariates(List.of(CovariateColumn.numeric("weight"))),
                        table(ROWS), "column 'weight': not in the table header (columns: id, arm, time, status, age, "
                                + "stage, resp)"),
                Arguments.of("duplicated column", mapping, table(ROWS).replace("stage,resp", "age,resp"),
                        "column 'age': appears 2 times in the table header"),
                Arguments.of("empty file", mapping, "", "the table is empty: no header line"),
                Arguments.of("non-numeric time", mapping, withRow(2, "2,B,abc,0,55,III,SD"),
                        "column 'time', row 2: non-numeric value 'abc'"),
                Arguments.of("negative time", mapping, withRow(3, "3,A,-5,1,70,II,PD"),
                        "column 'time', row 3: negative time -5"),
                Arguments.of("blank time", mapping, withRow(4, "4,B,,0,65,IV,CR"), "column 'time', row 4: missing value"),
                Arguments.of("event value outside the allowed set", mapping, withRow(1, "1,A,10,2,60,II,PR"),
                        "column 'status', row 1: value '2' is not an allowed event value (event: [1]; censored: [0])"),
                Arguments.of("unknown arm", mapping, withRow(2, "2,C,20,0,55,III,SD"),
                        "column 'arm', row 2: value 'C' is not a coded arm (treated: [B]; control: [A])"),
                Arguments.of("missing covariate", mapping, withRow(5, "5,A,15,1,,III,SD"),
                        "column 'age', row 5: missing value (impute or drop incomplete rows before import)"),
                Arguments.of("NaN covariate", mapping, withRow(1, "1,A,10,1,NaN,II,PR"),
                        "column 'age', row 1: non-numeric value 'NaN'"),
                Arguments.of("missing categorical level", mapping, withRow(6, "6,B,25,1,58,,PR"),
                        "column 'stage', row 6: missing value"),
                Arguments.of("uncoded response", mapping, withRow(6, "6,B,25,1,58,II,NE"),
                        "column 'resp', row 6: value 'NE' is not a coded response (responders: [CR, PR]; "
                                + "non-responders: [SD, PD])"),
                Arguments.of("record with too few fields", mapping, withRow(3, "3,A,30,1"),
                        "row 3: malformed CSV record"),
                Arguments.of("too few rows", mapping, table(ROWS.subList(0, 2)),
                        "the table has 2 data rows; at least 3 are required"),
                Arguments.of("no events", mapping, table(ROWS).replace(",1,", ",0,"),
                        "column 'status': no row records an event"),
                Arguments.of("a single arm", mapping, table(ROWS).replace(",B,", ",A,"),
                        "column 'arm': no row is in the treated arm [B]"),
                Arguments.of("constant covariate", mapping, table(ROWS).replaceAll(",(\\d\\d),(II|III|IV)", ",60,$2"),
                        "column 'age': has the same value in every row"),
                Arguments.of("absent reference level", mapping.withCovariates(
                                List.of(CovariateColumn.categorical("stage", "I"))), table(ROWS),
                        "column 'stage': reference level 'I' does not occur (levels: [II, III, IV])"),
                Arguments.of("single categorical level", mapping.withCovariates(
                                List.of(CovariateColumn.categorical("stage", null))), table(ROWS).replaceAll(",I+V?,", ",II,"),
                        "column 'stage': has the single level 'II'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTables")
    void reportsTheColumnAndRowAtFault(String name, ColumnMapping mapping, String csv, String expected) {
        assertThatThrownBy(() -> read(mapping, csv))
                .isInstanceOf(TrialImportException.class)
                .hasMessageStartingWith("cannot import trial table 'test.csv': ")
                .hasMessageContaining(expected);
    }

    @Test
    void reportsEveryProblemUpToACap() {
        List<String> rows = Collections.nCopies(30, "9,A,10,x,60,II,PR");
        TrialImportException error = catchThrowableOfType(TrialImportException.class,
                () -> read(mapping(), table(rows)));
        assertThat(error.totalProblems()).isEqualTo(30);
        assertThat(error.problems()).hasSize(TrialImporter.MAX_REPORTED_PROBLEMS);
        assertThat(error.problems().get(19)).isEqualTo(new TrialImportProblem("status", 20,
                "value 'x' is not an allowed event value (event: [1]; censored: [0])"));
        assertThat(error).hasMessageEndingWith("; and 10 more");
    }

    @Test
    void listsProblemsOfDifferentRowsAndColumnsTogether() {
        String csv = table(List.of("1,A,-1,1,60,II,PR", "2,B,20,0,old,III,SD", "3,A,30,1,70,II,PD",
                "4,B,40,0,65,IV,CR"));
        TrialImportException error = catchThrowableOfType(TrialImportException.class, () -> read(mapping(), csv));
        assertThat(error.problems()).extracting(TrialImportProblem::describe).containsExactly(
                "column 'time', row 1: negative time -1", "column 'age', row 2: non-numeric value 'old'");
    }

    @Test
    void defaultsToTwentyRowsAtLeast() {
        assertThatThrownBy(() -> new TrialImporter(mapping()).read("small.csv",
                table(ROWS).getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("the table has 6 data rows; at least 20 are required");
    }

    @Test
    void importsGbsg() {
        TrialTable table = TrialData.gbsg();
        assertThat(table.source()).isEqualTo("gbsg.csv");
        assertThat(table.sha256()).isEqualTo("9fa0fef0575d04d3273869be28405307f1b02993751498e8a0c844541cccd5d9");
        assertThat(table.size()).isEqualTo(686);
        assertThat(table.eventCount()).isEqualTo(299);
        assertThat(table.treatedCount()).isEqualTo(246);
        assertThat(table.covariateNames())
                .containsExactly("age", "meno", "size", "grade=2", "grade=3", "nodes", "pgr", "er");
        int grade2 = table.covariateNames().indexOf("grade=2");
        assertThat(table.subjects().stream().mapToDouble(s -> s.covariates().get(grade2)).sum()).isEqualTo(444);
        assertThat(table.subjects().stream().mapToDouble(s -> s.covariates().get(grade2 + 1)).sum()).isEqualTo(161);
        // First row: rfstime 1838 days, censored, no hormonal therapy.
        TrialSubject first = table.subjects().get(0);
        assertThat(first.timeMonths()).isCloseTo(1838 / 30.4375, within(1e-12));
        assertThat(first.event()).isFalse();
        assertThat(first.treated()).isFalse();
    }

    @Test
    void importsVeteran() {
        TrialTable table = TrialData.veteran();
        assertThat(table.sha256()).isEqualTo("3fba5cb9b15a10ab94d54e28b54d2c39d95c27b0fcff1c57aee0eb7edfd93950");
        assertThat(table.size()).isEqualTo(137);
        assertThat(table.eventCount()).isEqualTo(128);
        assertThat(table.treatedCount()).isEqualTo(68);
        assertThat(table.categoricalLevels().get("celltype")).containsExactly("squamous", "adeno", "large", "smallcell");
        assertThat(table.covariateNames()).containsExactly("celltype=adeno", "celltype=large", "celltype=smallcell",
                "karno", "diagtime", "age", "prior");
        assertThat(table.subjects().stream().mapToDouble(s -> s.covariates().get(2)).sum()).isEqualTo(48);
    }
}

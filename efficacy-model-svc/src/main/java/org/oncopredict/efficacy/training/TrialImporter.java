package org.oncopredict.efficacy.training;

import org.tribuo.data.columnar.ColumnarIterator;
import org.tribuo.data.csv.CSVIterator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Imports a trial table — a CSV file with one header line and one row per subject (RFC 4180 quoting,
 * UTF-8, optional BOM) — according to a {@link ColumnMapping}.
 *
 * <p>Parsing is Tribuo's {@link CSVIterator} (opencsv underneath); this class validates and encodes. It
 * collects every problem it finds (up to {@value #MAX_REPORTED_PROBLEMS} are kept, all are counted) and
 * throws one {@link TrialImportException} naming each column and row at fault: a mapped column missing
 * from or duplicated in the header, a malformed record, a blank or non-numeric number (plain decimal or
 * scientific notation; NaN and infinities are rejected), a negative time, an arm, event or response value
 * outside its coded set, too few rows, no events, an empty arm, a constant covariate or a reference level
 * that does not occur. Blank lines are skipped; data rows are numbered from 1, the header not counted.
 * Columns not in the mapping are ignored.
 *
 * <p>Categorical covariates are dummy-coded against their reference level (see {@link CovariateColumn}).
 */
public final class TrialImporter {

    /** Fewest data rows accepted by default: below this a survival model is not worth fitting. */
    public static final int DEFAULT_MINIMUM_ROWS = 20;

    /** Problems kept in a {@link TrialImportException} (all are counted). */
    public static final int MAX_REPORTED_PROBLEMS = 20;

    private final ColumnMapping mapping;
    private final int minimumRows;

    public TrialImporter(ColumnMapping mapping) {
        this(mapping, DEFAULT_MINIMUM_ROWS);
    }

    /** @param minimumRows fewest data rows accepted, ≥ 1 */
    public TrialImporter(ColumnMapping mapping, int minimumRows) {
        if (mapping == null) {
            throw new IllegalArgumentException("column mapping is missing");
        }
        if (minimumRows < 1) {
            throw new IllegalArgumentException("minimum rows must be at least 1, got " + minimumRows);
        }
        this.mapping = mapping;
        this.minimumRows = minimumRows;
    }

    /** Imports a CSV file; the file name becomes the table's source name. */
    public TrialTable read(Path csv) throws IOException {
        return read(csv.getFileName().toString(), Files.readAllBytes(csv));
    }

    /**
     * Imports CSV bytes (e.g. an upload).
     *
     * @param source name reported in errors and provenance
     * @throws TrialImportException listing every problem found
     */
    public TrialTable read(String source, byte[] csv) {
        Problems problems = new Problems(source);
        List<ParsedRow> rows = readRows(csv, problems);
        problems.throwIfAny();
        checkTable(rows, problems);
        Map<String, List<String>> levels = categoricalLevels(rows, problems);
        problems.throwIfAny();
        return encode(source, sha256(csv), rows, levels);
    }

    private List<ParsedRow> readRows(byte[] csv, Problems problems) {
        if (new String(csv, StandardCharsets.UTF_8).replace("\uFEFF", "").isBlank()) {
            // Checked here because the parser turns an empty input into a one-field header.
            problems.add(null, 0, "the table is empty: no header line");
            return List.of();
        }
        CSVIterator iterator;
        try {
            iterator = new CSVIterator(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException unreadable) {
            problems.add(null, 0, "the header line cannot be read (" + unreadable.getMessage() + ")");
            return List.of();
        }
        try (iterator) {
            Map<String, String> header = header(iterator.getFields(), problems);
            if (problems.any()) {
                return List.of();
            }
            List<ParsedRow> rows = new ArrayList<>();
            int row = 0;
            while (true) {
                ColumnarIterator.Row record;
                try {
                    if (!iterator.hasNext()) {
                        return rows;
                    }
                    record = iterator.next();
                } catch (IllegalArgumentException malformed) {
                    // Reading stops here: after a quoting error the parser's position in the file is unreliable.
                    problems.add(null, row + 1, "malformed CSV record (" + malformed.getMessage() + ")");
                    return rows;
                }
                row++;
                rows.add(parse(row, record.getRowData(), header, problems));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the CSV reader", e);
        }
    }

    /** Maps each mapped column to its header name as written (cells are looked up by it). */
    private Map<String, String> header(List<String> fields, Problems problems) {
        Map<String, Integer> occurrences = new HashMap<>();
        Map<String, String> written = new HashMap<>();
        for (String field : fields) {
            occurrences.merge(field.strip(), 1, Integer::sum);
            written.putIfAbsent(field.strip(), field);
        }
        Map<String, String> header = new HashMap<>();
        for (String column : mapping.columns()) {
            int count = occurrences.getOrDefault(column, 0);
            if (count == 0) {
                problems.add(column, 0, "not in the table header (columns: " + String.join(", ", fields) + ")");
            } else if (count > 1) {
                problems.add(column, 0, "appears " + count + " times in the table header");
            } else {
                header.put(column, written.get(column));
            }
        }
        return header;
    }

    private ParsedRow parse(int row, Map<String, String> data, Map<String, String> header, Problems problems) {
        TreatmentColumn treatment = mapping.treatment();
        String arm = data.get(header.get(treatment.column())).strip();
        if (!treatment.isArmValue(arm)) {
            problems.add(treatment.column(), row, describe(arm) + " is not a coded arm (treated: "
                    + treatment.treatedValues() + "; control: " + treatment.controlValues() + ")");
        }

        TimeColumn timeColumn = mapping.time();
        String timeValue = data.get(header.get(timeColumn.column())).strip();
        double time = number(row, timeColumn.column(), timeValue, problems);
        if (time < 0) {
            problems.add(timeColumn.column(), row, "negative time " + timeValue);
        }

        EventColumn eventColumn = mapping.event();
        String eventValue = data.get(header.get(eventColumn.column())).strip();
        boolean event = eventColumn.eventValues().contains(eventValue);
        if (!event && !eventColumn.censoredValues().contains(eventValue)) {
            problems.add(eventColumn.column(), row, describe(eventValue) + " is not an allowed event value (event: "
                    + eventColumn.eventValues() + "; censored: " + eventColumn.censoredValues() + ")");
        }

        ResponseStatus response = ResponseStatus.NOT_RECORDED;
        ResponseColumn responseColumn = mapping.response();
        if (responseColumn != null) {
            String value = data.get(header.get(responseColumn.column())).strip();
            if (responseColumn.responderValues().contains(value)) {
                response = ResponseStatus.RESPONDER;
            } else if (responseColumn.nonResponderValues().contains(value)) {
                response = ResponseStatus.NON_RESPONDER;
            } else {
                problems.add(responseColumn.column(), row, describe(value) + " is not a coded response (responders: "
                        + responseColumn.responderValues() + "; non-responders: "
                        + responseColumn.nonResponderValues() + ")");
            }
        }

        List<CovariateColumn> covariates = mapping.covariates();
        String[] raw = new String[covariates.size()];
        double[] numbers = new double[covariates.size()];
        for (int j = 0; j < covariates.size(); j++) {
            CovariateColumn covariate = covariates.get(j);
            raw[j] = data.get(header.get(covariate.column())).strip();
            if (covariate.type() == CovariateType.NUMERIC) {
                numbers[j] = number(row, covariate.column(), raw[j], problems);
            } else if (raw[j].isEmpty()) {
                problems.add(covariate.column(), row, missingCovariate());
            }
        }
        return new ParsedRow(row, arm, treatment.isTreated(arm), time, event, raw, numbers, response);
    }

    /** A finite decimal number, or NaN after recording the problem. */
    private static double number(int row, String column, String value, Problems problems) {
        if (value.isEmpty()) {
            problems.add(column, row, missingCovariate());
            return Double.NaN;
        }
        try {
            // BigDecimal, unlike Double.parseDouble, rejects "NaN", "Infinity", hex floats and "1d".
            return new BigDecimal(value).doubleValue();
        } catch (NumberFormatException e) {
            problems.add(column, row, "non-numeric " + describe(value));
            return Double.NaN;
        }
    }

    private static String missingCovariate() {
        return "missing value (impute or drop incomplete rows before import)";
    }

    private static String describe(String value) {
        return value.isEmpty() ? "blank value" : "value '" + value + "'";
    }

    private void checkTable(List<ParsedRow> rows, Problems problems) {
        if (rows.size() < minimumRows) {
            problems.add(null, 0, "the table has " + rows.size() + " data row" + (rows.size() == 1 ? "" : "s")
                    + "; at least " + minimumRows + " are required");
            return;
        }
        if (rows.stream().noneMatch(ParsedRow::event)) {
            problems.add(mapping.event().column(), 0, "no row records an event (event values: "
                    + mapping.event().eventValues() + "), so there is nothing to estimate");
        }
        TreatmentColumn treatment = mapping.treatment();
        if (rows.stream().noneMatch(ParsedRow::treated)) {
            problems.add(treatment.column(), 0, "no row is in the treated arm " + treatment.treatedValues());
        }
        if (rows.stream().allMatch(ParsedRow::treated)) {
            problems.add(treatment.column(), 0, "no row is in the control arm " + treatment.controlValues());
        }
        List<CovariateColumn> covariates = mapping.covariates();
        for (int j = 0; j < covariates.size(); j++) {
            if (covariates.get(j).type() == CovariateType.NUMERIC) {
                int column = j;
                double first = rows.get(0).numbers()[column];
                if (rows.stream().allMatch(r -> r.numbers()[column] == first)) {
                    problems.add(covariates.get(j).column(), 0, "has the same value in every row, so its effect "
                            + "cannot be estimated");
                }
            }
        }
    }

    /** Levels of each categorical covariate in natural order, the reference level first. */
    private Map<String, List<String>> categoricalLevels(List<ParsedRow> rows, Problems problems) {
        Map<String, List<String>> levels = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return levels;
        }
        List<CovariateColumn> covariates = mapping.covariates();
        for (int j = 0; j < covariates.size(); j++) {
            CovariateColumn covariate = covariates.get(j);
            if (covariate.type() != CovariateType.CATEGORICAL) {
                continue;
            }
            TreeSet<String> observed = new TreeSet<>();
            for (ParsedRow row : rows) {
                observed.add(row.raw()[j]);
            }
            List<String> ordered = new ArrayList<>(observed);
            ordered.sort(naturalOrder(ordered));
            String reference = covariate.referenceLevel() == null ? ordered.get(0) : covariate.referenceLevel();
            if (!ordered.contains(reference)) {
                problems.add(covariate.column(), 0, "reference level '" + reference + "' does not occur (levels: "
                        + ordered + ")");
            } else if (ordered.size() < 2) {
                problems.add(covariate.column(), 0, "has the single level '" + reference
                        + "', so its effect cannot be estimated");
            }
            ordered.remove(reference);
            ordered.add(0, reference);
            levels.put(covariate.column(), List.copyOf(ordered));
        }
        return levels;
    }

    /** Numeric order when every level is a number (so "10" follows "9"), else alphabetical. */
    private static Comparator<String> naturalOrder(List<String> levels) {
        for (String level : levels) {
            try {
                new BigDecimal(level);
            } catch (NumberFormatException notANumber) {
                return Comparator.naturalOrder();
            }
        }
        return Comparator.comparing(BigDecimal::new);
    }

    private TrialTable encode(String source, String sha256, List<ParsedRow> rows, Map<String, List<String>> levels) {
        List<CovariateColumn> covariates = mapping.covariates();
        List<String> names = new ArrayList<>();
        for (CovariateColumn covariate : covariates) {
            if (covariate.type() == CovariateType.NUMERIC) {
                names.add(covariate.column());
            } else {
                List<String> columnLevels = levels.get(covariate.column());
                columnLevels.subList(1, columnLevels.size()).forEach(level -> names.add(covariate.column() + "=" + level));
            }
        }
        List<TrialSubject> subjects = new ArrayList<>(rows.size());
        for (ParsedRow row : rows) {
            List<Double> values = new ArrayList<>(names.size());
            for (int j = 0; j < covariates.size(); j++) {
                CovariateColumn covariate = covariates.get(j);
                if (covariate.type() == CovariateType.NUMERIC) {
                    values.add(row.numbers()[j]);
                } else {
                    List<String> columnLevels = levels.get(covariate.column());
                    for (String level : columnLevels.subList(1, columnLevels.size())) {
                        values.add(level.equals(row.raw()[j]) ? 1.0 : 0.0);
                    }
                }
            }
            subjects.add(new TrialSubject(row.row(), mapping.treatment().armOf(row.arm()), row.treated(),
                    mapping.time().unit().toMonths(row.time()), row.event(), values, row.response()));
        }
        return new TrialTable(source, sha256, mapping, names, levels, subjects);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** A data row after parsing, before categorical levels are known. */
    private record ParsedRow(int row, String arm, boolean treated, double time, boolean event, String[] raw,
                             double[] numbers, ResponseStatus response) {
    }

    /** Collects problems; keeps the first {@value #MAX_REPORTED_PROBLEMS} and counts all. */
    private static final class Problems {
        private final String source;
        private final List<TrialImportProblem> kept = new ArrayList<>();
        private int total;

        Problems(String source) {
            this.source = source;
        }

        void add(String column, int row, String message) {
            total++;
            if (kept.size() < MAX_REPORTED_PROBLEMS) {
                kept.add(new TrialImportProblem(column, row, message));
            }
        }

        boolean any() {
            return total > 0;
        }

        void throwIfAny() {
            if (total > 0) {
                throw new TrialImportException(source, kept, total);
            }
        }
    }
}

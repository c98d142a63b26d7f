package org.oncopredict.efficacy.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.oncopredict.efficacy.training.DiscreteTimeSurvivalModel;

/**
 * The bytes of an {@link OutcomeModel} as stored in the registry: a ZIP with {@code manifest.json}
 * (description, designs, calibration, support statistics, evaluation) and one entry per fitted model —
 * logistic and XGBoost members in Tribuo's own protobuf serialisation ({@code .tribuo}; the manifest's
 * {@code memberKind} says which, absent in artifacts written before XGBoost = logistic), survival members in
 * {@link DiscreteTimeSurvivalModel#serialize()}'s format (which embeds Tribuo's). Entries are written in
 * a fixed order, so the same model gives the same bytes.
 */
public final class ModelArtifact {

    static final int FORMAT = 1;
    private static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelArtifact() {
    }

    record DesignDoc(List<String> featureNames, List<String> regimens, List<int[]> columns, double[] means,
                     double[] scales) {

        static DesignDoc of(Design design) {
            return new DesignDoc(design.featureNames(), design.regimens(),
                    design.columns().stream().map(c -> new int[] {c.feature(), c.regimen()}).toList(),
                    design.means(), design.scales());
        }

        Design design() {
            return new Design(featureNames, regimens, columns.stream().map(c -> new Column(c[0], c[1])).toList(),
                    means, scales);
        }
    }

    /**
     * @param interceptOffsets per design key, one entry per member (0 for XGBoost members)
     * @param memberKind       the members' kind; null (older artifacts) = {@link BaseLearner#LOGISTIC_SGD}
     */
    record BinaryDoc(Learner learner, Map<Integer, DesignDoc> designs, Map<Integer, List<Double>> interceptOffsets,
                     Platt platt, BaseLearner memberKind) {

        BinaryDoc {
            if (memberKind == null) {
                memberKind = BaseLearner.LOGISTIC_SGD;
            }
        }
    }

    record SurvivalDoc(Learner learner, Map<Integer, DesignDoc> designs, Map<Integer, Integer> members) {
    }

    record Manifest(int format, ModelDescription description, Map<String, BinaryDoc> binary,
                    Map<String, SurvivalDoc> survival, SupportIndex support, EvaluationReport evaluation) {
    }

    public static byte[] serialize(OutcomeModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            Map<String, BinaryDoc> binary = new TreeMap<>();
            Map<String, SurvivalDoc> survival = new TreeMap<>();
            Map<String, byte[]> entries = new TreeMap<>();
            binary.put("response", binaryDoc("response", model.response(), entries));
            binary.put("toxicity", binaryDoc("toxicity", model.toxicity(), entries));
            survival.put("pfs", survivalDoc("pfs", model.pfs(), entries));
            survival.put("os", survivalDoc("os", model.os(), entries));
            Manifest manifest = new Manifest(FORMAT, model.description(), binary, survival, model.support(),
                    model.evaluation());
            put(zip, MANIFEST, JSON.writeValueAsBytes(manifest));
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("serialising an outcome model", e);
        }
        return bytes.toByteArray();
    }

    public static OutcomeModel deserialize(byte[] artifact) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(artifact))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a model artifact (ZIP)", e);
        }
        byte[] manifestBytes = entries.get(MANIFEST);
        if (manifestBytes == null) {
            throw new IllegalArgumentException("model artifact has no " + MANIFEST);
        }
        Manifest manifest;
        try {
            manifest = JSON.readValue(manifestBytes, Manifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("model artifact manifest is not valid", e);
        }
        if (manifest.format() != FORMAT) {
            throw new IllegalArgumentException("unsupported model artifact format " + manifest.format());
        }
        return new OutcomeModel(manifest.description(),
                binary("response", manifest.binary().get("response"), entries),
                binary("toxicity", manifest.binary().get("toxicity"), entries),
                survival("pfs", manifest.survival().get("pfs"), entries),
                survival("os", manifest.survival().get("os"), entries),
                manifest.support(), manifest.evaluation());
    }

    private static BinaryDoc binaryDoc(String name, BinaryOutcomeModel model, Map<String, byte[]> entries) {
        Map<Integer, DesignDoc> designs = new TreeMap<>();
        Map<Integer, List<Double>> offsets = new TreeMap<>();
        model.designs().forEach((key, design) -> {
            designs.put(key, DesignDoc.of(design));
            List<BinaryMember> members = model.members().get(key);
            List<Double> keyOffsets = new ArrayList<>();
            for (int b = 0; b < members.size(); b++) {
                entries.put(entryName(name, key, b, "tribuo"), members.get(b).tribuoBytes());
                keyOffsets.add(members.get(b).interceptOffset());
            }
            offsets.put(key, keyOffsets);
        });
        return new BinaryDoc(model.learner(), designs, offsets, model.platt(), model.baseLearner());
    }

    private static SurvivalDoc survivalDoc(String name, SurvivalOutcomeModel model, Map<String, byte[]> entries) {
        Map<Integer, DesignDoc> designs = new TreeMap<>();
        Map<Integer, Integer> counts = new TreeMap<>();
        model.designs().forEach((key, design) -> {
            designs.put(key, DesignDoc.of(design));
            List<DiscreteTimeSurvivalModel> members = model.members().get(key);
            for (int b = 0; b < members.size(); b++) {
                entries.put(entryName(name, key, b, "json"), members.get(b).serialize());
            }
            counts.put(key, members.size());
        });
        return new SurvivalDoc(model.learner(), designs, counts);
    }

    private static BinaryOutcomeModel binary(String name, BinaryDoc doc, Map<String, byte[]> entries) {
        Map<Integer, Design> designs = new TreeMap<>();
        Map<Integer, List<BinaryMember>> members = new TreeMap<>();
        doc.designs().forEach((key, designDoc) -> {
            Design design = designDoc.design();
            designs.put(key, design);
            List<String> columns = design.columnNames();
            List<Double> offsets = doc.interceptOffsets().get(key);
            List<BinaryMember> models = new ArrayList<>();
            for (int b = 0; b < offsets.size(); b++) {
                byte[] bytes = entry(entries, entryName(name, key, b, "tribuo"));
                models.add(switch (doc.memberKind()) {
                    case LOGISTIC_SGD -> LogisticModel.deserialize(bytes, columns, offsets.get(b));
                    case XGBOOST -> XGBoostMember.deserialize(bytes, columns);
                });
            }
            members.put(key, models);
        });
        return new BinaryOutcomeModel(doc.learner(), designs, members, doc.platt());
    }

    private static SurvivalOutcomeModel survival(String name, SurvivalDoc doc, Map<String, byte[]> entries) {
        Map<Integer, Design> designs = new TreeMap<>();
        Map<Integer, List<DiscreteTimeSurvivalModel>> members = new TreeMap<>();
        doc.designs().forEach((key, designDoc) -> {
            designs.put(key, designDoc.design());
            List<DiscreteTimeSurvivalModel> models = new ArrayList<>();
            for (int b = 0; b < doc.members().get(key); b++) {
                models.add(DiscreteTimeSurvivalModel.deserialize(entry(entries, entryName(name, key, b, "json"))));
            }
            members.put(key, models);
        });
        return new SurvivalOutcomeModel(doc.learner(), designs, members);
    }

    private static String entryName(String outcome, int key, int member, String extension) {
        return String.format("%s/%s/%03d.%s", outcome, key < 0 ? "pooled" : "regimen-" + key, member, extension);
    }

    private static byte[] entry(Map<String, byte[]> entries, String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new IllegalArgumentException("model artifact lacks " + name);
        }
        return bytes;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}

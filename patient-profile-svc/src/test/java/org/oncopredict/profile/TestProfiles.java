package org.oncopredict.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Valid profile bodies for REST tests, as mutable JSON trees, each with a unique MRN so tests never collide
 * with each other's data. {@link #set} edits a field by its REST path (e.g. {@code genomics.variants[0].vaf}).
 */
public final class TestProfiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9]+)(?:\\[(\\d+)])?");

    private static final String TEMPLATE = """
            {"identity":{"mrn":"MRN","givenName":"Zoë","familyName":"Müller","birthDate":"1958-03-14"},
             "sex":"FEMALE","careTeams":["TEAM"],
             "cancer":{"cancerType":"NSCLC","primarySiteCode":"C34.1","histologyCode":"8140/3","diagnosisDate":"2024-02-01",
                       "tCategory":"T2a","nCategory":"N1","mCategory":"M1b","stageGroup":"IVA","metastaticSites":["BONE"]},
             "genomics":{"variants":[{"gene":"EGFR","hgvsC":"c.2573T>G","hgvsP":"p.L858R","vaf":0.31,"clinicalSignificance":"PATHOGENIC"}],
                         "copyNumberAlterations":[{"gene":"MET","type":"GAIN","copyNumber":4.0}],
                         "fusions":[],"tmbMutPerMb":4.2,"msiStatus":"MSS","pdl1TpsPercent":20,"pdl1Cps":null,
                         "her2Ihc":null,"her2Ish":null,"erPercent":null,"prPercent":null,"specimenType":"TISSUE","reportDate":"2024-02-20"},
             "lifestyle":{"smokingStatus":"NEVER","packYears":null,"alcoholUnitsPerWeek":2,"bmi":23.4,"activityMinutesPerWeek":120},
             "history":{"comorbidities":[{"code":"E11.9","display":"Type 2 diabetes"}],
                        "ecog":[{"date":"2024-02-25","score":1}],
                        "labs":[{"date":"2024-02-25","type":"EGFR","value":78},{"date":"2024-02-25","type":"ANC","value":4.1}],
                        "therapyLines":[{"lineNumber":1,"regimenId":"osimertinib","startDate":"2024-03-01","bestResponse":"PR",
                                         "reasonStopped":"ONGOING","worstToxicityGrade":1}]},
             "followUp":{"lastContactDate":"2025-01-10","deceased":false,"deathDate":null}}
            """;

    private TestProfiles() {
    }

    /** A unique care-team id; filter on it to see only a test's own patients. */
    public static String uniqueTeam() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static String uniqueMrn() {
        return "MRN" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    public static Map<String, Object> valid(String careTeam) {
        try {
            Map<String, Object> m = JSON.readValue(TEMPLATE.replace("\"MRN\"", "\"" + uniqueMrn() + "\"")
                    .replace("\"TEAM\"", "\"" + careTeam + "\""), new TypeReference<>() {
            });
            return m;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> valid() {
        return valid("thoracic-a");
    }

    /** Sets (or, with {@code null}, clears) the field at {@code path}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> set(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.");
        Object node = root;
        for (int i = 0; i < parts.length; i++) {
            Matcher m = SEGMENT.matcher(parts[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException(path);
            }
            boolean last = i == parts.length - 1;
            Map<String, Object> map = (Map<String, Object>) node;
            if (m.group(2) == null) {
                if (last) {
                    map.put(m.group(1), value);
                } else {
                    node = map.get(m.group(1));
                }
            } else {
                List<Object> list = (List<Object>) map.get(m.group(1));
                int idx = Integer.parseInt(m.group(2));
                if (last) {
                    list.set(idx, value);
                } else {
                    node = list.get(idx);
                }
            }
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    public static Object get(Map<String, Object> root, String path) {
        Object node = root;
        for (String part : path.split("\\.")) {
            Matcher m = SEGMENT.matcher(part);
            m.matches();
            node = ((Map<String, Object>) node).get(m.group(1));
            if (m.group(2) != null) {
                node = ((List<Object>) node).get(Integer.parseInt(m.group(2)));
            }
        }
        return node;
    }
}

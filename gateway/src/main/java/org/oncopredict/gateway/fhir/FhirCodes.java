package org.oncopredict.gateway.fhir;

import java.util.Map;

/**
 * Code systems, codes and profile URLs of the FHIR mapping, in one place. Standard terminologies (LOINC, SNOMED CT,
 * ICD-O-3, ICD-10-CM, HGNC, HGVS, UCUM) are used where the mCODE STU4 / Genomics Reporting profiles name them; the
 * OncoPredict code systems ({@value #OP}...) carry what no standard code expresses exactly (catalogue regimens, RECIST
 * best response of a line, the profile's enums), so that an exported bundle imports back to the same profile.
 */
public final class FhirCodes {

    public static final String OP = "https://oncopredict.org/fhir/";
    /** Catalogue regimen ids (efficacy-model-svc catalogue), e.g. "osimertinib". Also used by CDS Hooks order-select. */
    public static final String REGIMEN = "https://oncopredict.org/regimen";
    /** Pseudonymous patient ids ("P-" + 10 characters). */
    public static final String PSEUDONYM = "https://oncopredict.org/patient-id";
    /** Default MRN identifier system (configurable: oncopredict.fhir.mrn-system). */
    public static final String DEFAULT_MRN_SYSTEM = "urn:oncopredict:mrn";
    public static final String CARE_TEAM = "https://oncopredict.org/care-team";
    public static final String USER = "https://oncopredict.org/user";
    public static final String MODEL_VERSION = "https://oncopredict.org/model-version";
    public static final String MODEL_PROVENANCE = "https://oncopredict.org/model-provenance";

    /** OncoPredict code systems (the profile's enums and concepts). */
    public static final String CS_OBSERVATION = OP + "CodeSystem/observation";
    public static final String CS_CANCER_TYPE = OP + "CodeSystem/cancer-type";
    public static final String CS_METASTATIC_SITE = OP + "CodeSystem/metastatic-site";
    public static final String CS_RECIST = OP + "CodeSystem/recist-response";
    public static final String CS_REASON_STOPPED = OP + "CodeSystem/reason-stopped";
    public static final String CS_MSI = OP + "CodeSystem/msi-status";
    public static final String CS_HER2_IHC = OP + "CodeSystem/her2-ihc";
    public static final String CS_ISH = OP + "CodeSystem/ish-result";
    public static final String CS_CLIN_SIG = OP + "CodeSystem/clinical-significance";
    public static final String CS_CNA = OP + "CodeSystem/copy-number-type";
    public static final String CS_SMOKING = OP + "CodeSystem/smoking-status";
    public static final String CS_SPECIMEN = OP + "CodeSystem/specimen-type";
    public static final String CS_OUTCOME = OP + "CodeSystem/predicted-outcome";
    public static final String CS_ELIGIBILITY = OP + "CodeSystem/eligibility-status";

    /** Extensions. */
    public static final String EXT_LINE_OF_THERAPY = OP + "StructureDefinition/line-of-therapy";
    public static final String EXT_LAST_CONTACT = OP + "StructureDefinition/last-contact-date";
    public static final String EXT_REGIMEN = OP + "StructureDefinition/regimen";
    public static final String EXT_INTERVAL = OP + "StructureDefinition/probability-interval";
    public static final String EXT_ELIGIBILITY = OP + "StructureDefinition/eligibility";
    public static final String EXT_HISTOLOGY = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior";

    /** Standard systems. */
    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ICDO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3";
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    public static final String AJCC = "http://cancerstaging.org";
    public static final String HGNC = "http://www.genenames.org/geneId";
    public static final String HGVS = "http://varnomen.hgvs.org";
    public static final String SO = "http://www.sequenceontology.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    public static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public static final String V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074";
    public static final String RISK_PROBABILITY = "http://terminology.hl7.org/CodeSystem/risk-probability";

    /** mCODE STU4 and Genomics Reporting profiles (meta.profile of exported resources). */
    public static final String MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/";
    public static final String P_PATIENT = MCODE + "mcode-cancer-patient";
    public static final String P_PRIMARY = MCODE + "mcode-primary-cancer-condition";
    public static final String P_SECONDARY = MCODE + "mcode-secondary-cancer-condition";
    public static final String P_STAGE_GROUP = MCODE + "mcode-tnm-stage-group";
    public static final String P_T = MCODE + "mcode-tnm-primary-tumor-category";
    public static final String P_N = MCODE + "mcode-tnm-regional-nodes-category";
    public static final String P_M = MCODE + "mcode-tnm-distant-metastases-category";
    public static final String P_ECOG = MCODE + "mcode-ecog-performance-status";
    public static final String P_TUMOR_MARKER = MCODE + "mcode-tumor-marker-test";
    public static final String P_GENOMICS_REPORT = MCODE + "mcode-genomics-report";
    public static final String P_GENOMIC_VARIANT = MCODE + "mcode-genomic-variant";
    public static final String P_MEDICATION_REQUEST = MCODE + "mcode-cancer-related-medication-request";
    public static final String P_DISEASE_STATUS = MCODE + "mcode-cancer-disease-status";
    public static final String P_COMORBIDITIES = MCODE + "mcode-comorbidities";
    public static final String GR = "http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/";
    public static final String P_TMB = GR + "tmb";
    public static final String P_MSI = GR + "msi";
    public static final String P_REGION = GR + "region-studied";
    public static final String P_VARIANT = GR + "variant";

    /** LOINC codes. */
    public static final String L_STAGE_GROUP = "21908-9";
    public static final String L_STAGE_GROUP_PATH = "21902-2";
    public static final String L_T = "21905-5";
    public static final String L_T_PATH = "21899-0";
    public static final String L_N = "21906-3";
    public static final String L_N_PATH = "21900-6";
    public static final String L_M = "21907-1";
    public static final String L_M_PATH = "21901-4";
    public static final String L_ECOG = "89247-1";
    public static final String L_SMOKING = "72166-2";
    public static final String L_PACK_YEARS = "8664-5";
    public static final String L_BMI = "39156-5";
    public static final String L_GENOMICS_REPORT = "81247-9";
    public static final String L_VARIANT = "69548-6";
    public static final String L_GENE = "48018-6";
    public static final String L_HGVS_C = "48004-6";
    public static final String L_HGVS_P = "48005-3";
    public static final String L_VAF = "81258-6";
    public static final String L_CLIN_SIG = "53037-8";
    public static final String L_DNA_CHANGE_TYPE = "48019-4";
    public static final String L_COPY_NUMBER = "82155-3";
    public static final String L_TMB = "94076-7";
    public static final String L_MSI = "81695-9";
    public static final String L_PDL1 = "85147-7";
    public static final String L_HER2_IHC = "85319-2";
    public static final String L_HER2_ISH = "85318-4";
    public static final String L_ER = "85337-4";
    public static final String L_PR = "85339-0";
    public static final String L_DISEASE_STATUS = "97509-4";
    public static final String L_EGFR = "62238-1";
    public static final String L_BILIRUBIN = "1975-2";
    public static final String L_ALT = "1742-6";
    public static final String L_ANC = "751-8";
    public static final String L_HEMOGLOBIN = "718-7";
    /** eGFR codes accepted on import (MDRD, CKD-EPI 2009 and 2021 variants). */
    public static final java.util.Set<String> L_EGFR_ALL = java.util.Set.of("33914-3", "48642-3", "48643-1", "62238-1",
            "69405-9", "88293-6", "88294-4", "98979-8");

    /** OncoPredict observation codes (CS_OBSERVATION). */
    public static final String O_PDL1_CPS = "pdl1-cps";
    public static final String O_ALCOHOL = "alcohol-units-per-week";
    public static final String O_ACTIVITY = "activity-minutes-per-week";
    public static final String O_BEST_RESPONSE = "best-overall-response";
    public static final String O_WORST_TOXICITY = "worst-toxicity-grade";
    public static final String O_IMMUNE_RELATED = "immune-related-toxicity";

    /** SNOMED CT. */
    public static final String S_AJCC8 = "897275008";
    public static final String S_SECONDARY = "128462008";
    public static final String S_WORSENED = "271299001";
    public static final String S_NEVER = "266919005";
    public static final String S_FORMER = "8517006";
    public static final String S_CURRENT = "77176002";
    public static final String S_TISSUE = "119376003";
    public static final String S_PLASMA = "119361006";

    /** Cancer type → SNOMED CT disorder. */
    public static final Map<String, String> CANCER_SNOMED = Map.of(
            "NSCLC", "254637007", "COLORECTAL", "363406005", "BREAST", "254837009");
    public static final Map<String, String> CANCER_DISPLAY = Map.of(
            "NSCLC", "Non-small cell lung cancer", "COLORECTAL", "Malignant neoplasm of colon",
            "BREAST", "Malignant neoplasm of breast", "OTHER", "Other malignant neoplasm");

    /** Metastatic site → SNOMED CT body structure. */
    public static final Map<String, String> SITE_SNOMED = Map.of(
            "BRAIN", "12738006", "LIVER", "10200004", "BONE", "3138006", "LUNG", "39607008", "ADRENAL", "23451007",
            "PLEURA", "3120008", "DISTANT_LYMPH_NODE", "59441001", "PERITONEUM", "15425007");

    /** HGNC ids of the genes the simulator and the catalogue use; other genes are exported by symbol only. */
    public static final Map<String, String> HGNC_IDS = Map.ofEntries(
            Map.entry("EGFR", "HGNC:3236"), Map.entry("KRAS", "HGNC:6407"), Map.entry("NRAS", "HGNC:7989"),
            Map.entry("BRAF", "HGNC:1097"), Map.entry("ALK", "HGNC:427"), Map.entry("EML4", "HGNC:1316"),
            Map.entry("ROS1", "HGNC:10261"), Map.entry("RET", "HGNC:9967"), Map.entry("MET", "HGNC:7029"),
            Map.entry("ERBB2", "HGNC:3430"), Map.entry("TP53", "HGNC:11998"), Map.entry("STK11", "HGNC:11389"),
            Map.entry("PIK3CA", "HGNC:8975"), Map.entry("APC", "HGNC:583"), Map.entry("BRCA1", "HGNC:1100"),
            Map.entry("BRCA2", "HGNC:1101"), Map.entry("NTRK1", "HGNC:8031"));

    private FhirCodes() {
    }
}

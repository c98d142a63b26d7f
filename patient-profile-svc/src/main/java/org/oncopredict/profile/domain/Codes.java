package org.oncopredict.profile.domain;

/** Regular expressions for coded fields; one home so REST, gRPC and the database agree. */
public final class Codes {
    /** HGNC-like gene symbol: upper-case letters and digits, optional hyphen parts or "orf" (e.g. C11orf65). */
    public static final String GENE = "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*(orf[0-9]+)?$";
    /** ICD-O-3 topography, e.g. C34.1. */
    public static final String ICDO3_TOPOGRAPHY = "^C[0-9]{2}(\\.[0-9])?$";
    /** ICD-O-3 morphology with behaviour code, e.g. 8140/3. */
    public static final String ICDO3_MORPHOLOGY = "^[89][0-9]{3}/[0-369]$";
    /** AJCC 8 T category (clinical or pathological prefix omitted), e.g. T2a, Tis, TX. */
    public static final String T_CATEGORY = "^T(X|is|0|1mi|[1-4][a-e]?)$";
    public static final String N_CATEGORY = "^N(X|[0-3][a-c]?)$";
    public static final String M_CATEGORY = "^M(X|0|1[a-d]?)$";
    /** AJCC 8 stage group, e.g. IIIA, IVB. */
    public static final String STAGE_GROUP = "^(0|I|IA[1-3]?|IB|IC|II|IIA|IIB|IIC|III|IIIA|IIIB|IIIC|IV|IVA|IVB|IVC)$";
    /** ICD-10(-CM) code, e.g. N18.3, E11.9. */
    public static final String ICD10 = "^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?$";
    public static final String HGVS_C = "^c\\.\\S{1,98}$";
    public static final String HGVS_P = "^p\\.[A-Za-z0-9*_=?()\\[\\];,-]{1,98}$";
    /** Regimen id from the catalogue, e.g. pembrolizumab-carboplatin-pemetrexed. */
    public static final String REGIMEN_ID = "^[a-z0-9][a-z0-9-]{1,63}$";
    /** Care-team id, e.g. thoracic-a. */
    public static final String CARE_TEAM = "^[a-z0-9][a-z0-9-]{1,39}$";
    /** Medical record number: letters, digits and hyphens. */
    public static final String MRN = "^[A-Za-z0-9-]{3,32}$";

    private Codes() {
    }
}

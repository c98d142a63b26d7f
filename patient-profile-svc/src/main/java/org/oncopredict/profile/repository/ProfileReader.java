package org.oncopredict.profile.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.oncopredict.profile.domain.CancerCondition;
import org.oncopredict.profile.domain.CancerType;
import org.oncopredict.profile.domain.ClinicalSignificance;
import org.oncopredict.profile.domain.Comorbidity;
import org.oncopredict.profile.domain.CopyNumberAlteration;
import org.oncopredict.profile.domain.CopyNumberType;
import org.oncopredict.profile.domain.EcogAssessment;
import org.oncopredict.profile.domain.FollowUp;
import org.oncopredict.profile.domain.Fusion;
import org.oncopredict.profile.domain.Genomics;
import org.oncopredict.profile.domain.Her2Ihc;
import org.oncopredict.profile.domain.History;
import org.oncopredict.profile.domain.Identity;
import org.oncopredict.profile.domain.IshResult;
import org.oncopredict.profile.domain.LabResult;
import org.oncopredict.profile.domain.LabType;
import org.oncopredict.profile.domain.Lifestyle;
import org.oncopredict.profile.domain.MetastaticSite;
import org.oncopredict.profile.domain.MsiStatus;
import org.oncopredict.profile.domain.PatientProfile;
import org.oncopredict.profile.domain.ReasonStopped;
import org.oncopredict.profile.domain.RecistResponse;
import org.oncopredict.profile.domain.Sex;
import org.oncopredict.profile.domain.SmokingStatus;
import org.oncopredict.profile.domain.SpecimenType;
import org.oncopredict.profile.domain.TherapyLine;
import org.oncopredict.profile.domain.Variant;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The read side of profile persistence: loads whole profiles by internal id straight from the tables into
 * domain records — one query for the patient rows and one per child table, whatever the number of patients.
 *
 * <p>Why not the JPA entities: hydrating a {@link PatientEntity} with its seven collections costs ~80 µs a
 * profile in Hibernate, which caps StreamCohort far below its 20,000 profiles/s goal. Writes still go through
 * the entities (locking, batching, dirty tracking); {@code PatientResourceTest} (every field) and
 * {@code SimulatedCohortLoadTest} (600 simulated profiles) check that what the entities write is exactly what
 * this reader returns. Runs on the caller's transaction (same enlisted connection).
 */
@ApplicationScoped
public class ProfileReader {

    private static final String PATIENT_SQL = """
            SELECT id, patient_id, version, mrn, given_name, family_name, birth_date, sex, care_teams,
                   cancer_type, primary_site_code, histology_code, diagnosis_date, t_category, n_category, m_category,
                   stage_group, metastatic_sites, tmb_mut_per_mb, msi_status, pdl1_tps_percent, pdl1_cps, her2_ihc,
                   her2_ish, er_percent, pr_percent, specimen_type, genomics_report_date, smoking_status, pack_years,
                   alcohol_units_per_week, bmi, activity_minutes_per_week, last_contact_date, deceased, death_date
            FROM profiles.patient WHERE id = ANY (?)""";
    private static final String VARIANT_SQL = "SELECT patient_ref, gene, hgvs_c, hgvs_p, vaf, clinical_significance"
            + " FROM profiles.variant WHERE patient_ref = ANY (?) ORDER BY patient_ref, idx";
    private static final String CNA_SQL = "SELECT patient_ref, gene, type, copy_number"
            + " FROM profiles.copy_number_alteration WHERE patient_ref = ANY (?) ORDER BY patient_ref, idx";
    private static final String FUSION_SQL = "SELECT patient_ref, gene_5p, gene_3p"
            + " FROM profiles.fusion WHERE patient_ref = ANY (?) ORDER BY patient_ref, idx";
    private static final String COMORBIDITY_SQL = "SELECT patient_ref, code, display"
            + " FROM profiles.comorbidity WHERE patient_ref = ANY (?) ORDER BY patient_ref, idx";
    private static final String ECOG_SQL = "SELECT patient_ref, assessed_on, score"
            + " FROM profiles.ecog_assessment WHERE patient_ref = ANY (?) ORDER BY patient_ref, idx";
    private static final String LAB_SQL = "SELECT patient_ref, measured_on, type, value"
            + " FROM profiles.lab_result WHERE patient_ref = ANY (?) ORDER BY patient_ref, idx";
    private static final String LINE_SQL = """
            SELECT patient_ref, line_id, line_number, regimen_id, start_date, end_date, best_response, progression_date,
                   worst_toxicity_grade, immune_related_toxicity, reason_stopped, decided_by, rationale
            FROM profiles.therapy_line WHERE patient_ref = ANY (?) ORDER BY patient_ref, idx""";

    private final AgroalDataSource dataSource;

    public ProfileReader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The profiles with these internal ids, in the same order (ids without a row are skipped). */
    public List<PatientProfile> read(List<Long> ids, LocalDate today) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Parts> parts = new HashMap<>(ids.size() * 2);
        try (Connection c = dataSource.getConnection()) {
            Array key = c.createArrayOf("bigint", ids.toArray());
            query(c, PATIENT_SQL, key, rs -> parts.put(rs.getLong(1), new Parts(rs)));
            query(c, VARIANT_SQL, key, rs -> parts.get(rs.getLong(1)).variants.add(new Variant(rs.getString(2),
                    rs.getString(3), rs.getString(4), dbl(rs, 5), en(ClinicalSignificance.class, rs.getString(6)))));
            query(c, CNA_SQL, key, rs -> parts.get(rs.getLong(1)).cnas.add(new CopyNumberAlteration(rs.getString(2),
                    en(CopyNumberType.class, rs.getString(3)), dbl(rs, 4))));
            query(c, FUSION_SQL, key, rs -> parts.get(rs.getLong(1)).fusions.add(new Fusion(rs.getString(2), rs.getString(3))));
            query(c, COMORBIDITY_SQL, key, rs -> parts.get(rs.getLong(1)).comorbidities.add(
                    new Comorbidity(rs.getString(2), rs.getString(3))));
            query(c, ECOG_SQL, key, rs -> parts.get(rs.getLong(1)).ecog.add(
                    new EcogAssessment(date(rs, 2), rs.getInt(3))));
            query(c, LAB_SQL, key, rs -> parts.get(rs.getLong(1)).labs.add(
                    new LabResult(date(rs, 2), en(LabType.class, rs.getString(3)), rs.getDouble(4))));
            query(c, LINE_SQL, key, rs -> parts.get(rs.getLong(1)).lines.add(new TherapyLine(rs.getString(2), rs.getInt(3),
                    rs.getString(4), date(rs, 5), date(rs, 6), en(RecistResponse.class, rs.getString(7)), date(rs, 8),
                    integer(rs, 9), rs.getBoolean(10), en(ReasonStopped.class, rs.getString(11)), rs.getString(12),
                    rs.getString(13))));
        } catch (SQLException e) {
            throw new IllegalStateException("Reading profiles failed (SQLState " + e.getSQLState() + ")", e);
        }
        List<PatientProfile> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Parts p = parts.get(id);
            if (p != null) {
                out.add(p.profile(today));
            }
        }
        return out;
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, Array key, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, key);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }

    /** One patient row and its child rows while they are collected. */
    private static final class Parts {
        final String patientId;
        final long version;
        final Identity identity;
        final Sex sex;
        final List<String> careTeams;
        final CancerType cancerType;
        final String[] cancer = new String[7];
        final LocalDate diagnosisDate;
        final List<MetastaticSite> metastaticSites;
        final Double tmb;
        final MsiStatus msi;
        final Double tps;
        final Double cps;
        final Her2Ihc her2Ihc;
        final IshResult her2Ish;
        final Double er;
        final Double pr;
        final SpecimenType specimen;
        final LocalDate reportDate;
        final Lifestyle lifestyle;
        final FollowUp followUp;
        final List<Variant> variants = new ArrayList<>();
        final List<CopyNumberAlteration> cnas = new ArrayList<>();
        final List<Fusion> fusions = new ArrayList<>();
        final List<Comorbidity> comorbidities = new ArrayList<>();
        final List<EcogAssessment> ecog = new ArrayList<>();
        final List<LabResult> labs = new ArrayList<>();
        final List<TherapyLine> lines = new ArrayList<>();

        Parts(ResultSet rs) throws SQLException {
            patientId = rs.getString(2);
            version = rs.getLong(3);
            identity = new Identity(rs.getString(4), rs.getString(5), rs.getString(6), date(rs, 7));
            sex = en(Sex.class, rs.getString(8));
            careTeams = List.of(strings(rs, 9));
            cancerType = en(CancerType.class, rs.getString(10));
            cancer[0] = rs.getString(11); // primary site
            cancer[1] = rs.getString(12); // histology
            diagnosisDate = date(rs, 13);
            cancer[2] = rs.getString(14); // T
            cancer[3] = rs.getString(15); // N
            cancer[4] = rs.getString(16); // M
            cancer[5] = rs.getString(17); // stage group
            metastaticSites = Arrays.stream(strings(rs, 18)).map(MetastaticSite::valueOf).toList();
            tmb = dbl(rs, 19);
            msi = en(MsiStatus.class, rs.getString(20));
            tps = dbl(rs, 21);
            cps = dbl(rs, 22);
            her2Ihc = en(Her2Ihc.class, rs.getString(23));
            her2Ish = en(IshResult.class, rs.getString(24));
            er = dbl(rs, 25);
            pr = dbl(rs, 26);
            specimen = en(SpecimenType.class, rs.getString(27));
            reportDate = date(rs, 28);
            lifestyle = new Lifestyle(en(SmokingStatus.class, rs.getString(29)), dbl(rs, 30), dbl(rs, 31), dbl(rs, 32),
                    integer(rs, 33));
            followUp = new FollowUp(date(rs, 34), rs.getBoolean(35), date(rs, 36));
        }

        PatientProfile profile(LocalDate today) {
            CancerCondition c = cancerType == null ? null : new CancerCondition(cancerType, cancer[0], cancer[1],
                    diagnosisDate, cancer[2], cancer[3], cancer[4], cancer[5], metastaticSites);
            Genomics g = new Genomics(variants, cnas, fusions, tmb, msi, tps, cps, her2Ihc, her2Ish, er, pr, specimen, reportDate);
            History h = new History(comorbidities, ecog, labs, lines);
            return new PatientProfile(null, null, identity, sex, careTeams, null, null, c, g, lifestyle, h, followUp, false)
                    .assigned(patientId, version, today);
        }
    }

    private static Double dbl(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    private static Integer integer(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static LocalDate date(ResultSet rs, int col) throws SQLException {
        return rs.getObject(col, LocalDate.class);
    }

    private static String[] strings(ResultSet rs, int col) throws SQLException {
        Array a = rs.getArray(col);
        return a == null ? new String[0] : (String[]) a.getArray();
    }

    private static <E extends Enum<E>> E en(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}

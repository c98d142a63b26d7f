package org.oncopredict.profile.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.oncopredict.profile.domain.CancerType;
import org.oncopredict.profile.domain.ClinicalSignificance;
import org.oncopredict.profile.domain.CopyNumberType;
import org.oncopredict.profile.domain.Her2Ihc;
import org.oncopredict.profile.domain.IshResult;
import org.oncopredict.profile.domain.LabType;
import org.oncopredict.profile.domain.MsiStatus;
import org.oncopredict.profile.domain.ReasonStopped;
import org.oncopredict.profile.domain.RecistResponse;
import org.oncopredict.profile.domain.Sex;
import org.oncopredict.profile.domain.SmokingStatus;
import org.oncopredict.profile.domain.SpecimenType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistence form of a profile (table {@code profiles.patient} and its child tables). Scalar sections are
 * columns; repeated entries are ordered element collections. {@code version} is managed by the service
 * under a row lock (not JPA {@code @Version}) so that one command always advances it by exactly one,
 * whether it touched the row, a child table or both.
 */
@Entity
@Table(name = "patient")
public class PatientEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String patientId;
    public long version;

    public String mrn;
    public String givenName;
    public String familyName;
    public LocalDate birthDate;
    @Enumerated(EnumType.STRING)
    public Sex sex;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] careTeams;

    @Enumerated(EnumType.STRING)
    public CancerType cancerType;
    public String primarySiteCode;
    public String histologyCode;
    public LocalDate diagnosisDate;
    @Column(name = "t_category")
    public String tCategory;
    @Column(name = "n_category")
    public String nCategory;
    @Column(name = "m_category")
    public String mCategory;
    public String stageGroup;
    /** MetastaticSite names. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] metastaticSites;

    public Double tmbMutPerMb;
    @Enumerated(EnumType.STRING)
    public MsiStatus msiStatus;
    public Double pdl1TpsPercent;
    @Column(name = "pdl1_cps")
    public Double pdl1Cps;
    @Enumerated(EnumType.STRING)
    public Her2Ihc her2Ihc;
    @Enumerated(EnumType.STRING)
    public IshResult her2Ish;
    public Double erPercent;
    public Double prPercent;
    @Enumerated(EnumType.STRING)
    public SpecimenType specimenType;
    public LocalDate genomicsReportDate;

    @Enumerated(EnumType.STRING)
    public SmokingStatus smokingStatus;
    public Double packYears;
    public Double alcoholUnitsPerWeek;
    public Double bmi;
    public Integer activityMinutesPerWeek;

    public LocalDate lastContactDate;
    public boolean deceased;
    public LocalDate deathDate;

    public Instant createdAt;
    public Instant updatedAt;
    public Instant deletedAt;

    @ElementCollection
    @CollectionTable(name = "variant", joinColumns = @JoinColumn(name = "patient_ref"))
    @OrderColumn(name = "idx")
    @BatchSize(size = 500)
    public List<VariantRow> variants = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "copy_number_alteration", joinColumns = @JoinColumn(name = "patient_ref"))
    @OrderColumn(name = "idx")
    @BatchSize(size = 500)
    public List<CopyNumberRow> copyNumberAlterations = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "fusion", joinColumns = @JoinColumn(name = "patient_ref"))
    @OrderColumn(name = "idx")
    @BatchSize(size = 500)
    public List<FusionRow> fusions = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "comorbidity", joinColumns = @JoinColumn(name = "patient_ref"))
    @OrderColumn(name = "idx")
    @BatchSize(size = 500)
    public List<ComorbidityRow> comorbidities = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "ecog_assessment", joinColumns = @JoinColumn(name = "patient_ref"))
    @OrderColumn(name = "idx")
    @BatchSize(size = 500)
    public List<EcogRow> ecog = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "lab_result", joinColumns = @JoinColumn(name = "patient_ref"))
    @OrderColumn(name = "idx")
    @BatchSize(size = 500)
    public List<LabRow> labs = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "therapy_line", joinColumns = @JoinColumn(name = "patient_ref"))
    @OrderColumn(name = "idx")
    @BatchSize(size = 500)
    public List<TherapyLineRow> therapyLines = new ArrayList<>();

    @Embeddable
    public static class VariantRow {
        public String gene;
        @Column(name = "hgvs_c")
        public String hgvsC;
        @Column(name = "hgvs_p")
        public String hgvsP;
        public Double vaf;
        @Enumerated(EnumType.STRING)
        public ClinicalSignificance clinicalSignificance;
    }

    @Embeddable
    public static class CopyNumberRow {
        public String gene;
        @Enumerated(EnumType.STRING)
        public CopyNumberType type;
        public Double copyNumber;
    }

    @Embeddable
    public static class FusionRow {
        @Column(name = "gene_5p")
        public String gene5p;
        @Column(name = "gene_3p")
        public String gene3p;
    }

    @Embeddable
    public static class ComorbidityRow {
        public String code;
        public String display;
    }

    @Embeddable
    public static class EcogRow {
        public LocalDate assessedOn;
        public int score;
    }

    @Embeddable
    public static class LabRow {
        public LocalDate measuredOn;
        @Enumerated(EnumType.STRING)
        public LabType type;
        public double value;
    }

    @Embeddable
    public static class TherapyLineRow {
        public String lineId;
        public int lineNumber;
        public String regimenId;
        public LocalDate startDate;
        public LocalDate endDate;
        @Enumerated(EnumType.STRING)
        public RecistResponse bestResponse;
        public LocalDate progressionDate;
        public Integer worstToxicityGrade;
        public boolean immuneRelatedToxicity;
        @Enumerated(EnumType.STRING)
        public ReasonStopped reasonStopped;
        public String decidedBy;
        public String rationale;
    }
}

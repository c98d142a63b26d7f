package org.oncopredict.gateway.fhir;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.Dosage;
import org.oncopredict.proto.profile.v1.CancerCondition;
import org.oncopredict.proto.profile.v1.Comorbidity;
import org.oncopredict.proto.profile.v1.CopyNumberAlteration;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.Fusion;
import org.oncopredict.proto.profile.v1.Genomics;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.Lifestyle;
import org.oncopredict.proto.profile.v1.MetastaticSite;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.TherapyLine;
import org.oncopredict.proto.profile.v1.Variant;

import static org.oncopredict.gateway.fhir.FhirCodes.*;

/**
 * A patient profile as an mCODE-shaped FHIR R4 collection Bundle: Patient (cancer patient), CareTeam per care team,
 * primary and secondary cancer Conditions, TNM stage group with T/N/M members, ECOG, tumor markers (PD-L1, HER2,
 * ER/PR), a genomics DiagnosticReport with Specimen, variant / copy-number / fusion observations (Genomics Reporting),
 * TMB and MSI, labs, smoking status and the other lifestyle observations, comorbidity Conditions, one
 * MedicationRequest per therapy line with its best response, progression (cancer disease status) and worst toxicity
 * as observations based on it. Resource ids and fullUrls ({@code urn:uuid:}) are derived from the pseudonym and the
 * item, so the same profile exports to the same bundle. {@link FhirToProfile} reads it back to the same profile.
 */
public final class ProfileToFhir {

    /** Reason-stopped code of a line whose reason was not recorded. */
    static final String NOT_RECORDED = "NOT_RECORDED";

    private final String mrnSystem;

    public ProfileToFhir(String mrnSystem) {
        this.mrnSystem = mrnSystem;
    }

    /** The bundle under construction, with stable ids. */
    static final class Builder {
        final String pid;
        final Bundle bundle = new Bundle();
        Reference patient;
        Reference primary;

        Builder(String pid) {
            this.pid = pid;
            bundle.setType(Bundle.BundleType.COLLECTION);
        }

        String uuid(String key) {
            return UUID.nameUUIDFromBytes((pid + "/" + key).getBytes(StandardCharsets.UTF_8)).toString();
        }

        Reference add(String key, Resource r, String profile) {
            String id = uuid(key);
            r.setId(id);
            if (profile != null) {
                r.setMeta(new Meta().addProfile(profile));
            }
            bundle.addEntry().setFullUrl("urn:uuid:" + id).setResource(r);
            return new Reference("urn:uuid:" + id);
        }
    }

    public Bundle export(PatientProfile p) {
        Builder b = new Builder(p.getPatientId());
        export(p, b);
        return b.bundle;
    }

    /** The profile and its predictions (RiskAssessments and the model's Device, see {@link RiskAssessments}). */
    public Bundle export(PatientProfile p, org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse predictions) {
        Builder b = new Builder(p.getPatientId());
        export(p, b);
        RiskAssessments.add(b, b.patient, b.primary, predictions.getModel(), predictions.getAsOfDate(),
                predictions.getPredictionsList());
        return b.bundle;
    }

    /** Only the predictions (a searchset of RiskAssessments and the Device), referring to the patient by id. */
    public Bundle riskAssessments(String patientId,
                                  org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse predictions) {
        Builder b = new Builder(patientId);
        b.bundle.setType(Bundle.BundleType.SEARCHSET);
        RiskAssessments.add(b, new Reference("Patient/" + patientId), null, predictions.getModel(),
                predictions.getAsOfDate(), predictions.getPredictionsList());
        b.bundle.setTotal((int) b.bundle.getEntry().stream().filter(e -> e.getResource() instanceof
                org.hl7.fhir.r4.model.RiskAssessment).count());
        for (Bundle.BundleEntryComponent e : b.bundle.getEntry()) {
            e.getSearch().setMode(e.getResource() instanceof org.hl7.fhir.r4.model.RiskAssessment
                    ? Bundle.SearchEntryMode.MATCH : Bundle.SearchEntryMode.INCLUDE);
        }
        return b.bundle;
    }

    Reference export(PatientProfile p, Builder b) {
        Reference patient = b.add("patient", patient(p), P_PATIENT);
        b.patient = patient;
        for (String team : p.getCareTeamsList()) {
            CareTeam t = new CareTeam().setStatus(CareTeam.CareTeamStatus.ACTIVE).setName(team).setSubject(patient);
            t.addIdentifier().setSystem(CARE_TEAM).setValue(team);
            b.add("care-team/" + team, t, null);
        }
        Reference primary = cancer(p, b, patient);
        b.primary = primary;
        genomics(p.getGenomics(), b, patient, primary);
        lifestyle(p.getLifestyle(), b, patient);
        for (Comorbidity c : p.getHistory().getComorbiditiesList()) {
            Condition cond = new Condition().setSubject(patient);
            cond.addCategory().addCoding(new Coding(CONDITION_CATEGORY, "problem-list-item", "Problem List Item"));
            cond.setClinicalStatus(new CodeableConcept(new Coding(CONDITION_CLINICAL, "active", "Active")));
            cond.setCode(new CodeableConcept(new Coding(ICD10CM, c.getCode(), blankToNull(c.getDisplay()))));
            b.add("comorbidity/" + c.getCode(), cond, null);
        }
        int i = 0;
        for (EcogAssessment e : p.getHistory().getEcogList()) {
            Observation o = observation(patient, "survey", new Coding(LOINC, L_ECOG, "ECOG Performance Status score"));
            o.setEffective(date(e.getDate()));
            o.setValue(new IntegerType(e.getScore()));
            b.add("ecog/" + i++ + "/" + e.getDate(), o, P_ECOG);
        }
        i = 0;
        for (LabResult l : p.getHistory().getLabsList()) {
            LabCode code = LabCode.of(l.getType());
            if (code == null) {
                continue;
            }
            Observation o = observation(patient, "laboratory", new Coding(LOINC, code.loinc, code.display));
            o.setEffective(date(l.getDate()));
            o.setValue(new Quantity().setValue(l.getValue()).setUnit(code.unit).setSystem(UCUM).setCode(code.ucum));
            b.add("lab/" + i++ + "/" + l.getType() + "/" + l.getDate(), o, null);
        }
        for (TherapyLine line : p.getHistory().getTherapyLinesList()) {
            therapyLine(line, b, patient, primary);
        }
        return patient;
    }

    private Patient patient(PatientProfile p) {
        Patient pt = new Patient();
        pt.addIdentifier().setSystem(PSEUDONYM).setValue(p.getPatientId()).setUse(Identifier.IdentifierUse.SECONDARY);
        if (p.hasIdentity()) {
            var id = p.getIdentity();
            if (!id.getMrn().isEmpty()) {
                pt.addIdentifier().setUse(Identifier.IdentifierUse.USUAL).setSystem(mrnSystem).setValue(id.getMrn())
                        .setType(new CodeableConcept(new Coding(V2_0203, "MR", "Medical record number")));
            }
            if (!id.getGivenName().isEmpty() || !id.getFamilyName().isEmpty()) {
                HumanName name = pt.addName().setUse(HumanName.NameUse.OFFICIAL);
                if (!id.getFamilyName().isEmpty()) {
                    name.setFamily(id.getFamilyName());
                }
                if (!id.getGivenName().isEmpty()) {
                    for (String given : id.getGivenName().split(" ")) {
                        name.addGiven(given);
                    }
                }
            }
            if (!id.getBirthDate().isEmpty()) {
                pt.setBirthDateElement(new DateType(id.getBirthDate()));
            }
        }
        pt.setGender(switch (p.getSex()) {
            case SEX_FEMALE -> Enumerations.AdministrativeGender.FEMALE;
            case SEX_MALE -> Enumerations.AdministrativeGender.MALE;
            case SEX_OTHER -> Enumerations.AdministrativeGender.OTHER;
            case SEX_UNKNOWN -> Enumerations.AdministrativeGender.UNKNOWN;
            default -> null;
        });
        var f = p.getFollowUp();
        if (!f.getDeathDate().isEmpty()) {
            pt.setDeceased(date(f.getDeathDate()));
        } else if (f.getDeceased()) {
            pt.setDeceased(new BooleanType(true));
        }
        if (!f.getLastContactDate().isEmpty()) {
            pt.addExtension(new Extension(EXT_LAST_CONTACT, new DateType(f.getLastContactDate())));
        }
        return pt;
    }

    private Reference cancer(PatientProfile p, Builder b, Reference patient) {
        if (!p.hasCancer()) {
            return null;
        }
        CancerCondition c = p.getCancer();
        Condition cond = new Condition().setSubject(patient);
        cond.addCategory().addCoding(new Coding(CONDITION_CATEGORY, "problem-list-item", "Problem List Item"));
        cond.setClinicalStatus(new CodeableConcept(new Coding(CONDITION_CLINICAL, "active", "Active")));
        String type = FhirToProfile.cancerTypeName(c.getCancerType());
        CodeableConcept code = new CodeableConcept();
        if (CANCER_SNOMED.containsKey(type)) {
            code.addCoding(new Coding(SNOMED, CANCER_SNOMED.get(type), CANCER_DISPLAY.get(type)));
        }
        if (type != null) {
            code.addCoding(new Coding(CS_CANCER_TYPE, type, CANCER_DISPLAY.get(type)));
        }
        cond.setCode(code);
        if (!c.getPrimarySiteCode().isEmpty()) {
            cond.addBodySite(new CodeableConcept(new Coding(ICDO3, c.getPrimarySiteCode(), null)));
        }
        if (!c.getHistologyCode().isEmpty()) {
            cond.addExtension(new Extension(EXT_HISTOLOGY,
                    new CodeableConcept(new Coding(ICDO3, c.getHistologyCode(), null))));
        }
        if (!c.getDiagnosisDate().isEmpty()) {
            cond.setOnset(date(c.getDiagnosisDate()));
        }
        Reference primary = b.add("primary-cancer", cond, P_PRIMARY);
        DateTimeType when = c.getDiagnosisDate().isEmpty() ? null : date(c.getDiagnosisDate());
        List<Reference> members = new ArrayList<>();
        if (!c.getTCategory().isEmpty()) {
            members.add(b.add("tnm/t", tnm(patient, primary, when, L_T, "Primary tumor.clinical [Class] Cancer",
                    "c" + c.getTCategory()), P_T));
        }
        if (!c.getNCategory().isEmpty()) {
            members.add(b.add("tnm/n", tnm(patient, primary, when, L_N, "Regional lymph nodes.clinical [Class] Cancer",
                    "c" + c.getNCategory()), P_N));
        }
        if (!c.getMCategory().isEmpty()) {
            members.add(b.add("tnm/m", tnm(patient, primary, when, L_M, "Distant metastases.clinical [Class] Cancer",
                    "c" + c.getMCategory()), P_M));
        }
        if (!c.getStageGroup().isEmpty()) {
            Observation stage = tnm(patient, primary, when, L_STAGE_GROUP, "Stage group.clinical Cancer",
                    Staging.toAjccCode(c.getStageGroup()));
            stage.getValueCodeableConcept().setText(c.getStageGroup());
            stage.setHasMember(members);
            b.add("tnm/stage-group", stage, P_STAGE_GROUP);
        }
        for (MetastaticSite site : c.getMetastaticSitesList()) {
            String name = site.name().substring("METASTATIC_SITE_".length());
            Condition sec = new Condition().setSubject(patient);
            sec.setClinicalStatus(new CodeableConcept(new Coding(CONDITION_CLINICAL, "active", "Active")));
            sec.setCode(new CodeableConcept(new Coding(SNOMED, S_SECONDARY, "Secondary malignant neoplastic disease")));
            CodeableConcept body = new CodeableConcept();
            if (SITE_SNOMED.containsKey(name)) {
                body.addCoding(new Coding(SNOMED, SITE_SNOMED.get(name), null));
            }
            body.addCoding(new Coding(CS_METASTATIC_SITE, name, name.toLowerCase(Locale.ROOT).replace('_', ' ')));
            sec.addBodySite(body);
            sec.addExtension(new Extension("http://hl7.org/fhir/StructureDefinition/condition-related", primary));
            b.add("secondary/" + name, sec, P_SECONDARY);
        }
        return primary;
    }

    private static Observation tnm(Reference patient, Reference primary, DateTimeType when, String loinc,
                                   String display, String value) {
        Observation o = observation(patient, "survey", new Coding(LOINC, loinc, display));
        o.addFocus(primary);
        if (when != null) {
            o.setEffective(when.copy());
        }
        o.setMethod(new CodeableConcept(new Coding(SNOMED, S_AJCC8,
                "American Joint Commission on Cancer, Cancer Staging Manual, 8th edition neoplasm staging system")));
        o.setValue(new CodeableConcept(new Coding(AJCC, value, null)));
        return o;
    }

    private void genomics(Genomics g, Builder b, Reference patient, Reference primary) {
        if (g.equals(Genomics.getDefaultInstance())) {
            return;
        }
        DateTimeType reported = g.getReportDate().isEmpty() ? null : date(g.getReportDate());
        List<Reference> results = new ArrayList<>();
        int i = 0;
        for (Variant v : g.getVariantsList()) {
            Observation o = variantObservation(patient, reported);
            o.addComponent(gene(v.getGene()));
            if (!v.getHgvsC().isEmpty()) {
                o.addComponent().setCode(loinc(L_HGVS_C, "DNA change (c.HGVS)"))
                        .setValue(new CodeableConcept(new Coding(HGVS, v.getHgvsC(), v.getHgvsC())));
            }
            if (!v.getHgvsP().isEmpty()) {
                o.addComponent().setCode(loinc(L_HGVS_P, "Amino acid change (pHGVS)"))
                        .setValue(new CodeableConcept(new Coding(HGVS, v.getHgvsP(), v.getHgvsP())));
            }
            if (v.hasVaf()) {
                o.addComponent().setCode(loinc(L_VAF, "Sample variant allelic frequency [NFr]"))
                        .setValue(new Quantity().setValue(v.getVaf()).setSystem(UCUM).setCode("1")
                                .setUnit("relative frequency of a particular allele in the specimen"));
            }
            String sig = Enums.suffix(v.getClinicalSignificance().name(), "CLINICAL_SIGNIFICANCE_");
            if (sig != null) {
                o.addComponent().setCode(loinc(L_CLIN_SIG, "Genetic variation clinical significance [Imp]"))
                        .setValue(new CodeableConcept(new Coding(CS_CLIN_SIG, sig,
                                sig.toLowerCase(Locale.ROOT).replace('_', ' '))));
            }
            results.add(b.add("variant/" + i++, o, P_GENOMIC_VARIANT));
        }
        i = 0;
        for (CopyNumberAlteration c : g.getCopyNumberAlterationsList()) {
            Observation o = variantObservation(patient, reported);
            o.addComponent(gene(c.getGene()));
            String type = Enums.suffix(c.getType().name(), "COPY_NUMBER_TYPE_");
            if (type != null) {
                CodeableConcept t = new CodeableConcept();
                String so = switch (type) {
                    case "AMPLIFICATION" -> "SO:0001880";
                    case "GAIN" -> "SO:0001742";
                    case "LOSS" -> "SO:0001743";
                    case "DELETION" -> "SO:0000159";
                    default -> null;
                };
                if (so != null) {
                    t.addCoding(new Coding(SO, so, null));
                }
                t.addCoding(new Coding(CS_CNA, type, type.toLowerCase(Locale.ROOT)));
                o.addComponent().setCode(loinc(L_DNA_CHANGE_TYPE, "DNA change type")).setValue(t);
            }
            if (c.hasCopyNumber()) {
                o.addComponent().setCode(loinc(L_COPY_NUMBER, "Genomic structural variant copy number"))
                        .setValue(new Quantity().setValue(c.getCopyNumber()).setSystem(UCUM).setCode("1"));
            }
            results.add(b.add("cna/" + i++, o, P_GENOMIC_VARIANT));
        }
        i = 0;
        for (Fusion f : g.getFusionsList()) {
            Observation o = variantObservation(patient, reported);
            o.addComponent(gene(f.getGene5P()));
            o.addComponent(gene(f.getGene3P()));
            o.addComponent().setCode(loinc(L_DNA_CHANGE_TYPE, "DNA change type"))
                    .setValue(new CodeableConcept(new Coding(SO, "SO:0001565", "gene_fusion")));
            results.add(b.add("fusion/" + i++, o, P_GENOMIC_VARIANT));
        }
        if (g.hasTmbMutPerMb()) {
            Observation o = observation(patient, "laboratory", new Coding(LOINC, L_TMB,
                    "Mutations/Megabase [# Ratio] in Tumor"));
            o.setValue(new Quantity().setValue(g.getTmbMutPerMb()).setUnit("mutations/Mb").setSystem(UCUM)
                    .setCode("1/1000000{Base}"));
            setEffective(o, reported);
            results.add(b.add("tmb", o, P_TMB));
        }
        String msi = Enums.suffix(g.getMsiStatus().name(), "MSI_STATUS_");
        if (msi != null) {
            Observation o = observation(patient, "laboratory", new Coding(LOINC, L_MSI,
                    "Microsatellite instability [Interpretation] in Cancer specimen Qualitative"));
            String text = msi.replace('_', '-');
            o.setValue(new CodeableConcept(new Coding(CS_MSI, msi, text)).setText(text));
            setEffective(o, reported);
            results.add(b.add("msi", o, P_MSI));
        }
        // Tumor markers (mCODE TumorMarkerTest).
        if (g.hasPdl1TpsPercent()) {
            results.add(b.add("pdl1-tps", marker(patient, reported, new Coding(LOINC, L_PDL1,
                    "PD-L1 by clone 22C3 [Interpretation] in Tissue by Immune stain"), percent(g.getPdl1TpsPercent())),
                    P_TUMOR_MARKER));
        }
        if (g.hasPdl1Cps()) {
            results.add(b.add("pdl1-cps", marker(patient, reported, new Coding(CS_OBSERVATION, O_PDL1_CPS,
                    "PD-L1 combined positive score"), new Quantity().setValue(g.getPdl1Cps()).setUnit("score")
                    .setSystem(UCUM).setCode("{score}")), P_TUMOR_MARKER));
        }
        String ihc = Enums.suffix(g.getHer2Ihc().name(), "HER2_IHC_");
        if (ihc != null) {
            String text = ihc.replace("_PLUS", "+");
            results.add(b.add("her2-ihc", marker(patient, reported, new Coding(LOINC, L_HER2_IHC,
                    "HER2 [Presence] in Breast cancer specimen by Immune stain"),
                    new CodeableConcept(new Coding(CS_HER2_IHC, text, "IHC " + text)).setText(text)), P_TUMOR_MARKER));
        }
        String ish = Enums.suffix(g.getHer2Ish().name(), "ISH_RESULT_");
        if (ish != null) {
            CodeableConcept v = new CodeableConcept();
            switch (ish) {
                case "POSITIVE" -> v.addCoding(new Coding(SNOMED, "10828004", "Positive"));
                case "NEGATIVE" -> v.addCoding(new Coding(SNOMED, "260385009", "Negative"));
                case "EQUIVOCAL" -> v.addCoding(new Coding(SNOMED, "42425007", "Equivocal"));
                default -> {
                }
            }
            v.addCoding(new Coding(CS_ISH, ish, ish.toLowerCase(Locale.ROOT)));
            results.add(b.add("her2-ish", marker(patient, reported, new Coding(LOINC, L_HER2_ISH,
                    "HER2 [Presence] in Breast cancer specimen by FISH"), v), P_TUMOR_MARKER));
        }
        if (g.hasErPercent()) {
            results.add(b.add("er", marker(patient, reported, new Coding(LOINC, L_ER,
                    "Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain"),
                    percent(g.getErPercent())), P_TUMOR_MARKER));
        }
        if (g.hasPrPercent()) {
            results.add(b.add("pr", marker(patient, reported, new Coding(LOINC, L_PR,
                    "Progesterone receptor Ag [Presence] in Breast cancer specimen by Immune stain"),
                    percent(g.getPrPercent())), P_TUMOR_MARKER));
        }
        DiagnosticReport report = new DiagnosticReport().setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL)
                .setSubject(patient).setCode(new CodeableConcept(new Coding(LOINC, L_GENOMICS_REPORT,
                        "Master HL7 genetic variant reporting panel")));
        report.addCategory(new CodeableConcept(new Coding(V2_0074, "GE", "Genetics")));
        report.setResult(results);
        if (reported != null) {
            report.setEffective(reported.copy());
        }
        String specimen = Enums.suffix(g.getSpecimenType().name(), "SPECIMEN_TYPE_");
        if (specimen != null) {
            CodeableConcept t = new CodeableConcept();
            t.addCoding(new Coding(SNOMED, specimen.equals("PLASMA") ? S_PLASMA : S_TISSUE,
                    specimen.equals("PLASMA") ? "Plasma specimen" : "Tissue specimen"));
            t.addCoding(new Coding(CS_SPECIMEN, specimen, specimen.toLowerCase(Locale.ROOT)));
            report.addSpecimen(b.add("specimen", new Specimen().setSubject(patient).setType(t), null));
        }
        b.add("genomics-report", report, P_GENOMICS_REPORT);
    }

    private static Observation variantObservation(Reference patient, DateTimeType reported) {
        Observation o = observation(patient, "laboratory", new Coding(LOINC, L_VARIANT, "Genetic variant assessment"));
        o.setValue(new CodeableConcept(new Coding(LOINC, "LA9633-4", "Present")));
        setEffective(o, reported);
        return o;
    }

    private static Observation marker(Reference patient, DateTimeType reported, Coding code,
                                      org.hl7.fhir.r4.model.Type value) {
        Observation o = observation(patient, "laboratory", code);
        o.setValue(value);
        setEffective(o, reported);
        return o;
    }

    private static Observation.ObservationComponentComponent gene(String symbol) {
        return new Observation.ObservationComponentComponent(loinc(L_GENE, "Gene studied [ID]"))
                .setValue(new CodeableConcept(new Coding(HGNC, HGNC_IDS.get(symbol), symbol)));
    }

    private static Quantity percent(double value) {
        return new Quantity().setValue(value).setUnit("%").setSystem(UCUM).setCode("%");
    }

    private void lifestyle(Lifestyle l, Builder b, Reference patient) {
        String smoking = Enums.suffix(l.getSmokingStatus().name(), "SMOKING_STATUS_");
        if (smoking != null) {
            Observation o = observation(patient, "social-history", new Coding(LOINC, L_SMOKING, "Tobacco smoking status"));
            CodeableConcept v = new CodeableConcept();
            switch (smoking) {
                case "NEVER" -> v.addCoding(new Coding(SNOMED, S_NEVER, "Never smoked tobacco"));
                case "FORMER" -> v.addCoding(new Coding(SNOMED, S_FORMER, "Ex-smoker"));
                case "CURRENT" -> v.addCoding(new Coding(SNOMED, S_CURRENT, "Smoker"));
                default -> {
                }
            }
            v.addCoding(new Coding(CS_SMOKING, smoking, smoking.toLowerCase(Locale.ROOT)));
            o.setValue(v);
            b.add("smoking", o, null);
        }
        if (l.hasPackYears()) {
            Observation o = observation(patient, "social-history", new Coding(LOINC, L_PACK_YEARS,
                    "Cigarettes smoked total (pack-yr) - Reported"));
            o.setValue(new Quantity().setValue(l.getPackYears()).setUnit("pack-years").setSystem(UCUM).setCode("{pack-years}"));
            b.add("pack-years", o, null);
        }
        if (l.hasAlcoholUnitsPerWeek()) {
            Observation o = observation(patient, "social-history", new Coding(CS_OBSERVATION, O_ALCOHOL,
                    "Alcohol, standard units (10 g ethanol) per week"));
            o.setValue(new Quantity().setValue(l.getAlcoholUnitsPerWeek()).setUnit("units/week").setSystem(UCUM)
                    .setCode("{units}/wk"));
            b.add("alcohol", o, null);
        }
        if (l.hasBmi()) {
            Observation o = observation(patient, "vital-signs", new Coding(LOINC, L_BMI, "Body mass index (BMI) [Ratio]"));
            o.setValue(new Quantity().setValue(l.getBmi()).setUnit("kg/m2").setSystem(UCUM).setCode("kg/m2"));
            b.add("bmi", o, null);
        }
        if (l.hasActivityMinutesPerWeek()) {
            Observation o = observation(patient, "social-history", new Coding(CS_OBSERVATION, O_ACTIVITY,
                    "Moderate-to-vigorous physical activity, minutes per week"));
            o.setValue(new Quantity().setValue(l.getActivityMinutesPerWeek()).setUnit("min/week").setSystem(UCUM)
                    .setCode("min/wk"));
            b.add("activity", o, null);
        }
    }

    private void therapyLine(TherapyLine line, Builder b, Reference patient, Reference primary) {
        String key = "line/" + line.getLineNumber();
        MedicationRequest mr = new MedicationRequest().setSubject(patient)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        boolean ongoing = line.getEndDate().isEmpty();
        mr.setStatus(ongoing ? MedicationRequest.MedicationRequestStatus.ACTIVE
                : line.getReasonStopped() == org.oncopredict.proto.profile.v1.ReasonStopped.REASON_STOPPED_COMPLETED
                ? MedicationRequest.MedicationRequestStatus.COMPLETED : MedicationRequest.MedicationRequestStatus.STOPPED);
        mr.setMedication(new CodeableConcept(new Coding(REGIMEN, line.getRegimenId(), null)).setText(line.getRegimenId()));
        mr.addExtension(new Extension(EXT_LINE_OF_THERAPY, new PositiveIntType(line.getLineNumber())));
        if (primary != null) {
            mr.addReasonReference(primary.copy());
        }
        Period period = new Period();
        if (!line.getStartDate().isEmpty()) {
            period.setStartElement(date(line.getStartDate()));
            mr.setAuthoredOnElement(date(line.getStartDate()));
        }
        if (!line.getEndDate().isEmpty()) {
            period.setEndElement(date(line.getEndDate()));
        }
        mr.addDosageInstruction(new Dosage().setTiming(new Timing().setRepeat(
                new Timing.TimingRepeatComponent().setBounds(period))));
        String reason = Enums.suffix(line.getReasonStopped().name(), "REASON_STOPPED_");
        // "not recorded" is explicit, so that an import does not infer a reason from the status.
        String code = reason == null ? NOT_RECORDED : reason;
        mr.setStatusReason(new CodeableConcept(new Coding(CS_REASON_STOPPED, code,
                code.toLowerCase(Locale.ROOT).replace('_', ' '))));
        if (!line.getDecidedBy().isEmpty()) {
            mr.setRequester(new Reference().setIdentifier(new Identifier().setSystem(USER).setValue(line.getDecidedBy())));
        }
        if (!line.getRationale().isEmpty()) {
            mr.addNote().setText(line.getRationale());
        }
        Reference request = b.add(key, mr, P_MEDICATION_REQUEST);
        String response = Enums.suffix(line.getBestResponse().name(), "RECIST_RESPONSE_");
        if (response != null) {
            Observation o = observation(patient, "exam", new Coding(CS_OBSERVATION, O_BEST_RESPONSE,
                    "Best overall response (RECIST 1.1) of the therapy line"));
            o.addBasedOn(request.copy());
            o.setValue(new CodeableConcept(new Coding(CS_RECIST, response, response.replace('_', ' '))));
            if (!line.getStartDate().isEmpty()) {
                o.setEffective(new Period().setStartElement(date(line.getStartDate()))
                        .setEndElement(line.getEndDate().isEmpty() ? null : date(line.getEndDate())));
            }
            b.add(key + "/best-response", o, null);
        }
        if (!line.getProgressionDate().isEmpty()) {
            Observation o = observation(patient, null, new Coding(LOINC, L_DISEASE_STATUS, "Cancer disease status"));
            o.addBasedOn(request.copy());
            if (primary != null) {
                o.addFocus(primary.copy());
            }
            o.setEffective(date(line.getProgressionDate()));
            o.setValue(new CodeableConcept(new Coding(SNOMED, S_WORSENED, "Patient's condition worsened (finding)")));
            b.add(key + "/progression", o, P_DISEASE_STATUS);
        }
        if (line.hasWorstToxicityGrade() || line.getImmuneRelatedToxicity()) {
            Observation o = observation(patient, null, new Coding(CS_OBSERVATION, O_WORST_TOXICITY,
                    "Worst CTCAE v5 grade of any adverse event during the therapy line"));
            o.addBasedOn(request.copy());
            if (line.hasWorstToxicityGrade()) {
                o.setValue(new IntegerType(line.getWorstToxicityGrade()));
            }
            o.addComponent().setCode(new CodeableConcept(new Coding(CS_OBSERVATION, O_IMMUNE_RELATED,
                    "The worst toxicity was immune-related"))).setValue(new BooleanType(line.getImmuneRelatedToxicity()));
            b.add(key + "/toxicity", o, null);
        }
    }

    static Observation observation(Reference patient, String category, Coding code) {
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        if (category != null) {
            o.addCategory(new CodeableConcept(new Coding(OBS_CATEGORY, category, null)));
        }
        o.setCode(new CodeableConcept(code));
        o.setSubject(patient.copy());
        return o;
    }

    private static void setEffective(Observation o, DateTimeType when) {
        if (when != null) {
            o.setEffective(when.copy());
        }
    }

    static CodeableConcept loinc(String code, String display) {
        return new CodeableConcept(new Coding(LOINC, code, display));
    }

    /** An ISO date as a FHIR date(Time) of day precision. */
    static DateTimeType date(String iso) {
        DateTimeType d = new DateTimeType();
        d.setValueAsString(LocalDate.parse(iso).toString());
        return d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Lab types and their LOINC codes and units. */
    enum LabCode {
        EGFR(org.oncopredict.proto.profile.v1.LabType.LAB_TYPE_EGFR, L_EGFR,
                "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)",
                "mL/min/1.73 m2", "mL/min/{1.73_m2}"),
        BILIRUBIN(org.oncopredict.proto.profile.v1.LabType.LAB_TYPE_BILIRUBIN, L_BILIRUBIN,
                "Bilirubin.total [Mass/volume] in Serum or Plasma", "mg/dL", "mg/dL"),
        ALT(org.oncopredict.proto.profile.v1.LabType.LAB_TYPE_ALT, L_ALT,
                "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L", "U/L"),
        ANC(org.oncopredict.proto.profile.v1.LabType.LAB_TYPE_ANC, L_ANC,
                "Neutrophils [#/volume] in Blood by Automated count", "10*9/L", "10*9/L"),
        HEMOGLOBIN(org.oncopredict.proto.profile.v1.LabType.LAB_TYPE_HEMOGLOBIN, L_HEMOGLOBIN,
                "Hemoglobin [Mass/volume] in Blood", "g/dL", "g/dL");

        final org.oncopredict.proto.profile.v1.LabType type;
        final String loinc;
        final String display;
        final String unit;
        final String ucum;

        LabCode(org.oncopredict.proto.profile.v1.LabType type, String loinc, String display, String unit, String ucum) {
            this.type = type;
            this.loinc = loinc;
            this.display = display;
            this.unit = unit;
            this.ucum = ucum;
        }

        static LabCode of(org.oncopredict.proto.profile.v1.LabType type) {
            for (LabCode c : values()) {
                if (c.type == type) {
                    return c;
                }
            }
            return null;
        }
    }

}

package org.oncopredict.gateway.fhir;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.oncopredict.proto.efficacy.v1.Regimen;
import org.oncopredict.proto.profile.v1.CancerCondition;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.ClinicalSignificance;
import org.oncopredict.proto.profile.v1.Comorbidity;
import org.oncopredict.proto.profile.v1.CopyNumberAlteration;
import org.oncopredict.proto.profile.v1.CopyNumberType;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.FollowUp;
import org.oncopredict.proto.profile.v1.Fusion;
import org.oncopredict.proto.profile.v1.Genomics;
import org.oncopredict.proto.profile.v1.Her2Ihc;
import org.oncopredict.proto.profile.v1.History;
import org.oncopredict.proto.profile.v1.Identity;
import org.oncopredict.proto.profile.v1.IshResult;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.Lifestyle;
import org.oncopredict.proto.profile.v1.MetastaticSite;
import org.oncopredict.proto.profile.v1.MsiStatus;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.ReasonStopped;
import org.oncopredict.proto.profile.v1.RecistResponse;
import org.oncopredict.proto.profile.v1.Sex;
import org.oncopredict.proto.profile.v1.SmokingStatus;
import org.oncopredict.proto.profile.v1.SpecimenType;
import org.oncopredict.proto.profile.v1.TherapyLine;
import org.oncopredict.proto.profile.v1.Variant;

import static org.oncopredict.gateway.fhir.FhirCodes.*;

/**
 * An mCODE-shaped FHIR R4 Bundle (transaction, batch or collection) as the parts of a patient profile it carries,
 * with a report per entry of what was imported, what was ignored and why, and the errors that make the bundle
 * invalid (then nothing may be written). Pure: no I/O; the regimen catalogue is passed in (therapy lines name
 * catalogue regimens).
 *
 * <p>{@link Mapped#present()} names the parts the bundle actually carried (e.g. "cancer.condition",
 * "genomics.tmb", "lifestyle.bmi"): on re-import only those replace the stored values ({@link ProfileMerge}); history
 * entries (ECOG, labs, therapy lines, comorbidities) are merged by their natural keys.
 */
public final class FhirToProfile {

    /** The result of mapping a bundle. */
    public record Mapped(PatientProfile profile, Set<String> present, List<ImportIssue> issues, String mrn,
                         Map<String, Integer> scalarEntries, Map<Object, Integer> itemEntries) {

        public boolean valid() {
            return issues.stream().noneMatch(i -> i.kind() == ImportIssue.Kind.ERROR);
        }
    }

    private final String mrnSystem;
    private final List<Regimen> catalogue;

    public FhirToProfile(String mrnSystem, List<Regimen> catalogue) {
        this.mrnSystem = mrnSystem;
        this.catalogue = catalogue;
    }

    // ------------------------------------------------------------------------------------------ state of one mapping

    private final class Run {
        final Bundle bundle;
        final List<Bundle.BundleEntryComponent> entries;
        final Map<String, Integer> refs = new HashMap<>();
        final Map<Resource, Integer> index = new IdentityHashMap<>();
        final List<ImportIssue> issues = new ArrayList<>();
        final Set<String> present = new LinkedHashSet<>();
        final Map<String, Integer> scalars = new HashMap<>();
        final Map<Object, Integer> items = new HashMap<>();
        final boolean[] handled;
        PatientProfile.Builder p = PatientProfile.newBuilder();
        Integer patientEntry;
        String mrn;
        Integer primaryEntry;
        final Map<Integer, TherapyLine.Builder> lines = new LinkedHashMap<>();
        String clinicalT, clinicalN, clinicalM, pathT, pathN, pathM;
        String smokingDate;
        boolean reportSeen;

        Run(Bundle bundle) {
            this.bundle = bundle;
            this.entries = bundle.getEntry();
            this.handled = new boolean[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                Bundle.BundleEntryComponent e = entries.get(i);
                Resource r = e.getResource();
                if (r == null) {
                    continue;
                }
                index.put(r, i);
                if (e.hasFullUrl()) {
                    refs.put(e.getFullUrl(), i);
                }
                if (r.getIdElement().hasIdPart()) {
                    refs.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), i);
                    if (r.getIdElement().getValue() != null) {
                        refs.put(r.getIdElement().getValue(), i);
                    }
                }
            }
        }

        String label(int i) {
            Resource r = entries.get(i).getResource();
            String id = r.getIdElement().getIdPart();
            return r.fhirType() + (id == null ? "" : "/" + id);
        }

        Integer resolve(Reference ref) {
            if (ref == null || !ref.hasReference()) {
                return null;
            }
            String s = ref.getReference();
            Integer i = refs.get(s);
            if (i == null && s.contains("/_history/")) {
                i = refs.get(s.substring(0, s.indexOf("/_history/")));
            }
            if (i == null) {
                // an absolute URL ending in Type/id
                String[] parts = s.split("/");
                if (parts.length >= 2) {
                    i = refs.get(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
                }
            }
            return i;
        }

        void imported(int i, String message) {
            issues.add(ImportIssue.imported(i, label(i), message));
            handled[i] = true;
        }

        void ignored(int i, String message) {
            issues.add(ImportIssue.ignored(i, label(i), message));
            handled[i] = true;
        }

        void warning(int i, String message) {
            issues.add(ImportIssue.warning(i, label(i), message));
        }

        void error(int i, String message) {
            issues.add(ImportIssue.error(i, i < 0 ? "Bundle" : label(i), message));
            if (i >= 0) {
                handled[i] = true;
            }
        }

        void scalar(String path, int i) {
            present.add(path);
            scalars.put(path, i);
        }
    }

    // ------------------------------------------------------------------------------------------ entry point

    public Mapped map(Bundle bundle) {
        Run run = new Run(bundle);
        Bundle.BundleType type = bundle.getType();
        if (type == null || !Set.of(Bundle.BundleType.TRANSACTION, Bundle.BundleType.BATCH, Bundle.BundleType.COLLECTION,
                Bundle.BundleType.DOCUMENT, Bundle.BundleType.SEARCHSET).contains(type)) {
            run.error(-1, "Bundle.type must be transaction, batch, collection, document or searchset (was "
                    + (type == null ? "absent" : type.toCode()) + ")");
            return result(run);
        }
        for (int i = 0; i < run.entries.size(); i++) {
            Bundle.BundleEntryComponent e = run.entries.get(i);
            if (e.getResource() == null) {
                run.issues.add(ImportIssue.error(i, "Bundle.entry[" + i + "]", "entry without a resource"));
                continue;
            }
            if (e.hasRequest() && e.getRequest().getMethod() != null
                    && !Set.of(Bundle.HTTPVerb.POST, Bundle.HTTPVerb.PUT).contains(e.getRequest().getMethod())) {
                run.error(i, "only POST and PUT entries can be imported (was " + e.getRequest().getMethod().toCode() + ")");
            }
        }
        patient(run);
        if (run.patientEntry == null) {
            return result(run);
        }
        // Pass 1: resources other resources refer to (conditions, therapy lines); pass 2: observations and reports.
        for (int i = 0; i < run.entries.size(); i++) {
            if (run.handled[i] || run.entries.get(i).getResource() == null) {
                continue;
            }
            Resource r = run.entries.get(i).getResource();
            if (!subjectIsPatient(run, i, r)) {
                continue;
            }
            if (r instanceof CareTeam t) {
                careTeam(run, i, t);
            } else if (r instanceof Condition c) {
                condition(run, i, c);
            } else if (r instanceof MedicationRequest m) {
                medicationRequest(run, i, m);
            } else if (r instanceof Procedure pr) {
                procedure(run, i, pr);
            }
        }
        for (int i = 0; i < run.entries.size(); i++) {
            if (run.handled[i] || run.entries.get(i).getResource() == null) {
                continue;
            }
            Resource r = run.entries.get(i).getResource();
            if (r instanceof DiagnosticReport d) {
                report(run, i, d);
            } else if (r instanceof Observation o) {
                observation(run, i, o);
            }
        }
        for (int i = 0; i < run.entries.size(); i++) {
            if (run.handled[i] || run.entries.get(i).getResource() == null) {
                continue;
            }
            Resource r = run.entries.get(i).getResource();
            run.ignored(i, switch (r.fhirType()) {
                case "Specimen" -> "a specimen is imported only through the genomics report that references it";
                case "RiskAssessment", "Device" -> "predictions are computed by OncoPredict, not imported";
                case "MedicationStatement", "MedicationAdministration" ->
                        "therapy lines are imported from MedicationRequest (one per line, regimen coded)";
                default -> r.fhirType() + " is not part of the OncoPredict profile";
            });
        }
        finish(run);
        return result(run);
    }

    private Mapped result(Run run) {
        run.issues.sort(java.util.Comparator.comparingInt(ImportIssue::entry));
        return new Mapped(run.p.build(), run.present, run.issues, run.mrn, run.scalars, run.items);
    }

    // ------------------------------------------------------------------------------------------ Patient, CareTeam

    private void patient(Run run) {
        List<Integer> patients = new ArrayList<>();
        for (int i = 0; i < run.entries.size(); i++) {
            if (run.entries.get(i).getResource() instanceof Patient) {
                patients.add(i);
            }
        }
        if (patients.size() != 1) {
            run.error(-1, "a bundle must hold exactly one Patient (found " + patients.size() + ")");
            for (int i : patients) {
                run.handled[i] = true;
            }
            return;
        }
        int i = patients.get(0);
        run.patientEntry = i;
        Patient pt = (Patient) run.entries.get(i).getResource();
        Identity.Builder id = Identity.newBuilder();
        String mrn = null;
        for (Identifier identifier : pt.getIdentifier()) {
            boolean mr = identifier.hasType() && identifier.getType().getCoding().stream()
                    .anyMatch(c -> V2_0203.equals(c.getSystem()) && "MR".equals(c.getCode()));
            if (identifier.hasValue() && (mrnSystem.equals(identifier.getSystem()) || mr && mrn == null)) {
                mrn = identifier.getValue().strip();
            }
        }
        if (mrn == null) {
            run.error(i, "the Patient needs an identifier with system " + mrnSystem
                    + " (or of type MR): the MRN identifies the patient on re-import");
            return;
        }
        run.mrn = mrn;
        id.setMrn(mrn);
        HumanName name = pt.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(pt.getNameFirstRep());
        if (name.hasFamily()) {
            id.setFamilyName(name.getFamily());
        }
        if (name.hasGiven()) {
            id.setGivenName(String.join(" ", name.getGiven().stream().map(g -> g.getValue()).toList()));
        }
        if (pt.hasBirthDateElement()) {
            id.setBirthDate(isoDate(pt.getBirthDateElement()));
        }
        run.p.setIdentity(id);
        run.scalar("identity", i);
        if (pt.hasGender()) {
            run.p.setSex(switch (pt.getGender()) {
                case FEMALE -> Sex.SEX_FEMALE;
                case MALE -> Sex.SEX_MALE;
                case OTHER -> Sex.SEX_OTHER;
                default -> Sex.SEX_UNKNOWN;
            });
            run.scalar("sex", i);
        }
        FollowUp.Builder f = FollowUp.newBuilder();
        if (pt.hasDeceasedDateTimeType()) {
            f.setDeceased(true).setDeathDate(isoDate(pt.getDeceasedDateTimeType()));
            run.scalar("followUp.deceased", i);
        } else if (pt.hasDeceasedBooleanType()) {
            f.setDeceased(pt.getDeceasedBooleanType().booleanValue());
            run.scalar("followUp.deceased", i);
        }
        Extension last = pt.getExtensionByUrl(EXT_LAST_CONTACT);
        if (last != null && last.getValue() instanceof BaseDateTimeType d) {
            f.setLastContactDate(isoDate(d));
            run.scalar("followUp.lastContactDate", i);
        }
        run.p.setFollowUp(f);
        run.imported(i, "identity (MRN, name, birth date), sex and vital status");
    }

    private boolean subjectIsPatient(Run run, int i, Resource r) {
        Reference subject = r instanceof Condition c ? c.getSubject()
                : r instanceof Observation o ? o.getSubject()
                : r instanceof MedicationRequest m ? m.getSubject()
                : r instanceof Procedure pr ? pr.getSubject()
                : r instanceof DiagnosticReport d ? d.getSubject()
                : r instanceof CareTeam t ? t.getSubject() : null;
        if (subject == null) {
            return true; // resource types without a subject are reported as ignored later
        }
        if (!subject.hasReference()) {
            run.ignored(i, "no subject: it is not known to be about this patient");
            return false;
        }
        Integer target = run.resolve(subject);
        if (target == null || !target.equals(run.patientEntry)) {
            run.error(i, "its subject " + subject.getReference() + " is not the bundle's Patient: a bundle holds one "
                    + "patient's data");
            return false;
        }
        return true;
    }

    private void careTeam(Run run, int i, CareTeam t) {
        String team = t.getIdentifier().stream().filter(x -> CARE_TEAM.equals(x.getSystem()) && x.hasValue())
                .map(Identifier::getValue).findFirst().orElse(t.getName());
        if (team == null || !team.matches("^[a-z0-9][a-z0-9-]{1,39}$")) {
            run.ignored(i, "no OncoPredict care-team identifier (system " + CARE_TEAM + ")");
            return;
        }
        run.p.addCareTeams(team);
        run.scalar("careTeams", i);
        run.imported(i, "care team " + team);
    }

    // ------------------------------------------------------------------------------------------ Conditions

    private void condition(Run run, int i, Condition c) {
        if (c.hasVerificationStatus() && c.getVerificationStatus().getCoding().stream()
                .anyMatch(x -> Set.of("entered-in-error", "refuted").contains(x.getCode()))) {
            run.ignored(i, "verification status " + c.getVerificationStatus().getCodingFirstRep().getCode());
            return;
        }
        boolean secondary = hasProfile(c, P_SECONDARY) || has(c.getCode(), SNOMED, S_SECONDARY);
        if (secondary) {
            secondaryCondition(run, i, c);
            return;
        }
        CancerType type = cancerType(c);
        boolean primary = hasProfile(c, P_PRIMARY) || type != null;
        if (primary) {
            if (run.primaryEntry != null) {
                run.ignored(i, "a second primary cancer condition: the profile holds one (entry "
                        + run.primaryEntry + " was imported)");
                return;
            }
            primaryCondition(run, i, c, type);
            return;
        }
        String icd = code(c.getCode(), ICD10CM, ICD10);
        if (icd != null && icd.matches("^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?$")) {
            Comorbidity.Builder m = Comorbidity.newBuilder().setCode(icd);
            String display = display(c.getCode(), icd);
            if (display != null) {
                m.setDisplay(display);
            }
            Comorbidity built = m.build();
            run.p.getHistoryBuilder().addComorbidities(built);
            run.items.put(built, i);
            run.imported(i, "comorbidity " + icd);
            return;
        }
        run.ignored(i, "neither an mCODE cancer condition nor a condition coded in ICD-10(-CM)");
    }

    private void primaryCondition(Run run, int i, Condition c, CancerType type) {
        run.primaryEntry = i;
        CancerCondition.Builder cancer = run.p.getCancerBuilder();
        String site = null;
        for (CodeableConcept body : c.getBodySite()) {
            String code = code(body, ICDO3);
            if (code != null && code.matches("^C[0-9]{2}(\\.[0-9])?$")) {
                site = code;
            }
        }
        String histology = null;
        Extension h = c.getExtensionByUrl(EXT_HISTOLOGY);
        if (h != null && h.getValue() instanceof CodeableConcept cc) {
            histology = code(cc, ICDO3);
        }
        if (type == null) {
            type = fromIcd(code(c.getCode(), ICD10CM, ICD10), histology);
        }
        if (type == null && site != null) {
            type = fromIcd(site, histology);
        }
        if (type == null) {
            type = CancerType.CANCER_TYPE_OTHER;
            run.warning(i, "cancer type not recognised from the condition's codes: OTHER (OncoPredict's regimen "
                    + "catalogue covers NSCLC, colorectal and breast cancer)");
        }
        cancer.setCancerType(type);
        if (site != null) {
            cancer.setPrimarySiteCode(site);
        }
        if (histology != null) {
            cancer.setHistologyCode(histology);
        }
        if (c.hasOnsetDateTimeType()) {
            cancer.setDiagnosisDate(isoDate(c.getOnsetDateTimeType()));
        } else if (c.hasRecordedDateElement()) {
            cancer.setDiagnosisDate(isoDate(c.getRecordedDateElement()));
            run.warning(i, "no onsetDateTime: the recorded date is taken as the diagnosis date");
        }
        run.scalar("cancer.condition", i);
        run.imported(i, "primary cancer condition (" + type.name().substring("CANCER_TYPE_".length()) + ")");
    }

    private void secondaryCondition(Run run, int i, Condition c) {
        MetastaticSite site = null;
        for (CodeableConcept body : c.getBodySite()) {
            String ours = code(body, CS_METASTATIC_SITE);
            if (ours != null) {
                site = enumValue(MetastaticSite.class, "METASTATIC_SITE_" + ours);
            }
            if (site == null) {
                String sct = code(body, SNOMED);
                for (var e : SITE_SNOMED.entrySet()) {
                    if (e.getValue().equals(sct)) {
                        site = MetastaticSite.valueOf("METASTATIC_SITE_" + e.getKey());
                    }
                }
            }
        }
        if (site == null) {
            site = MetastaticSite.METASTATIC_SITE_OTHER;
            run.warning(i, "metastatic site not recognised: OTHER");
        }
        CancerCondition.Builder cancer = run.p.getCancerBuilder();
        if (!cancer.getMetastaticSitesList().contains(site)) {
            cancer.addMetastaticSites(site);
        }
        run.scalar("cancer.metastaticSites", i);
        run.imported(i, "metastatic site " + site.name().substring("METASTATIC_SITE_".length()).toLowerCase(Locale.ROOT));
    }

    /** The cancer type a condition's code names (OncoPredict, SNOMED CT or ICD-10 coding), or null. */
    public static CancerType cancerTypeOf(Condition c) {
        CancerType t = cancerType(c);
        if (t != null) {
            return t;
        }
        String histology = null;
        Extension h = c.getExtensionByUrl(EXT_HISTOLOGY);
        if (h != null && h.getValue() instanceof CodeableConcept cc) {
            histology = code(cc, ICDO3);
        }
        return fromIcd(code(c.getCode(), ICD10CM, ICD10), histology);
    }

    private static CancerType cancerType(Condition c) {
        String ours = code(c.getCode(), CS_CANCER_TYPE);
        if (ours != null) {
            CancerType t = enumValue(CancerType.class, "CANCER_TYPE_" + ours);
            if (t != null) {
                return t;
            }
        }
        String sct = code(c.getCode(), SNOMED);
        if (sct != null) {
            for (var e : CANCER_SNOMED.entrySet()) {
                if (e.getValue().equals(sct)) {
                    return CancerType.valueOf("CANCER_TYPE_" + e.getKey());
                }
            }
            if (sct.equals("363351006")) { // malignant neoplasm of rectum
                return CancerType.CANCER_TYPE_COLORECTAL;
            }
        }
        return null;
    }

    /** ICD-10 / ICD-O-3 topography C34 → NSCLC (unless small-cell histology 804x), C18–C20 → colorectal, C50 → breast. */
    static CancerType fromIcd(String code, String histology) {
        if (code == null || !code.startsWith("C") || code.length() < 3) {
            return null;
        }
        String category = code.substring(0, 3);
        return switch (category) {
            case "C34" -> histology != null && histology.startsWith("804") ? CancerType.CANCER_TYPE_OTHER
                    : CancerType.CANCER_TYPE_NSCLC;
            case "C18", "C19", "C20" -> CancerType.CANCER_TYPE_COLORECTAL;
            case "C50" -> CancerType.CANCER_TYPE_BREAST;
            default -> null;
        };
    }

    static String cancerTypeName(CancerType t) {
        return Enums.suffix(t.name(), "CANCER_TYPE_");
    }

    // ------------------------------------------------------------------------------------------ therapy lines

    private void medicationRequest(Run run, int i, MedicationRequest m) {
        if (m.getStatus() != null && Set.of(MedicationRequest.MedicationRequestStatus.ENTEREDINERROR,
                MedicationRequest.MedicationRequestStatus.CANCELLED, MedicationRequest.MedicationRequestStatus.DRAFT)
                .contains(m.getStatus())) {
            run.ignored(i, "status " + m.getStatus().toCode() + ": not a therapy line that was given");
            return;
        }
        if (m.getIntent() == MedicationRequest.MedicationRequestIntent.PROPOSAL) {
            run.ignored(i, "a proposal, not a therapy line that was given");
            return;
        }
        String regimen = m.hasMedicationCodeableConcept() ? regimen(m.getMedicationCodeableConcept()) : null;
        if (regimen == null) {
            run.ignored(i, "no catalogue regimen: code the medication with system " + REGIMEN
                    + " (a catalogue regimen id) or name a single-drug catalogue regimen");
            return;
        }
        TherapyLine.Builder line = TherapyLine.newBuilder().setRegimenId(regimen);
        Extension n = m.getExtensionByUrl(EXT_LINE_OF_THERAPY);
        if (n != null && n.getValue() instanceof PositiveIntType pi) {
            line.setLineNumber(pi.getValue());
        } else if (n != null && n.getValue() instanceof IntegerType ii) {
            line.setLineNumber(ii.getValue());
        }
        Period period = null;
        if (m.hasDosageInstruction() && m.getDosageInstructionFirstRep().getTiming().getRepeat().hasBoundsPeriod()) {
            period = m.getDosageInstructionFirstRep().getTiming().getRepeat().getBoundsPeriod();
        }
        if (period != null && period.hasStartElement()) {
            line.setStartDate(isoDate(period.getStartElement()));
        } else if (m.hasAuthoredOnElement()) {
            line.setStartDate(isoDate(m.getAuthoredOnElement()));
        } else {
            run.ignored(i, "no start date (dosageInstruction.timing.repeat.boundsPeriod.start or authoredOn)");
            return;
        }
        if (period != null && period.hasEndElement()) {
            line.setEndDate(isoDate(period.getEndElement()));
        }
        String reason = m.hasStatusReason() ? code(m.getStatusReason(), CS_REASON_STOPPED) : null;
        ReasonStopped stopped = reason == null ? null : enumValue(ReasonStopped.class, "REASON_STOPPED_" + reason);
        if (stopped == null && m.getStatus() != null && !ProfileToFhir.NOT_RECORDED.equals(reason)) {
            stopped = switch (m.getStatus()) {
                case ACTIVE, ONHOLD -> ReasonStopped.REASON_STOPPED_ONGOING;
                case COMPLETED -> ReasonStopped.REASON_STOPPED_COMPLETED;
                case STOPPED -> ReasonStopped.REASON_STOPPED_OTHER;
                default -> null;
            };
        }
        if (stopped != null) {
            line.setReasonStopped(stopped);
        }
        if (m.hasRequester() && m.getRequester().hasIdentifier()
                && USER.equals(m.getRequester().getIdentifier().getSystem())) {
            line.setDecidedBy(m.getRequester().getIdentifier().getValue());
        }
        if (m.hasNote() && m.getNoteFirstRep().hasText()) {
            line.setRationale(m.getNoteFirstRep().getText());
        }
        run.lines.put(i, line);
        run.imported(i, "therapy line " + (line.getLineNumber() == 0 ? "" : line.getLineNumber() + " ")
                + "(" + regimen + ", from " + line.getStartDate() + ")");
    }

    private void procedure(Run run, int i, Procedure pr) {
        String regimen = pr.hasCode() ? code(pr.getCode(), REGIMEN) : null;
        if (regimen == null || catalogue.stream().noneMatch(r -> r.getId().equals(regimen))) {
            run.ignored(i, "surgery, radiotherapy and other procedures are not part of the profile (only systemic "
                    + "therapy lines with a catalogue regimen)");
            return;
        }
        if (!pr.hasPerformedPeriod() || !pr.getPerformedPeriod().hasStartElement()) {
            run.ignored(i, "no performedPeriod.start");
            return;
        }
        TherapyLine.Builder line = TherapyLine.newBuilder().setRegimenId(regimen)
                .setStartDate(isoDate(pr.getPerformedPeriod().getStartElement()));
        if (pr.getPerformedPeriod().hasEndElement()) {
            line.setEndDate(isoDate(pr.getPerformedPeriod().getEndElement()));
        }
        Extension n = pr.getExtensionByUrl(EXT_LINE_OF_THERAPY);
        if (n != null && n.getValue() instanceof PositiveIntType pi) {
            line.setLineNumber(pi.getValue());
        }
        line.setReasonStopped(pr.getStatus() == Procedure.ProcedureStatus.INPROGRESS
                ? ReasonStopped.REASON_STOPPED_ONGOING : ReasonStopped.REASON_STOPPED_COMPLETED);
        run.lines.put(i, line);
        run.imported(i, "therapy line (" + regimen + ", from " + line.getStartDate() + ")");
    }

    /** The catalogue regimen a medication names: the regimen coding, else a single-drug regimen by drug or name. */
    public String regimen(CodeableConcept med) {
        String coded = code(med, REGIMEN);
        if (coded != null) {
            return catalogue.isEmpty() || catalogue.stream().anyMatch(r -> r.getId().equals(coded)) ? coded : null;
        }
        List<String> names = new ArrayList<>();
        if (med.hasText()) {
            names.add(med.getText());
        }
        med.getCoding().stream().filter(Coding::hasDisplay).forEach(c -> names.add(c.getDisplay()));
        for (String name : names) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            for (Regimen r : catalogue) {
                if (r.getId().equals(n) || r.getName().equalsIgnoreCase(n)
                        || r.getDrugsCount() == 1 && r.getDrugs(0).getName().equals(n)) {
                    return r.getId();
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ genomics report

    private void report(Run run, int i, DiagnosticReport d) {
        boolean genomic = has(d.getCode(), LOINC, L_GENOMICS_REPORT) || hasProfile(d, P_GENOMICS_REPORT)
                || d.getCategory().stream().anyMatch(c -> has(c, V2_0074, "GE"));
        if (!genomic) {
            run.ignored(i, "not a genomics report (LOINC " + L_GENOMICS_REPORT + " or category GE)");
            return;
        }
        if (!subjectIsPatient(run, i, d)) {
            return;
        }
        if (run.reportSeen) {
            run.warning(i, "a second genomics report: its results are merged into one molecular report (the profile "
                    + "holds one), the latest date is kept");
        }
        Genomics.Builder g = run.p.getGenomicsBuilder();
        String date = d.hasEffectiveDateTimeType() ? isoDate(d.getEffectiveDateTimeType())
                : d.hasIssued() ? new DateTimeType(d.getIssued()).getValueAsString().substring(0, 10) : null;
        if (date != null && (g.getReportDate().isEmpty() || date.compareTo(g.getReportDate()) > 0)) {
            g.setReportDate(date);
        }
        for (Reference s : d.getSpecimen()) {
            Integer si = run.resolve(s);
            if (si != null && run.entries.get(si).getResource() instanceof Specimen sp) {
                String ours = code(sp.getType(), CS_SPECIMEN);
                String sct = code(sp.getType(), SNOMED);
                SpecimenType type = ours != null ? enumValue(SpecimenType.class, "SPECIMEN_TYPE_" + ours)
                        : S_PLASMA.equals(sct) ? SpecimenType.SPECIMEN_TYPE_PLASMA
                        : S_TISSUE.equals(sct) ? SpecimenType.SPECIMEN_TYPE_TISSUE : null;
                if (type != null) {
                    g.setSpecimenType(type);
                    run.imported(si, "specimen type " + type.name().substring("SPECIMEN_TYPE_".length()).toLowerCase(Locale.ROOT));
                } else {
                    run.ignored(si, "specimen type is neither tissue nor plasma");
                }
            }
        }
        run.reportSeen = true;
        run.scalar("genomics.report", i);
        run.imported(i, "molecular report" + (date == null ? "" : " of " + date));
    }

    // ------------------------------------------------------------------------------------------ observations

    private void observation(Run run, int i, Observation o) {
        if (!subjectIsPatient(run, i, o)) {
            return;
        }
        if (o.getStatus() != null && Set.of(Observation.ObservationStatus.ENTEREDINERROR,
                Observation.ObservationStatus.CANCELLED).contains(o.getStatus())) {
            run.ignored(i, "status " + o.getStatus().toCode());
            return;
        }
        CodeableConcept code = o.getCode();
        String loinc = code(code, LOINC);
        String ours = code(code, CS_OBSERVATION);
        if (L_VARIANT.equals(loinc) || hasProfile(o, P_VARIANT) || hasProfile(o, P_GENOMIC_VARIANT)) {
            variant(run, i, o);
            return;
        }
        if (loinc != null) {
            switch (loinc) {
                case L_STAGE_GROUP, L_STAGE_GROUP_PATH -> {
                    stage(run, i, o, loinc.equals(L_STAGE_GROUP));
                    return;
                }
                case L_T, L_N, L_M, L_T_PATH, L_N_PATH, L_M_PATH -> {
                    tnm(run, i, o, loinc);
                    return;
                }
                case L_ECOG -> {
                    ecog(run, i, o);
                    return;
                }
                case L_SMOKING -> {
                    smoking(run, i, o);
                    return;
                }
                case L_PACK_YEARS -> {
                    Double v = quantity(run, i, o, Set.of("{pack-years}", "pack-years", "[pack_y]", "{PackYears}"), null);
                    if (v != null) {
                        run.p.getLifestyleBuilder().setPackYears(v);
                        run.scalar("lifestyle.packYears", i);
                        run.imported(i, "pack-years " + fmt(v));
                    }
                    return;
                }
                case L_BMI -> {
                    Double v = quantity(run, i, o, Set.of("kg/m2"), null);
                    if (v != null) {
                        run.p.getLifestyleBuilder().setBmi(v);
                        run.scalar("lifestyle.bmi", i);
                        run.imported(i, "BMI " + fmt(v));
                    }
                    return;
                }
                case L_TMB -> {
                    Double v = quantity(run, i, o, null, null);
                    if (v != null) {
                        run.p.getGenomicsBuilder().setTmbMutPerMb(v);
                        run.scalar("genomics.tmb", i);
                        run.imported(i, "TMB " + fmt(v) + " mut/Mb");
                    }
                    return;
                }
                case L_MSI -> {
                    msi(run, i, o);
                    return;
                }
                case L_PDL1 -> {
                    Double v = quantity(run, i, o, Set.of("%"), "a PD-L1 tumour proportion score in %");
                    if (v != null) {
                        run.p.getGenomicsBuilder().setPdl1TpsPercent(v);
                        run.scalar("genomics.pdl1Tps", i);
                        run.imported(i, "PD-L1 TPS " + fmt(v) + " %");
                    }
                    return;
                }
                case L_HER2_IHC -> {
                    her2Ihc(run, i, o);
                    return;
                }
                case L_HER2_ISH -> {
                    her2Ish(run, i, o);
                    return;
                }
                case L_ER, "16112-5" -> {
                    Double v = quantity(run, i, o, Set.of("%"), "the percentage of positive nuclei");
                    if (v != null) {
                        run.p.getGenomicsBuilder().setErPercent(v);
                        run.scalar("genomics.er", i);
                        run.imported(i, "ER " + fmt(v) + " %");
                    }
                    return;
                }
                case L_PR, "16113-3" -> {
                    Double v = quantity(run, i, o, Set.of("%"), "the percentage of positive nuclei");
                    if (v != null) {
                        run.p.getGenomicsBuilder().setPrPercent(v);
                        run.scalar("genomics.pr", i);
                        run.imported(i, "PR " + fmt(v) + " %");
                    }
                    return;
                }
                case L_DISEASE_STATUS -> {
                    diseaseStatus(run, i, o);
                    return;
                }
                default -> {
                    LabType lab = labType(loinc);
                    if (lab != null) {
                        lab(run, i, o, lab);
                        return;
                    }
                }
            }
        }
        if (ours != null) {
            switch (ours) {
                case O_PDL1_CPS -> {
                    Double v = quantity(run, i, o, null, null);
                    if (v != null) {
                        run.p.getGenomicsBuilder().setPdl1Cps(v);
                        run.scalar("genomics.pdl1Cps", i);
                        run.imported(i, "PD-L1 CPS " + fmt(v));
                    }
                    return;
                }
                case O_ALCOHOL -> {
                    Double v = quantity(run, i, o, null, null);
                    if (v != null) {
                        run.p.getLifestyleBuilder().setAlcoholUnitsPerWeek(v);
                        run.scalar("lifestyle.alcohol", i);
                        run.imported(i, "alcohol " + fmt(v) + " units/week");
                    }
                    return;
                }
                case O_ACTIVITY -> {
                    Double v = quantity(run, i, o, null, null);
                    if (v != null) {
                        run.p.getLifestyleBuilder().setActivityMinutesPerWeek((int) Math.round(v));
                        run.scalar("lifestyle.activity", i);
                        run.imported(i, "physical activity " + Math.round(v) + " min/week");
                    }
                    return;
                }
                case O_BEST_RESPONSE, O_WORST_TOXICITY -> {
                    lineOutcome(run, i, o, ours);
                    return;
                }
                default -> {
                }
            }
        }
        Coding first = code.getCodingFirstRep();
        run.ignored(i, "observation code " + (first.hasSystem() ? first.getSystem() + "|" : "") + first.getCode()
                + " is not mapped to the profile");
    }

    private void stage(Run run, int i, Observation o, boolean clinical) {
        String value = o.hasValueCodeableConcept() ? firstCode(o.getValueCodeableConcept()) : null;
        String roman = Staging.toRoman(value);
        if (roman == null && o.hasValueCodeableConcept() && o.getValueCodeableConcept().hasText()) {
            roman = Staging.toRoman(o.getValueCodeableConcept().getText());
        }
        if (roman == null) {
            run.error(i, "stage group '" + value + "' is not an AJCC 8 stage group");
            return;
        }
        CancerCondition.Builder c = run.p.getCancerBuilder();
        if (!clinical && run.present.contains("cancer.stageGroup.clinical")) {
            run.ignored(i, "pathological stage group: the clinical one is kept");
            return;
        }
        c.setStageGroup(roman);
        run.scalar("cancer.stageGroup", i);
        if (clinical) {
            run.present.add("cancer.stageGroup.clinical");
        }
        run.imported(i, (clinical ? "clinical" : "pathological") + " stage group " + roman);
    }

    private void tnm(Run run, int i, Observation o, String loinc) {
        char axis = switch (loinc) {
            case L_T, L_T_PATH -> 'T';
            case L_N, L_N_PATH -> 'N';
            default -> 'M';
        };
        boolean clinical = loinc.equals(L_T) || loinc.equals(L_N) || loinc.equals(L_M);
        String value = o.hasValueCodeableConcept() ? firstCode(o.getValueCodeableConcept()) : null;
        String category = Staging.category(value, axis);
        if (category == null) {
            run.error(i, "'" + value + "' is not an AJCC " + axis + " category");
            return;
        }
        if (clinical) {
            switch (axis) {
                case 'T' -> run.clinicalT = category;
                case 'N' -> run.clinicalN = category;
                default -> run.clinicalM = category;
            }
        } else {
            switch (axis) {
                case 'T' -> run.pathT = category;
                case 'N' -> run.pathN = category;
                default -> run.pathM = category;
            }
        }
        run.scalar("cancer.tnm." + axis, i);
        run.imported(i, (clinical ? "clinical " : "pathological ") + category
                + (clinical ? "" : " (used only when no clinical " + axis + " category is given)"));
    }

    private void ecog(Run run, int i, Observation o) {
        Integer score = null;
        if (o.hasValueIntegerType()) {
            score = o.getValueIntegerType().getValue();
        } else if (o.hasValueCodeableConcept()) {
            String c = firstCode(o.getValueCodeableConcept());
            if (c != null && c.matches("[0-5]")) {
                score = Integer.parseInt(c);
            }
        }
        String date = effectiveDate(o);
        if (score == null || date == null) {
            run.ignored(i, score == null ? "no ECOG score (valueInteger)" : "no effective date");
            return;
        }
        EcogAssessment e = EcogAssessment.newBuilder().setDate(date).setScore(score).build();
        run.p.getHistoryBuilder().addEcog(e);
        run.items.put(e, i);
        run.imported(i, "ECOG " + score + " on " + date);
    }

    private void smoking(Run run, int i, Observation o) {
        SmokingStatus s = null;
        if (o.hasValueCodeableConcept()) {
            String ours = code(o.getValueCodeableConcept(), CS_SMOKING);
            s = ours == null ? null : enumValue(SmokingStatus.class, "SMOKING_STATUS_" + ours);
            if (s == null) {
                String sct = code(o.getValueCodeableConcept(), SNOMED);
                s = sct == null ? null : switch (sct) {
                    case S_NEVER -> SmokingStatus.SMOKING_STATUS_NEVER;
                    case S_FORMER -> SmokingStatus.SMOKING_STATUS_FORMER;
                    case S_CURRENT, "449868002", "428041000124106", "428071000124103", "428061000124105" ->
                            SmokingStatus.SMOKING_STATUS_CURRENT;
                    default -> null;
                };
            }
        }
        if (s == null) {
            run.ignored(i, "smoking status not recognised (SNOMED CT never / ex-smoker / smoker codes)");
            return;
        }
        String date = effectiveDate(o);
        if (run.present.contains("lifestyle.smoking") && (date == null || run.smokingDate != null
                && date.compareTo(run.smokingDate) <= 0)) {
            run.ignored(i, "an older smoking status: the latest is kept");
            return;
        }
        run.smokingDate = date;
        run.p.getLifestyleBuilder().setSmokingStatus(s);
        run.scalar("lifestyle.smoking", i);
        run.imported(i, "smoking status " + s.name().substring("SMOKING_STATUS_".length()).toLowerCase(Locale.ROOT));
    }

    private void msi(Run run, int i, Observation o) {
        MsiStatus s = null;
        if (o.hasValueCodeableConcept()) {
            String ours = code(o.getValueCodeableConcept(), CS_MSI);
            s = ours == null ? null : enumValue(MsiStatus.class, "MSI_STATUS_" + ours);
            if (s == null) {
                String text = (o.getValueCodeableConcept().getText() + " " + o.getValueCodeableConcept().getCoding()
                        .stream().map(Coding::getDisplay).toList()).toLowerCase(Locale.ROOT);
                s = text.contains("msi-h") || text.contains("high") ? MsiStatus.MSI_STATUS_MSI_H
                        : text.contains("msi-l") || text.contains("low") ? MsiStatus.MSI_STATUS_MSI_L
                        : text.contains("mss") || text.contains("stable") ? MsiStatus.MSI_STATUS_MSS : null;
            }
        }
        if (s == null) {
            run.ignored(i, "MSI result not recognised (MSI-H, MSI-L or MSS)");
            return;
        }
        run.p.getGenomicsBuilder().setMsiStatus(s);
        run.scalar("genomics.msi", i);
        run.imported(i, "MSI status " + s.name().substring("MSI_STATUS_".length()).replace('_', '-'));
    }

    private void her2Ihc(Run run, int i, Observation o) {
        String v = o.hasValueCodeableConcept() ? code(o.getValueCodeableConcept(), CS_HER2_IHC) : null;
        if (v == null && o.hasValueCodeableConcept()) {
            v = o.getValueCodeableConcept().getText();
        }
        if (v == null && o.hasValueStringType()) {
            v = o.getValueStringType().getValue();
        }
        String s = v == null ? "" : v.replace("IHC", "").replace(" ", "");
        Her2Ihc ihc = switch (s) {
            case "0" -> Her2Ihc.HER2_IHC_0;
            case "1+" -> Her2Ihc.HER2_IHC_1_PLUS;
            case "2+" -> Her2Ihc.HER2_IHC_2_PLUS;
            case "3+" -> Her2Ihc.HER2_IHC_3_PLUS;
            default -> null;
        };
        if (ihc == null) {
            run.ignored(i, "HER2 IHC score not recognised (0, 1+, 2+, 3+)");
            return;
        }
        run.p.getGenomicsBuilder().setHer2Ihc(ihc);
        run.scalar("genomics.her2Ihc", i);
        run.imported(i, "HER2 IHC " + s);
    }

    private void her2Ish(Run run, int i, Observation o) {
        IshResult r = null;
        if (o.hasValueCodeableConcept()) {
            String ours = code(o.getValueCodeableConcept(), CS_ISH);
            r = ours == null ? null : enumValue(IshResult.class, "ISH_RESULT_" + ours);
            if (r == null) {
                String c = firstCode(o.getValueCodeableConcept());
                r = c == null ? null : switch (c) {
                    case "10828004", "LA6576-8" -> IshResult.ISH_RESULT_POSITIVE;
                    case "260385009", "LA6577-6" -> IshResult.ISH_RESULT_NEGATIVE;
                    case "42425007" -> IshResult.ISH_RESULT_EQUIVOCAL;
                    default -> null;
                };
            }
        }
        if (r == null) {
            run.ignored(i, "HER2 ISH result not recognised (positive, negative, equivocal)");
            return;
        }
        run.p.getGenomicsBuilder().setHer2Ish(r);
        run.scalar("genomics.her2Ish", i);
        run.imported(i, "HER2 ISH " + r.name().substring("ISH_RESULT_".length()).toLowerCase(Locale.ROOT));
    }

    private void variant(Run run, int i, Observation o) {
        if (o.hasValueCodeableConcept() && has(o.getValueCodeableConcept(), LOINC, "LA9634-2")) {
            run.ignored(i, "variant reported absent");
            return;
        }
        List<String> genes = new ArrayList<>();
        String hgvsC = null, hgvsP = null, changeType = null, sig = null;
        Double vaf = null, copies = null;
        for (Observation.ObservationComponentComponent c : o.getComponent()) {
            String k = code(c.getCode(), LOINC);
            if (k == null) {
                continue;
            }
            switch (k) {
                case L_GENE -> {
                    String g = geneSymbol(c);
                    if (g != null) {
                        genes.add(g);
                    }
                }
                case L_HGVS_C -> hgvsC = componentCode(c);
                case L_HGVS_P -> hgvsP = componentCode(c);
                case L_VAF -> vaf = c.hasValueQuantity() ? c.getValueQuantity().getValue().doubleValue() : null;
                case L_COPY_NUMBER -> copies = c.hasValueQuantity() ? c.getValueQuantity().getValue().doubleValue() : null;
                case L_DNA_CHANGE_TYPE -> {
                    if (c.hasValueCodeableConcept()) {
                        String ours = code(c.getValueCodeableConcept(), CS_CNA);
                        String so = code(c.getValueCodeableConcept(), SO);
                        changeType = ours != null ? ours : so == null ? null : switch (so) {
                            case "SO:0001565" -> "FUSION";
                            case "SO:0001880" -> "AMPLIFICATION";
                            case "SO:0001742" -> "GAIN";
                            case "SO:0001743" -> "LOSS";
                            case "SO:0000159" -> "DELETION";
                            default -> null;
                        };
                    }
                }
                case L_CLIN_SIG -> {
                    if (c.hasValueCodeableConcept()) {
                        sig = code(c.getValueCodeableConcept(), CS_CLIN_SIG);
                        if (sig == null) {
                            String la = code(c.getValueCodeableConcept(), LOINC);
                            sig = la == null ? null : switch (la) {
                                case "LA6668-3" -> "PATHOGENIC";
                                case "LA26332-9" -> "LIKELY_PATHOGENIC";
                                case "LA26333-7" -> "UNCERTAIN";
                                case "LA26334-5" -> "LIKELY_BENIGN";
                                case "LA6675-8" -> "BENIGN";
                                default -> null;
                            };
                        }
                    }
                }
                default -> {
                }
            }
        }
        if (genes.isEmpty()) {
            run.ignored(i, "no gene studied (component " + L_GENE + ")");
            return;
        }
        Genomics.Builder g = run.p.getGenomicsBuilder();
        run.present.add("genomics.report");
        if ("FUSION".equals(changeType) || genes.size() >= 2) {
            if (genes.size() < 2) {
                run.ignored(i, "a fusion needs both partner genes (5' then 3')");
                return;
            }
            Fusion f = Fusion.newBuilder().setGene5P(genes.get(0)).setGene3P(genes.get(1)).build();
            g.addFusions(f);
            run.items.put(f, i);
            run.imported(i, "fusion " + genes.get(0) + "::" + genes.get(1));
            return;
        }
        CopyNumberType cnt = changeType == null ? null : enumValue(CopyNumberType.class, "COPY_NUMBER_TYPE_" + changeType);
        if (cnt != null || copies != null && hgvsC == null && hgvsP == null) {
            CopyNumberAlteration.Builder c = CopyNumberAlteration.newBuilder().setGene(genes.get(0));
            if (cnt != null) {
                c.setType(cnt);
            }
            if (copies != null) {
                c.setCopyNumber(copies);
            }
            CopyNumberAlteration built = c.build();
            g.addCopyNumberAlterations(built);
            run.items.put(built, i);
            run.imported(i, "copy-number alteration " + genes.get(0) + (cnt == null ? "" : " "
                    + cnt.name().substring("COPY_NUMBER_TYPE_".length()).toLowerCase(Locale.ROOT)));
            return;
        }
        Variant.Builder v = Variant.newBuilder().setGene(genes.get(0));
        if (hgvsC != null) {
            v.setHgvsC(hgvsC.contains(":") ? hgvsC.substring(hgvsC.lastIndexOf(':') + 1) : hgvsC);
        }
        if (hgvsP != null) {
            v.setHgvsP(hgvsP.contains(":") ? hgvsP.substring(hgvsP.lastIndexOf(':') + 1) : hgvsP);
        }
        if (vaf != null) {
            v.setVaf(vaf > 1 && vaf <= 100 ? vaf / 100 : vaf);
            if (vaf > 1 && vaf <= 100) {
                run.warning(i, "allele frequency " + fmt(vaf) + " read as a percentage: " + fmt(vaf / 100));
            }
        }
        ClinicalSignificance cs = sig == null ? null : enumValue(ClinicalSignificance.class, "CLINICAL_SIGNIFICANCE_" + sig);
        if (cs != null) {
            v.setClinicalSignificance(cs);
        }
        Variant built = v.build();
        g.addVariants(built);
        run.items.put(built, i);
        run.imported(i, "variant " + genes.get(0) + (hgvsP == null ? "" : " " + built.getHgvsP()));
    }

    private void lab(Run run, int i, Observation o, LabType type) {
        String date = effectiveDate(o);
        if (date == null) {
            run.ignored(i, "no effective date");
            return;
        }
        if (!o.hasValueQuantity() || !o.getValueQuantity().hasValue()) {
            run.ignored(i, "no valueQuantity");
            return;
        }
        Quantity q = o.getValueQuantity();
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        Double value = Units.toProfileUnit(type, q.getValue().doubleValue(), unit);
        if (value == null) {
            run.ignored(i, "unit '" + unit + "' cannot be converted to " + Units.profileUnit(type));
            return;
        }
        LabResult lab = LabResult.newBuilder().setDate(date).setType(type).setValue(value).build();
        run.p.getHistoryBuilder().addLabs(lab);
        run.items.put(lab, i);
        run.imported(i, type.name().substring("LAB_TYPE_".length()) + " " + fmt(value) + " " + Units.profileUnit(type)
                + " on " + date);
    }

    private void diseaseStatus(Run run, int i, Observation o) {
        if (!o.hasValueCodeableConcept() || !has(o.getValueCodeableConcept(), SNOMED, S_WORSENED)) {
            run.ignored(i, "only progression (condition worsened) is kept, as a therapy line's progression date");
            return;
        }
        TherapyLine.Builder line = basedOnLine(run, o);
        String date = effectiveDate(o);
        if (line == null || date == null) {
            run.ignored(i, line == null ? "progression not linked to a therapy line (basedOn a MedicationRequest)"
                    : "no effective date");
            return;
        }
        if (!line.getProgressionDate().isEmpty() && line.getProgressionDate().compareTo(date) <= 0) {
            run.ignored(i, "a later progression of the same line: the first one is kept");
            return;
        }
        line.setProgressionDate(date);
        run.imported(i, "progression on " + date);
    }

    private void lineOutcome(Run run, int i, Observation o, String kind) {
        TherapyLine.Builder line = basedOnLine(run, o);
        if (line == null) {
            run.ignored(i, "not linked to a therapy line (basedOn a MedicationRequest of this bundle)");
            return;
        }
        if (kind.equals(O_BEST_RESPONSE)) {
            String r = o.hasValueCodeableConcept() ? code(o.getValueCodeableConcept(), CS_RECIST) : null;
            RecistResponse response = r == null ? null : enumValue(RecistResponse.class, "RECIST_RESPONSE_" + r);
            if (response == null) {
                run.ignored(i, "best response not recognised (CR, PR, SD, PD, NOT_EVALUABLE)");
                return;
            }
            line.setBestResponse(response);
            run.imported(i, "best response " + r);
            return;
        }
        if (o.hasValueIntegerType()) {
            line.setWorstToxicityGrade(o.getValueIntegerType().getValue());
        }
        for (Observation.ObservationComponentComponent c : o.getComponent()) {
            if (has(c.getCode(), CS_OBSERVATION, O_IMMUNE_RELATED) && c.getValue() instanceof BooleanType b) {
                line.setImmuneRelatedToxicity(b.booleanValue());
            }
        }
        run.imported(i, "worst toxicity grade" + (o.hasValueIntegerType() ? " " + o.getValueIntegerType().getValue() : ""));
    }

    private TherapyLine.Builder basedOnLine(Run run, Observation o) {
        for (Reference r : o.getBasedOn()) {
            Integer target = run.resolve(r);
            if (target != null && run.lines.containsKey(target)) {
                return run.lines.get(target);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ end of the run

    private void finish(Run run) {
        CancerCondition.Builder c = run.p.getCancerBuilder();
        String t = run.clinicalT != null ? run.clinicalT : run.pathT;
        String n = run.clinicalN != null ? run.clinicalN : run.pathN;
        String m = run.clinicalM != null ? run.clinicalM : run.pathM;
        if (t != null) {
            c.setTCategory(t);
        }
        if (n != null) {
            c.setNCategory(n);
        }
        if (m != null) {
            c.setMCategory(m);
        }
        if (t != null || n != null || m != null || run.present.contains("cancer.stageGroup")) {
            run.present.add("cancer.tnm");
        }
        if (!run.present.contains("cancer.condition") && (run.present.contains("cancer.tnm")
                || run.present.contains("cancer.metastaticSites"))) {
            run.warning(run.patientEntry, "staging or metastases without a primary cancer condition: they are "
                    + "imported, the stored condition is kept");
        }
        History.Builder h = run.p.getHistoryBuilder();
        for (var e : run.lines.entrySet()) {
            TherapyLine line = e.getValue().build();
            h.addTherapyLines(line);
            run.items.put(line, e.getKey());
        }
        // Profile paths of scalar parts → entries, for the profile service's validation errors.
        Map<String, Integer> s = run.scalars;
        copy(s, "cancer.condition", "cancer");
        copy(s, "cancer.stageGroup", "cancer.stageGroup");
        copy(s, "cancer.tnm.T", "cancer.tCategory");
        copy(s, "cancer.tnm.N", "cancer.nCategory");
        copy(s, "cancer.tnm.M", "cancer.mCategory");
        copy(s, "cancer.metastaticSites", "cancer.metastaticSites");
        copy(s, "identity", "identity");
        copy(s, "sex", "sex");
        copy(s, "followUp.deceased", "followUp");
        copy(s, "genomics.report", "genomics");
        copy(s, "genomics.tmb", "genomics.tmbMutPerMb");
        copy(s, "genomics.pdl1Tps", "genomics.pdl1TpsPercent");
        copy(s, "genomics.er", "genomics.erPercent");
        copy(s, "genomics.pr", "genomics.prPercent");
        copy(s, "lifestyle.packYears", "lifestyle.packYears");
        copy(s, "lifestyle.bmi", "lifestyle.bmi");
        copy(s, "lifestyle.alcohol", "lifestyle.alcoholUnitsPerWeek");
        copy(s, "lifestyle.activity", "lifestyle.activityMinutesPerWeek");
        copy(s, "careTeams", "careTeams");
    }

    private static void copy(Map<String, Integer> m, String from, String to) {
        Integer v = m.get(from);
        if (v != null) {
            m.putIfAbsent(to, v);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Double quantity(Run run, int i, Observation o, Set<String> units, String expected) {
        if (!o.hasValueQuantity() || !o.getValueQuantity().hasValue()) {
            run.ignored(i, "no valueQuantity" + (expected == null ? "" : ": " + expected + " is needed"));
            return null;
        }
        Quantity q = o.getValueQuantity();
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        if (units != null && unit != null && !units.contains(unit) && !units.contains(q.getUnit())) {
            run.ignored(i, "unit '" + unit + "' not accepted (expected " + String.join(" or ", units) + ")");
            return null;
        }
        return q.getValue().doubleValue();
    }

    private static LabType labType(String loinc) {
        if (L_EGFR_ALL.contains(loinc)) {
            return LabType.LAB_TYPE_EGFR;
        }
        return switch (loinc) {
            case L_BILIRUBIN -> LabType.LAB_TYPE_BILIRUBIN;
            case L_ALT, "1743-4" -> LabType.LAB_TYPE_ALT;
            case L_ANC, "26499-4", "753-4" -> LabType.LAB_TYPE_ANC;
            case L_HEMOGLOBIN, "30313-1" -> LabType.LAB_TYPE_HEMOGLOBIN;
            default -> null;
        };
    }

    private static String geneSymbol(Observation.ObservationComponentComponent c) {
        if (!c.hasValueCodeableConcept()) {
            return null;
        }
        for (Coding coding : c.getValueCodeableConcept().getCoding()) {
            if (coding.hasDisplay() && coding.getDisplay().matches("^[A-Z][A-Z0-9-]*(orf[0-9]+)?$")) {
                return coding.getDisplay();
            }
            if (coding.hasCode()) {
                for (var e : HGNC_IDS.entrySet()) {
                    if (e.getValue().equals(coding.getCode())) {
                        return e.getKey();
                    }
                }
                if (coding.getCode().matches("^[A-Z][A-Z0-9-]*(orf[0-9]+)?$")) {
                    return coding.getCode();
                }
            }
        }
        String text = c.getValueCodeableConcept().getText();
        return text != null && text.matches("^[A-Z][A-Z0-9-]*$") ? text : null;
    }

    private static String componentCode(Observation.ObservationComponentComponent c) {
        if (c.hasValueCodeableConcept()) {
            String code = firstCode(c.getValueCodeableConcept());
            return code != null ? code : c.getValueCodeableConcept().getText();
        }
        return c.hasValueStringType() ? c.getValueStringType().getValue() : null;
    }

    static boolean hasProfile(Resource r, String profile) {
        return r.hasMeta() && r.getMeta().getProfile().stream().anyMatch(p -> p.getValue() != null
                && p.getValue().startsWith(profile) && (p.getValue().length() == profile.length()
                || p.getValue().charAt(profile.length()) == '|'));
    }

    static boolean has(CodeableConcept cc, String system, String code) {
        return cc != null && cc.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }

    /** The first code of any of the systems, in the order given. */
    static String code(CodeableConcept cc, String... systems) {
        if (cc == null) {
            return null;
        }
        for (String system : systems) {
            for (Coding c : cc.getCoding()) {
                if (system.equals(c.getSystem()) && c.hasCode()) {
                    return c.getCode();
                }
            }
        }
        return null;
    }

    private static String display(CodeableConcept cc, String code) {
        for (Coding c : cc.getCoding()) {
            if (code.equals(c.getCode()) && c.hasDisplay()) {
                return c.getDisplay();
            }
        }
        return cc.hasText() ? cc.getText() : null;
    }

    private static String firstCode(CodeableConcept cc) {
        for (Coding c : cc.getCoding()) {
            if (c.hasCode()) {
                return c.getCode();
            }
        }
        return null;
    }

    private static String effectiveDate(Observation o) {
        if (o.hasEffectiveDateTimeType()) {
            return isoDate(o.getEffectiveDateTimeType());
        }
        if (o.hasEffectivePeriod() && o.getEffectivePeriod().hasStartElement()) {
            return isoDate(o.getEffectivePeriod().getStartElement());
        }
        return null;
    }

    /** The calendar date of a FHIR date or dateTime as written (its own time zone; no conversion). */
    static String isoDate(BaseDateTimeType d) {
        String s = d.getValueAsString();
        return s == null ? null : s.length() >= 10 ? s.substring(0, 10) : s;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String fmt(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}

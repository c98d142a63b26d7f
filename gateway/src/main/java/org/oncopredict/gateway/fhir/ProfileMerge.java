package org.oncopredict.gateway.fhir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.oncopredict.proto.profile.v1.CancerCondition;
import org.oncopredict.proto.profile.v1.Comorbidity;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.Genomics;
import org.oncopredict.proto.profile.v1.History;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.Lifestyle;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.TherapyLine;

/**
 * An imported profile applied to the stored one (or to an empty one, for a new patient). What the bundle carried
 * replaces what is stored, part by part ({@link FhirToProfile.Mapped#present()}); what it did not carry is kept.
 * History entries are merged: an ECOG assessment or lab result is added unless the same one is stored (same date,
 * type and value), comorbidities by code,
 * therapy lines by line number (else by regimen and start date; new lines are numbered after the last). Importing
 * the same bundle twice therefore gives the same profile: the second import changes nothing.
 */
public final class ProfileMerge {

    private ProfileMerge() {
    }

    public static PatientProfile merge(PatientProfile stored, PatientProfile in, Set<String> present) {
        PatientProfile.Builder out = stored.toBuilder();
        if (present.contains("identity")) {
            out.setIdentity(in.getIdentity());
        }
        if (present.contains("sex")) {
            out.setSex(in.getSex());
        }
        if (present.contains("followUp.deceased")) {
            out.getFollowUpBuilder().setDeceased(in.getFollowUp().getDeceased())
                    .setDeathDate(in.getFollowUp().getDeathDate());
        }
        if (present.contains("followUp.lastContactDate")) {
            out.getFollowUpBuilder().setLastContactDate(in.getFollowUp().getLastContactDate());
        }
        if (present.contains("careTeams")) {
            out.clearCareTeams().addAllCareTeams(in.getCareTeamsList());
        }
        CancerCondition c = in.getCancer();
        if (present.contains("cancer.condition") || present.contains("cancer.tnm")
                || present.contains("cancer.metastaticSites")) {
            CancerCondition.Builder cb = out.getCancerBuilder();
            if (present.contains("cancer.condition")) {
                cb.setCancerType(c.getCancerType()).setPrimarySiteCode(c.getPrimarySiteCode())
                        .setHistologyCode(c.getHistologyCode()).setDiagnosisDate(c.getDiagnosisDate());
            }
            if (present.contains("cancer.tnm")) {
                cb.setTCategory(c.getTCategory()).setNCategory(c.getNCategory()).setMCategory(c.getMCategory())
                        .setStageGroup(c.getStageGroup());
            }
            if (present.contains("cancer.metastaticSites")) {
                cb.clearMetastaticSites().addAllMetastaticSites(c.getMetastaticSitesList());
            }
        }
        Genomics g = in.getGenomics();
        Genomics.Builder gb = out.getGenomicsBuilder();
        if (present.contains("genomics.report")) {
            gb.clearVariants().addAllVariants(g.getVariantsList())
                    .clearCopyNumberAlterations().addAllCopyNumberAlterations(g.getCopyNumberAlterationsList())
                    .clearFusions().addAllFusions(g.getFusionsList())
                    .setSpecimenType(g.getSpecimenType()).setReportDate(g.getReportDate());
        }
        if (present.contains("genomics.tmb")) {
            gb.setTmbMutPerMb(g.getTmbMutPerMb());
        }
        if (present.contains("genomics.msi")) {
            gb.setMsiStatus(g.getMsiStatus());
        }
        if (present.contains("genomics.pdl1Tps")) {
            gb.setPdl1TpsPercent(g.getPdl1TpsPercent());
        }
        if (present.contains("genomics.pdl1Cps")) {
            gb.setPdl1Cps(g.getPdl1Cps());
        }
        if (present.contains("genomics.her2Ihc")) {
            gb.setHer2Ihc(g.getHer2Ihc());
        }
        if (present.contains("genomics.her2Ish")) {
            gb.setHer2Ish(g.getHer2Ish());
        }
        if (present.contains("genomics.er")) {
            gb.setErPercent(g.getErPercent());
        }
        if (present.contains("genomics.pr")) {
            gb.setPrPercent(g.getPrPercent());
        }
        if (gb.build().equals(Genomics.getDefaultInstance())) {
            out.clearGenomics();
        }
        Lifestyle l = in.getLifestyle();
        Lifestyle.Builder lb = out.getLifestyleBuilder();
        if (present.contains("lifestyle.smoking")) {
            lb.setSmokingStatus(l.getSmokingStatus());
        }
        if (present.contains("lifestyle.packYears")) {
            lb.setPackYears(l.getPackYears());
        }
        if (present.contains("lifestyle.alcohol")) {
            lb.setAlcoholUnitsPerWeek(l.getAlcoholUnitsPerWeek());
        }
        if (present.contains("lifestyle.bmi")) {
            lb.setBmi(l.getBmi());
        }
        if (present.contains("lifestyle.activity")) {
            lb.setActivityMinutesPerWeek(l.getActivityMinutesPerWeek());
        }
        if (lb.build().equals(Lifestyle.getDefaultInstance())) {
            out.clearLifestyle();
        }
        out.setHistory(history(stored.getHistory(), in.getHistory()));
        if (out.getHistory().equals(History.getDefaultInstance())) {
            out.clearHistory();
        }
        if (out.getFollowUp().equals(org.oncopredict.proto.profile.v1.FollowUp.getDefaultInstance())) {
            out.clearFollowUp();
        }
        return out.build();
    }

    private static History history(History stored, History in) {
        History.Builder h = History.newBuilder();
        Map<String, Comorbidity> comorbidities = new LinkedHashMap<>();
        stored.getComorbiditiesList().forEach(c -> comorbidities.put(c.getCode(), c));
        in.getComorbiditiesList().forEach(c -> comorbidities.put(c.getCode(), c));
        h.addAllComorbidities(comorbidities.values());
        // ECOG and labs: an incoming entry is added unless an equal one (date, type, value) is stored and not yet
        // matched, so a second assessment on the same day is kept and stored duplicates stay as they are.
        h.addAllEcog(added(stored.getEcogList(), in.getEcogList()).stream()
                .sorted(Comparator.comparing(EcogAssessment::getDate)).toList());
        h.addAllLabs(added(stored.getLabsList(), in.getLabsList()).stream()
                .sorted(Comparator.comparing(LabResult::getDate)).toList());
        h.addAllTherapyLines(lines(stored.getTherapyLinesList(), in.getTherapyLinesList()));
        return h.build();
    }

    /** The stored entries, then the incoming ones not matched one-to-one by an equal stored entry. */
    private static <T> List<T> added(List<T> stored, List<T> in) {
        Map<T, Integer> unmatched = new java.util.HashMap<>();
        stored.forEach(x -> unmatched.merge(x, 1, Integer::sum));
        List<T> out = new ArrayList<>(stored);
        for (T x : in) {
            Integer n = unmatched.get(x);
            if (n != null && n > 0) {
                unmatched.put(x, n - 1);
            } else {
                out.add(x);
            }
        }
        return out;
    }

    private static List<TherapyLine> lines(List<TherapyLine> stored, List<TherapyLine> in) {
        Map<Integer, TherapyLine> byNumber = new LinkedHashMap<>();
        stored.forEach(l -> byNumber.put(l.getLineNumber(), l));
        List<TherapyLine> unnumbered = new ArrayList<>();
        for (TherapyLine line : in) {
            TherapyLine match = line.getLineNumber() > 0 ? byNumber.get(line.getLineNumber())
                    : byNumber.values().stream().filter(s -> s.getRegimenId().equals(line.getRegimenId())
                    && s.getStartDate().equals(line.getStartDate())).findFirst().orElse(null);
            if (match != null) {
                byNumber.put(match.getLineNumber(), line.toBuilder().setLineId(match.getLineId())
                        .setLineNumber(match.getLineNumber()).build());
            } else if (line.getLineNumber() > 0) {
                byNumber.put(line.getLineNumber(), line);
            } else {
                unnumbered.add(line);
            }
        }
        int next = byNumber.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (TherapyLine line : unnumbered.stream().sorted(Comparator.comparing(TherapyLine::getStartDate)).toList()) {
            byNumber.put(++next, line.toBuilder().setLineNumber(next).build());
        }
        return byNumber.values().stream().sorted(Comparator.comparingInt(TherapyLine::getLineNumber)).toList();
    }

    /** The profile without what the server derives or assigns (for "did anything change?" and round-trip checks). */
    public static PatientProfile comparable(PatientProfile p) {
        PatientProfile.Builder b = p.toBuilder().clearVersion().clearAgeBand().clearAgeAtDiagnosisYears()
                .clearDeidentified();
        if (b.getCancer().equals(CancerCondition.getDefaultInstance())) {
            b.clearCancer();
        }
        if (b.getGenomics().equals(Genomics.getDefaultInstance())) {
            b.clearGenomics();
        }
        if (b.getLifestyle().equals(Lifestyle.getDefaultInstance())) {
            b.clearLifestyle();
        }
        if (b.getHistory().equals(History.getDefaultInstance())) {
            b.clearHistory();
        }
        if (b.getFollowUp().equals(org.oncopredict.proto.profile.v1.FollowUp.getDefaultInstance())) {
            b.clearFollowUp();
        }
        return b.build();
    }
}

package org.oncopredict.profile.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.oncopredict.profile.domain.CancerCondition;
import org.oncopredict.profile.domain.EcogAssessment;
import org.oncopredict.profile.domain.FollowUp;
import org.oncopredict.profile.domain.Genomics;
import org.oncopredict.profile.domain.History;
import org.oncopredict.profile.domain.LabResult;
import org.oncopredict.profile.domain.PatientProfile;
import org.oncopredict.profile.domain.TherapyLine;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;

/**
 * De-identification for cohorts and data scientists: removes the identity (name, MRN, birth date), keeps the
 * pseudonym, the age band and the top-coded age at diagnosis, and shifts every date of a patient by the same
 * offset of 1..365 days (sign included), derived from HMAC-SHA256(secret, pseudonym). Intervals — time to
 * progression, line durations, follow-up — are preserved exactly, so models trained on de-identified data
 * see the same survival times; calendar dates are not revealed. The decider and the free-text rationale of a line are removed too (free text can hold identifiers).
 */
@ApplicationScoped
public class Deidentifier {

    private final byte[] secret;

    public Deidentifier(@ConfigProperty(name = "oncopredict.deid.secret") String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public PatientProfile deidentify(PatientProfile p) {
        int shift = shiftDays(p.patientId());
        CancerCondition c = p.cancer();
        CancerCondition cancer = c == null ? null : new CancerCondition(c.cancerType(), c.primarySiteCode(), c.histologyCode(),
                shift(c.diagnosisDate(), shift), c.tCategory(), c.nCategory(), c.mCategory(), c.stageGroup(), c.metastaticSites());
        Genomics g = p.genomics();
        Genomics genomics = new Genomics(g.variants(), g.copyNumberAlterations(), g.fusions(), g.tmbMutPerMb(), g.msiStatus(),
                g.pdl1TpsPercent(), g.pdl1Cps(), g.her2Ihc(), g.her2Ish(), g.erPercent(), g.prPercent(), g.specimenType(),
                shift(g.reportDate(), shift));
        History h = p.history();
        History history = new History(h.comorbidities(),
                h.ecog().stream().map(e -> new EcogAssessment(shift(e.date(), shift), e.score())).toList(),
                h.labs().stream().map(l -> new LabResult(shift(l.date(), shift), l.type(), l.value())).toList(),
                h.therapyLines().stream().map(t -> new TherapyLine(t.lineId(), t.lineNumber(), t.regimenId(),
                        shift(t.startDate(), shift), shift(t.endDate(), shift), t.bestResponse(), shift(t.progressionDate(), shift),
                        t.worstToxicityGrade(), t.immuneRelatedToxicity(), t.reasonStopped(), null, null)).toList());
        FollowUp f = p.followUp();
        FollowUp followUp = new FollowUp(shift(f.lastContactDate(), shift), f.deceased(), shift(f.deathDate(), shift));
        return new PatientProfile(p.patientId(), p.version(), null, p.sex(), p.careTeams(), p.ageBand(),
                p.ageAtDiagnosisYears(), cancer, genomics, p.lifestyle(), history, followUp, true);
    }

    /** The patient's date offset in days, in [-365, -1] ∪ [1, 365]. */
    int shiftDays(String patientId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            int bits = ByteBuffer.wrap(mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8))).getInt();
            int magnitude = 1 + Math.floorMod(bits, 365);
            return (bits & 1) == 0 ? magnitude : -magnitude;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static LocalDate shift(LocalDate d, int days) {
        return d == null ? null : d.plusDays(days);
    }
}

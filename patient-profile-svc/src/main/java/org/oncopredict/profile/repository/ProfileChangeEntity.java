package org.oncopredict.profile.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row of the append-only change log: who changed which profile to which version. No PHI. */
@Entity
@Table(name = "profile_change")
public class ProfileChangeEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String patientId;
    public long version;
    public String action;
    public String actor;
    public Instant changedAt;
}

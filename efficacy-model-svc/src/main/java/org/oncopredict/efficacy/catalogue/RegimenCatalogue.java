package org.oncopredict.efficacy.catalogue;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import org.oncopredict.proto.profile.v1.CancerType;

/**
 * The service's regimen catalogue: {@value CatalogueLoader#DEFAULT_RESOURCE}, loaded and validated
 * at start-up so that an invalid catalogue stops the service from starting instead of failing a
 * later request. Code without CDI uses {@link CatalogueLoader} directly.
 *
 * <p>Decision support only: the catalogue summarises published evidence and labels; it does not
 * replace the treating team's judgement.
 */
@Startup
@ApplicationScoped
public class RegimenCatalogue {

    private Catalogue catalogue;

    @PostConstruct
    void load() {
        catalogue = CatalogueLoader.loadDefault();
    }

    /** The loaded catalogue (immutable). */
    public Catalogue catalogue() {
        return catalogue;
    }

    public String version() {
        return catalogue.version();
    }

    /** Every regimen, in catalogue order. */
    public List<Regimen> regimens() {
        return catalogue.regimens();
    }

    public Optional<Regimen> find(String id) {
        return catalogue.find(id);
    }

    /** The regimens of a cancer type, in catalogue order. */
    public List<Regimen> forCancerType(CancerType cancerType) {
        return catalogue.forCancerType(cancerType);
    }
}

package org.oncopredict.efficacy.service;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.oncopredict.efficacy.catalogue.RegimenCatalogue;
import org.oncopredict.efficacy.features.FeatureEncoder;

/** One feature encoder for the service, over the catalogue the service loaded (not a second copy of it). */
public class FeatureEncoderProducer {

    @Produces
    @Singleton
    FeatureEncoder encoder(RegimenCatalogue catalogue) {
        return new FeatureEncoder(catalogue.catalogue());
    }
}

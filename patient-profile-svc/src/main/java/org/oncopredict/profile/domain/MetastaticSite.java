package org.oncopredict.profile.domain;

public enum MetastaticSite { BRAIN, LIVER, BONE, LUNG, ADRENAL, PLEURA, DISTANT_LYMPH_NODE, PERITONEUM, OTHER }

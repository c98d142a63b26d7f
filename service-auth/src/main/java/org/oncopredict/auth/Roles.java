package org.oncopredict.auth;

import java.util.Set;

/** Realm roles of the "oncology" realm (deploy/keycloak/oncology-realm.json), as they appear in tokens. */
public final class Roles {

    public static final String ONCOLOGIST = "oncologist";
    public static final String TUMOR_BOARD = "tumor-board";
    public static final String DATA_SCIENTIST = "data-scientist";
    public static final String ADMIN = "admin";
    /** Internal service accounts (client-credentials tokens), e.g. efficacy-model-svc reading cohorts. */
    public static final String SERVICE = "service";

    public static final Set<String> ALL = Set.of(ONCOLOGIST, TUMOR_BOARD, DATA_SCIENTIST, ADMIN, SERVICE);

    private Roles() {
    }
}

package org.oncopredict.gateway.audit;

/** What an audit record is about. */
public enum AuditAction {
    PATIENT_SEARCH,
    PATIENT_READ,
    PATIENT_CREATE,
    PATIENT_UPDATE,
    HISTORY_APPEND,
    PREDICTION,
    COHORT_PREDICTION,
    COHORT_READ,
    DECISION,
    MODEL_TRAIN,
    MODEL_TRAIN_CANCEL,
    MODEL_ACTIVATE,
    MODEL_ROLLBACK,
    AGENDA_CREATE,
    AGENDA_UPDATE,
    AUDIT_READ,
    AUDIT_VERIFY,
    /** A PDF report was generated; the detail starts with "report <id>", the id printed on every page. */
    REPORT_GENERATED,
    /** Feedback of a CDS Hooks client on a card (accepted or overridden, with the reason code). */
    CDS_FEEDBACK,
    /** An authenticated request refused by access control; the detail names the operation. */
    ACCESS_DENIED
}

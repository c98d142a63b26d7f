package org.oncopredict.gateway.testsupport;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * Test data shared by the gateway's tests, found or made through the API itself: demo users' tokens (cached), a
 * living thoracic (NSCLC) patient of oncologist1, a GI patient outside oncologist1's care teams, and a current tumor-board
 * agenda holding the thoracic patient.
 * <p>
 * The shared thoracic patient is read, never written: a recorded decision or therapy line moves a patient to a later
 * line, changing which regimens are eligible and predicted, so tests comparing numbers would depend on the order the
 * test classes happen to run in. A test that writes takes a patient of its own ({@link #ownThoracicPatient()}).
 */
public final class Fixtures {

    public static final String ONCOLOGIST = "oncologist1";   // care teams thoracic-a, thoracic-b
    public static final String OTHER_ONCOLOGIST = "oncologist2"; // gi-a, breast-a
    public static final String TUMOR_BOARD = "tumorboard1";
    public static final String DATA_SCIENTIST = "datascientist1";
    public static final String ADMIN = "admin1";
    public static final List<String> USERS = List.of(ONCOLOGIST, TUMOR_BOARD, DATA_SCIENTIST, ADMIN);

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, Long> ISSUED = new ConcurrentHashMap<>();
    private static String thoracicPatient;
    private static String giPatient;
    private static String agenda;
    /** Every thoracic patient handed out, so none is handed out twice. */
    private static final java.util.Set<String> HANDED_OUT = new java.util.HashSet<>();

    private Fixtures() {
    }

    /** A fresh-enough access token of a demo user (re-issued after 4 of its 5 minutes). */
    public static String token(String user) {
        long now = System.currentTimeMillis();
        Long issued = ISSUED.get(user);
        if (issued == null || now - issued > 240_000) {
            TOKENS.put(user, TestPlatform.get().token(user));
            ISSUED.put(user, now);
        }
        return TOKENS.get(user);
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(token(user));
    }

    /**
     * An NSCLC patient in oncologist1's care team, on a current agenda, whose best-ranked option has a prediction.
     * Read only: no test writes to it (see the class comment).
     */
    public static synchronized String thoracicPatient() {
        if (thoracicPatient == null) {
            thoracicPatient = unused(ONCOLOGIST, "NSCLC");
            agenda = as(TUMOR_BOARD).contentType(ContentType.JSON)
                    .body(Map.of("meetingDate", LocalDate.now().plusDays(3).toString(),
                            "title", "Thoracic tumor board " + UUID.randomUUID().toString().substring(0, 6),
                            "attendees", "Dr A, Dr B", "patientIds", List.of(thoracicPatient)))
                    .post("/api/v1/agendas").then().statusCode(201).extract().path("id");
        }
        return thoracicPatient;
    }

    /**
     * Another NSCLC patient of oncologist1 at each call, never handed out before, whose best-ranked option has a
     * prediction; on the fixture agenda too (the tumor board may read it). For tests that write to a patient.
     */
    public static synchronized String ownThoracicPatient() {
        String agendaId = agenda();
        String id = unused(ONCOLOGIST, "NSCLC");
        as(ONCOLOGIST).contentType(ContentType.JSON).body(Map.of("patientId", id))
                .post("/api/v1/agendas/" + agendaId + "/patients").then().statusCode(200);
        return id;
    }

    /** A colorectal patient (care team gi-a): outside oncologist1's care teams, on no agenda. */
    public static synchronized String giPatient() {
        if (giPatient == null) {
            giPatient = first(OTHER_ONCOLOGIST, "COLORECTAL");
        }
        return giPatient;
    }

    /** The current agenda holding {@link #thoracicPatient()}. */
    public static synchronized String agenda() {
        thoracicPatient();
        return agenda;
    }

    /** The newest living patient of the cancer type visible to the user (new therapy lines can start today). */
    private static String first(String user, String cancerType) {
        return living(user, cancerType).findFirst()
                .orElseThrow(() -> new IllegalStateException("no living " + cancerType + " patient visible to " + user));
    }

    /** The newest living patient not handed out yet whose best-ranked treatment option has a prediction. */
    private static String unused(String user, String cancerType) {
        String id = living(user, cancerType).filter(p -> !HANDED_OUT.contains(p) && topOptionPredicted(user, p))
                .findFirst().orElseThrow(() -> new IllegalStateException("no further living " + cancerType
                        + " patient with a predicted option visible to " + user + " (handed out: " + HANDED_OUT + ")"));
        HANDED_OUT.add(id);
        return id;
    }

    private static java.util.stream.Stream<String> living(String user, String cancerType) {
        List<String> ids = as(user).queryParam("cancerType", cancerType).queryParam("pageSize", 50)
                .get("/api/v1/patients").then().statusCode(200).extract().path("patients.patientId");
        return ids.stream().filter(id -> !Boolean.TRUE.equals(as(user).get("/api/v1/patients/" + id).then()
                .statusCode(200).extract().path("followUp.deceased")));
    }

    private static boolean topOptionPredicted(String user, String patient) {
        Map<String, Object> top = as(user).get("/api/v1/patients/" + patient + "/treatment-options?curves=false")
                .then().statusCode(200).extract().path("predictions[0]");
        return top != null && (top.containsKey("response") || top.containsKey("progressionFreeSurvival"));
    }
}

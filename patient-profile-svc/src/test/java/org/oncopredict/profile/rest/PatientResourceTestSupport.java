package org.oncopredict.profile.rest;

import io.restassured.http.ContentType;
import org.oncopredict.profile.TestProfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;

/** Creates profiles through the REST API for tests in other packages. */
public final class PatientResourceTestSupport {
    private PatientResourceTestSupport() {
    }

    public static String createId(Map<String, Object> body) {
        return PatientResourceTest.createId(body);
    }

    /** Creates {@code n} valid profiles in {@code team} with 4 concurrent clients; returns their ids. */
    public static List<String> createMany(String team, int n) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> given().contentType(ContentType.JSON).body(TestProfiles.valid(team))
                        .post("/api/v1/patients").then().statusCode(201).extract().<String>path("patientId")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            return ids;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }
}

package org.oncopredict.localpg;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a Quarkus test run its own fresh database (on the server {@link LocalPostgres} finds) and drops it
 * when the run ends, so tests never see leftovers and never leave any. Use with
 * {@code @QuarkusTestResource(PostgresTestResource.class)}; the database name prefix can be set with the
 * init argument {@code prefix}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalPostgres server;
    private LocalPostgres.TemporaryDatabase database;
    private String prefix = "op_test";

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("prefix", prefix);
    }

    @Override
    public Map<String, String> start() {
        server = LocalPostgres.start();
        database = server.createTemporaryDatabase(prefix);
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password(),
                "oncopredict.test.database-name", database.name());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        if (server != null) {
            server.close();
        }
    }
}

package org.oncopredict.efficacy.registry;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.oncopredict.localpg.PostgresTestResource;

/**
 * Every Quarkus test of this module runs against one database created for the run and dropped after it
 * (a global test resource: declaring it once is enough). Registry tests empty the tables before each test.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "efficacy_test"))
public final class RegistryTestDatabase {
    private RegistryTestDatabase() {
    }
}

package org.oncopredict.profile;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.oncopredict.localpg.PostgresTestResource;

/**
 * Every Quarkus test of this module runs against one database created for the run and dropped after it
 * (global test resource). Tests isolate their data by unique MRNs and care teams.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "profile_test"))
public final class ProfileTestDatabase {
    private ProfileTestDatabase() {
    }
}

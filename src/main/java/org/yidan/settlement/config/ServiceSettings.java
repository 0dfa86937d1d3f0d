package org.yidan.settlement.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The files an integration team edits and the hospital (yidan; README "Configuration").
 *
 * @param policiesDir the policy files (POLICIES_DIR)
 * @param mappingsDir the mapping files (MAPPINGS_DIR)
 * @param routesDir   the Camel route files (ROUTES_DIR)
 * @param zone        the hospital's time zone (ZONE)
 */
@ConfigurationProperties("yidan")
public record ServiceSettings(@Bindable(defaultValue = "policies") String policiesDir,
                              @Bindable(defaultValue = "mappings") String mappingsDir,
                              @Bindable(defaultValue = "routes") String routesDir,
                              @Bindable(defaultValue = "Asia/Shanghai") String zone) {}

package org.tejido.regional;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The regional aggregator: receives national logs over gRPC, verifies, stores and cosigns them. It
 * shares the application and the database schema with the national role, none of its beans.
 */
@Configuration(proxyBeanMethods = false)
@Profile("regional")
@ComponentScan
public class RegionalRole {}

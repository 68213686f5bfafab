package org.tejido.national;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The national network's node: its registry, consent, encryption and federation log. Nothing of it
 * exists in a regional aggregator's context, so an aggregator can never hold a national record.
 */
@Configuration(proxyBeanMethods = false)
@Profile("national")
@ComponentScan
public class NationalRole {}

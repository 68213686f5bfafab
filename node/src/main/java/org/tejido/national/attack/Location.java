package org.tejido.national.attack;

/**
 * Where an attack happened. The municipality is node-local: it never leaves the national node.
 *
 * @param country ISO 3166-1 alpha-2
 * @param subdivision ISO 3166-2 code, optional
 * @param municipality free text, optional
 */
public record Location(String country, String subdivision, String municipality) {}

package org.tejido.national.attack;

/** An alleged perpetrator and how it took part (direct, acquiescence, failure to protect). */
public record PerpetratorInvolvement(String perpetrator, String involvement) {}

package org.tejido.regional.statistics.disclosure;

/** One cell of a protected release, in the order of its identifier. */
public record ProtectedCell(String id, Outcome outcome) {}

package org.tejido.national.attack;

/** Where the information came from and how reliable the registrar judges it. */
public record Source(String kind, String reliability) {}

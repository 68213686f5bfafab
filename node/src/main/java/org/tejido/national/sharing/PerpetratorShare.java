package org.tejido.national.sharing;

public record PerpetratorShare(String perpetrator, String involvement) {}

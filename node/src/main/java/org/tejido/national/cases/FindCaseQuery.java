package org.tejido.national.cases;

public record FindCaseQuery(String attackId) {}

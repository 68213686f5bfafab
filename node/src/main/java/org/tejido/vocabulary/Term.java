package org.tejido.vocabulary;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One code with its Spanish and English labels. {@code group} links a code to its parent (an
 * aggression type to its group, a subdivision to its country). A retired code stays listed so old
 * records keep their labels, but new records cannot use it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Term(String code, String group, String es, String en, boolean retired, String replacedBy) {}

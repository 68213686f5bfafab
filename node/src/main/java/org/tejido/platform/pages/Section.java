package org.tejido.platform.pages;

/**
 * One entry of the pages' navigation: the address of a section's first page and the message key of
 * its name. A role contributes its sections as a {@link Sections} bean; the navigation shows only the
 * ones the signed-in person's roles may open (the access table decides, not the page).
 */
public record Section(String path, String labelKey) {}

package org.tejido.platform.pages;

import java.util.List;

/** The sections a role's pages offer, in the order the navigation shows them. */
public interface Sections {
    List<Section> sections();
}

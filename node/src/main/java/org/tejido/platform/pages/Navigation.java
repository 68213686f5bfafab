package org.tejido.platform.pages;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tejido.platform.security.PageAccess;

/**
 * The sections one person may open, asked of the same access table the filter chain applies
 * ({@link PageAccess}): a link is never shown to a page that would refuse it.
 */
@Component
public class Navigation {
    /** One link of the navigation; {@code current} when the page shown is in that section. */
    public record Link(String href, String labelKey, boolean current) {}

    private final ObjectProvider<Sections> sections;
    private final PageAccess access;

    Navigation(ObjectProvider<Sections> sections, PageAccess access) {
        this.sections = sections;
        this.access = access;
    }

    /** The sections this person may open, in the roles' order. */
    public List<Section> allowed(Authentication person) {
        return sections.orderedStream()
                .flatMap(s -> s.sections().stream())
                .filter(section -> access.mayOpen(person, section.path()))
                .toList();
    }

    /** The navigation's links for the page at {@code path}. */
    List<Link> links(Authentication person, String path) {
        List<Section> allowed = allowed(person);
        // The section whose address is the longest start of this page's: /cases/new is "record", not "cases".
        String current = allowed.stream()
                .map(Section::path)
                .filter(p -> path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/"))
                .reduce((a, b) -> a.length() >= b.length() ? a : b)
                .orElse(null);
        return allowed.stream()
                .map(s -> new Link(s.path(), s.labelKey(), s.path().equals(current)))
                .toList();
    }
}

package org.tejido.platform.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Whether a signed-in person's role may open a page, read from the same table the filter chains
 * apply ({@link SecurityConfig#TABLE}): the navigation offers only what would not be refused.
 */
@Component
public class PageAccess {
    /** The table grants this person's role a GET of {@code path}. */
    public boolean mayOpen(Authentication person, String path) {
        if (person == null || !person.isAuthenticated()) {
            return false;
        }
        Set<String> authorities = person.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        PathContainer address = PathContainer.parsePath(path);
        return SecurityConfig.TABLE.stream()
                .filter(rule -> rule.method().equals(HttpMethod.GET) && rule.page())
                .filter(rule ->
                        PathPatternParser.defaultInstance.parse(rule.path()).matches(address))
                .anyMatch(rule -> rule.roles().stream().map(Role::authority).anyMatch(authorities::contains));
    }
}

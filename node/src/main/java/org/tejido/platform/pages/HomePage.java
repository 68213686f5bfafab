package org.tejido.platform.pages;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where signing in lands: the first section this person's role may open (a registrar's case list, an
 * admin's projections). A role with no page yet gets a page that says so, not a refusal.
 */
@Controller
@Hidden // a page, not part of the API
class HomePage {
    private final Navigation navigation;

    HomePage(Navigation navigation) {
        this.navigation = navigation;
    }

    @GetMapping("/")
    String home(Authentication person) {
        List<Section> allowed = navigation.allowed(person);
        return allowed.isEmpty() ? "home" : "redirect:" + allowed.get(0).path();
    }
}

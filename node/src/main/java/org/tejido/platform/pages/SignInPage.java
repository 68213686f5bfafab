package org.tejido.platform.pages;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page. The form posts to the same address, where the page chain checks it; what went
 * wrong comes back as a flag in the address, never as what was typed: the name field is left empty.
 */
@Controller
@Hidden // a page, not part of the API
class SignInPage {
    private final long lockoutMinutes;

    SignInPage(@Value("${tejido.web.sign-in.lockout:15m}") Duration lockout) {
        // Rounded up: "wait 0 minutes" would send someone straight back into the lockout.
        this.lockoutMinutes = Math.max(1, (lockout.toSeconds() + 59) / 60);
    }

    @GetMapping("/sign-in")
    String signIn(
            @RequestParam(name = "error", required = false) String error,
            @RequestParam(name = "throttled", required = false) String throttled,
            @RequestParam(name = "expired", required = false) String expired,
            @RequestParam(name = "signed-out", required = false) String signedOut,
            @RequestParam(name = "second-factor-required", required = false) String secondFactorRequired,
            Model model) {
        String notice = null;
        boolean alert = true;
        if (throttled != null) {
            notice = "page.sign-in.throttled";
        } else if (secondFactorRequired != null) {
            notice = "page.sign-in.second-factor-required";
        } else if (error != null) {
            notice = "page.sign-in.failed";
        } else if (expired != null) {
            notice = "page.sign-in.expired";
        } else if (signedOut != null) {
            notice = "page.sign-in.signed-out";
            alert = false;
        }
        model.addAttribute("notice", notice);
        model.addAttribute("alert", alert);
        model.addAttribute("lockoutMinutes", lockoutMinutes);
        return "sign-in";
    }
}

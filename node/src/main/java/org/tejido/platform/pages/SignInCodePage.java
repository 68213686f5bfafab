package org.tejido.platform.pages;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of signing in, for a user with a second factor: the form for the one-time code. It
 * posts to the same address, where the page chain checks it (platform.security's CodeSignIn). Open to
 * anyone, like the sign-in page; without a right password just before, it only says to sign in first.
 */
@Controller
@Hidden // a page, not part of the API
class SignInCodePage {
    @GetMapping("/sign-in/code")
    String code(@RequestParam(name = "error", required = false) String error, HttpSession session, Model model) {
        model.addAttribute("pending", session.getAttribute(Pages.PENDING_CODE) != null);
        model.addAttribute("failed", error != null);
        return "sign-in-code";
    }
}

package org.tejido.platform.pages;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The page of a refusal by the page chain (403): a role that may not open the page, or a form sent
 * without its CSRF token (typically one left open past its session). Reached only through the
 * chain's forward, under the refused request's method; the status is already set.
 */
@Controller
@Hidden // a page, not part of the API
class RefusedPage {
    @RequestMapping("/refused")
    String refused(HttpServletRequest request, Model model) {
        model.addAttribute("csrf", "csrf".equals(request.getAttribute(Pages.REFUSAL)));
        return "refused";
    }
}

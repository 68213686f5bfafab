package org.tejido.platform.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every page's layout needs, once for the national pages and the regional dashboard: the node's
 * name and the signed-in user for the header, the sections the user may open, and the language switch. {@code ?lang=es} or {@code ?lang=en} on any page
 * switches its language and keeps the choice in a cookie; any other value changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class PagesConfig implements WebMvcConfigurer {
    static final String LANG = "lang";
    static final List<String> LANGUAGES = List.of("es", "en");

    private final LocaleResolver locales;
    private final String nodeName;
    private final Navigation navigation;

    PagesConfig(
            LocaleResolver locales, @Value("${tejido.node.domain:localhost}") String nodeName, Navigation navigation) {
        this.locales = locales;
        this.nodeName = nodeName;
        this.navigation = navigation;
    }

    /** One entry of the language switch: the same address in the other language. */
    public record Language(String code, String href, boolean current) {}

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String lang = request.getParameter(LANG);
                if (lang != null && LANGUAGES.contains(lang) && Pages.isPage(handler)) {
                    locales.setLocale(request, response, Locale.forLanguageTag(lang));
                }
                return true;
            }

            @Override
            public void postHandle(
                    HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView view) {
                if (view != null && Pages.isPage(handler) && !view.getViewName().startsWith("redirect:")) {
                    String current = locales.resolveLocale(request).getLanguage();
                    view.addObject("nodeName", nodeName);
                    // Who is signed in, for the header's sign-out form; null for a signed-out visitor.
                    view.addObject(
                            "user",
                            request.getUserPrincipal() == null
                                    ? null
                                    : request.getUserPrincipal().getName());
                    // The sections this person may open; none for a signed-out visitor.
                    view.addObject(
                            "sections",
                            navigation.links(
                                    request.getUserPrincipal() == null
                                            ? null
                                            : SecurityContextHolder.getContext().getAuthentication(),
                                    request.getRequestURI()));
                    view.addObject(
                            "languages",
                            LANGUAGES.stream()
                                    .map(code -> new Language(code, switchTo(request, code), code.equals(current)))
                                    .toList());
                }
            }
        });
    }

    /**
     * This page's address in another language: the path and query as they came (already encoded, and
     * checked as text by QueryCheck), with {@code lang} replaced. For the refusal page, reached by a
     * forward, the address of the page that was refused.
     */
    static String switchTo(HttpServletRequest request, String code) {
        Object forwarded = request.getAttribute("jakarta.servlet.forward.request_uri");
        String path = forwarded instanceof String uri ? uri : request.getRequestURI();
        String query = forwarded instanceof String
                ? (String) request.getAttribute("jakarta.servlet.forward.query_string")
                : request.getQueryString();
        List<String> parts = new ArrayList<>();
        if (query != null && !query.isEmpty()) {
            for (String part : query.split("&")) {
                if (!part.isEmpty() && !part.equals(LANG) && !part.startsWith(LANG + "=")) {
                    parts.add(part);
                }
            }
        }
        parts.add(LANG + "=" + code);
        return path + "?" + String.join("&", parts);
    }
}

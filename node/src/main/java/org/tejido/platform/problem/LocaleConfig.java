package org.tejido.platform.problem;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * Spanish is the networks' working language; English on request. One resolver for the API and the
 * pages: the {@code lang} cookie a page's language switch sets (es or en, nothing else), otherwise
 * Accept-Language, otherwise Spanish. Programs send no cookie, so the API answers as before.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfig {
    static final Locale SPANISH = Locale.forLanguageTag("es");

    @Bean
    LocaleResolver localeResolver() {
        return new NodeLocaleResolver();
    }

    /**
     * Spring's CookieLocaleResolver takes any well-formed tag from the cookie ({@code lang=fr} would
     * give {@code <html lang="fr">} over Spanish text); this one takes only the node's two languages.
     */
    static final class NodeLocaleResolver implements LocaleResolver {
        static final String COOKIE = "lang";
        private static final String CHOSEN = NodeLocaleResolver.class.getName() + ".chosen";
        private static final List<Locale> SUPPORTED = List.of(SPANISH, Locale.ENGLISH);

        private final AcceptHeaderLocaleResolver header = new AcceptHeaderLocaleResolver();

        NodeLocaleResolver() {
            header.setSupportedLocales(SUPPORTED);
            header.setDefaultLocale(SPANISH);
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            if (request.getAttribute(CHOSEN) instanceof Locale chosen) {
                return chosen;
            }
            return fromCookie(request).orElseGet(() -> header.resolveLocale(request));
        }

        /** Remembers the choice for a year; a language the node does not speak changes nothing. */
        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            Optional<Locale> supported = supported(locale == null ? null : locale.getLanguage());
            if (supported.isEmpty() || response == null) {
                return;
            }
            request.setAttribute(CHOSEN, supported.get());
            response.addHeader(
                    HttpHeaders.SET_COOKIE,
                    ResponseCookie.from(COOKIE, supported.get().getLanguage())
                            .path("/")
                            .maxAge(Duration.ofDays(365))
                            .httpOnly(true)
                            .secure(request.isSecure())
                            .sameSite("Strict")
                            .build()
                            .toString());
        }

        private static Optional<Locale> fromCookie(HttpServletRequest request) {
            Cookie[] cookies = request.getCookies();
            if (cookies == null) {
                return Optional.empty();
            }
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return supported(cookie.getValue());
                }
            }
            return Optional.empty();
        }

        static Optional<Locale> supported(String language) {
            return SUPPORTED.stream()
                    .filter(l -> l.getLanguage().equals(language))
                    .findFirst();
        }
    }
}

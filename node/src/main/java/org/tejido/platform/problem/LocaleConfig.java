package org.tejido.platform.problem;

import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** Spanish is the networks' working language; English on request through Accept-Language. */
@Configuration(proxyBeanMethods = false)
class LocaleConfig {
    static final Locale SPANISH = Locale.forLanguageTag("es");

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(SPANISH, Locale.ENGLISH));
        resolver.setDefaultLocale(SPANISH);
        return resolver;
    }
}

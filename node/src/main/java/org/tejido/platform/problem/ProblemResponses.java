package org.tejido.platform.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.ObjectMapper;

/**
 * Problem details for refusals made outside Spring MVC, where its advice cannot answer: a servlet
 * filter, Spring Security's firewall, Tomcat's own error report. The same shape and sentences as
 * {@link ProblemDetailsAdvice}. They name no path ({@code instance} is left out): what these refuse
 * is often the path itself.
 */
@Component
public class ProblemResponses {
    private final MessageSource messages;
    private final LocaleResolver locales;
    private final ObjectMapper json;

    ProblemResponses(MessageSource messages, LocaleResolver locales, ObjectMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    /** Writes the problem as the whole response; the caller has logged it. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
            throws IOException {
        byte[] body = body(request, status, code);
        response.setStatus(status.value());
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.setHeader("Retry-After", String.valueOf(StorageFailures.RETRY_AFTER_SECONDS));
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The JSON of the problem, in the language the request asks for (Spanish if it cannot be told). */
    public byte[] body(HttpServletRequest request, HttpStatus status, String code) {
        return json.writeValueAsBytes(
                Problems.members(Problems.of(messages, locale(request), status, code, List.of(), null)));
    }

    /** True if this code has its sentences (in the default, Spanish, file and so in both). */
    public boolean knows(String code) {
        return messages.getMessage("problem." + code, null, null, LocaleConfig.SPANISH) != null;
    }

    private Locale locale(HttpServletRequest request) {
        try {
            return locales.resolveLocale(request);
        } catch (RuntimeException unreadableHeaders) {
            return LocaleConfig.SPANISH;
        }
    }
}

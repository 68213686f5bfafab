package org.tejido.platform.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The shape of every refusal of the API: an RFC 9457 problem detail of type {@code
 * urn:tejido:problem:<code>}, a {@code code} property, and a title and sentence from {@code
 * messages*.properties} in the locale asked for. Used by the MVC advice and by the security filter.
 */
public final class Problems {
    public static final String TYPE_PREFIX = "urn:tejido:problem:";

    private Problems() {}

    /**
     * @param path the request path for {@code instance}, or null to leave {@code instance} out: when the
     *     path is what is refused, it may hold what someone typed, and a refused path may not even be a
     *     valid URI reference
     */
    /** At most this many characters of a refused value are quoted back in a problem's detail. */
    static final int MAX_QUOTED = 120;

    public static ProblemDetail of(
            MessageSource messages, Locale locale, HttpStatus status, String code, List<String> args, String path) {
        ProblemDetail body = ProblemDetail.forStatus(status);
        body.setType(URI.create(TYPE_PREFIX + code));
        body.setTitle(messages.getMessage("problem." + code + ".title", null, code, locale));
        body.setDetail(messages.getMessage(
                "problem." + code, args.stream().map(Problems::bounded).toArray(), code, locale));
        if (path != null) {
            body.setInstance(URI.create(path));
        }
        body.setProperty("code", code);
        return body;
    }

    /**
     * A sentence may quote what was refused (an unknown code, a field's name) so that the person who
     * typed it sees which one; a refused value can be a whole pasted document, so only its start.
     */
    static String bounded(String argument) {
        if (argument == null || argument.codePointCount(0, argument.length()) <= MAX_QUOTED) {
            return argument;
        }
        return argument.substring(0, argument.offsetByCodePoints(0, MAX_QUOTED)) + "…";
    }

    /** The JSON members of a problem, for writers outside Spring MVC (which flattens properties). */
    public static Map<String, Object> members(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }
}

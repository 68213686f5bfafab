package org.tejido.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeanUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tejido.platform.pages.Pages;
import org.tejido.platform.problem.Rejection;

/**
 * A query parameter the operation does not take is refused (400 {@code request.unknown-parameter}), as an
 * unknown JSON field is: a misspelt filter ({@code ?subdivison=}) or a parameter of an older version of
 * the API ({@code ?page=2}) would otherwise be ignored in silence and answer something else than was
 * asked. Only the node's own operations are checked, from their {@code @RequestParam}s.
 */
@Configuration(proxyBeanMethods = false)
class UnknownParameters implements WebMvcConfigurer {
    static final String CODE = "request.unknown-parameter";

    /** Per handler method: the parameter names it takes, or empty when it binds any (a map, an object). */
    private final Map<HandlerMethod, Optional<Set<String>>> taken = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                // Pages are left out: their own forms send what they take, and a page answers an odd
                // address with the page, not with a problem detail (?lang= is on every page).
                if (handler instanceof HandlerMethod method
                        && method.getBeanType().getPackageName().startsWith("org.tejido.")
                        && !Pages.isPage(handler)) {
                    Optional<Set<String>> names = taken.computeIfAbsent(method, UnknownParameters::names);
                    if (names.isPresent()) {
                        for (String name : Collections.list(request.getParameterNames())) {
                            if (!names.get().contains(name)) {
                                throw Rejection.malformed(
                                        CODE,
                                        name,
                                        names.get().isEmpty() ? "-" : String.join(", ", sorted(names.get())));
                            }
                        }
                    }
                }
                return true;
            }
        });
    }

    private static Optional<Set<String>> names(HandlerMethod method) {
        Set<String> names = new HashSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (param != null) {
                if (Map.class.isAssignableFrom(type)) {
                    return Optional.empty();
                }
                String name = !param.name().isEmpty() ? param.name() : param.value();
                names.add(name.isEmpty() ? parameter.getParameterName() : name);
            } else if (parameter.getParameterAnnotations().length == 0
                    && !Principal.class.isAssignableFrom(type)
                    && !HttpServletRequest.class.isAssignableFrom(type)
                    && !HttpServletResponse.class.isAssignableFrom(type)
                    && !Locale.class.equals(type)) {
                // Spring binds an unannotated simple parameter from the query, and an object's fields too.
                if (!BeanUtils.isSimpleProperty(type)) {
                    return Optional.empty();
                }
                names.add(parameter.getParameterName());
            }
        }
        return Optional.of(Set.copyOf(names));
    }

    private static java.util.List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}

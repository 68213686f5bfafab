package org.tejido.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

/**
 * Multipart bodies are read for the pages that take a file and nowhere else. The container parses a
 * multipart body into parameters as soon as anything asks for one (the CSRF check does, on the upload
 * page); everywhere else a multipart request keeps its query's parameters only and is never turned into
 * a multipart request by Spring, so the API answers it 415 like any other content type it does not take,
 * without its body being parsed.
 */
@Configuration(proxyBeanMethods = false)
class UploadsOnly {
    /** The addresses whose forms carry a file: the CSV import page. */
    static final Set<String> UPLOADS = Set.of("/imports");

    static boolean upload(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && UPLOADS.contains(request.getRequestURI());
    }

    static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** Spring's resolver, for the upload addresses only; resolved when the page asks for its file. */
    @Bean
    MultipartResolver multipartResolver() {
        StandardServletMultipartResolver standard = new StandardServletMultipartResolver();
        standard.setResolveLazily(true);
        return new MultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return upload(request) && standard.isMultipart(request);
            }

            @Override
            public MultipartHttpServletRequest resolveMultipart(HttpServletRequest request) throws MultipartException {
                return standard.resolveMultipart(request);
            }

            @Override
            public void cleanupMultipart(MultipartHttpServletRequest request) {
                standard.cleanupMultipart(request);
            }
        };
    }

    /** Right after the query check (QueryCheck), before anything reads a parameter. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> multipartBodiesOnlyForUploads() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        chain.doFilter(
                                multipart(request) && !upload(request) ? new QueryOnly(request) : request, response);
                    }
                });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** A multipart request whose parameters are its query's only: its body is left for whoever reads it. */
    private static final class QueryOnly extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;

        QueryOnly(HttpServletRequest request) {
            super(request);
            this.parameters = Collections.unmodifiableMap(query(request.getQueryString()));
        }

        /** The query's names and values, decoded (QueryCheck has refused any that do not decode). */
        private static Map<String, String[]> query(String query) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            if (query != null && !query.isEmpty()) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int at = pair.indexOf('=');
                    String name = URLDecoder.decode(at < 0 ? pair : pair.substring(0, at), StandardCharsets.UTF_8);
                    String value = at < 0 ? "" : URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8);
                    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
            Map<String, String[]> parameters = new LinkedHashMap<>();
            values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Collection<Part> getParts() throws ServletException {
            throw new ServletException("This address takes no multipart body");
        }

        @Override
        public Part getPart(String name) throws ServletException {
            throw new ServletException("This address takes no multipart body");
        }
    }
}

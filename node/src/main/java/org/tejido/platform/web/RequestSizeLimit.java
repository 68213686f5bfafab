package org.tejido.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tejido.platform.problem.Rejection;

/**
 * Refuses request bodies larger than the node accepts before anything reads them: ordinary calls
 * carry one record, only the CSV import carries many.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit implements WebMvcConfigurer {
    private final long maxBody;
    private final long maxImport;

    RequestSizeLimit(
            @Value("${tejido.http.max-body:256KB}") DataSize maxBody,
            @Value("${tejido.http.max-import:20MB}") DataSize maxImport) {
        this.maxBody = maxBody.toBytes();
        this.maxImport = maxImport.toBytes();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                long limit = request.getRequestURI().startsWith("/api/imports/") ? maxImport : maxBody;
                if (request.getContentLengthLong() > limit) {
                    throw new Rejection(Rejection.Kind.TOO_LARGE, "request.too-large", String.valueOf(limit));
                }
                return true;
            }
        });
    }
}

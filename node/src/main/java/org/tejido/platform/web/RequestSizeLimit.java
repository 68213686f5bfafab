package org.tejido.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tejido.platform.problem.Rejection;

/**
 * Refuses request bodies larger than the node accepts: ordinary calls carry one record, only the CSV
 * import carries many. A declared Content-Length is refused before anything is read; a chunked body
 * is cut off as soon as it passes the limit while it is being read. Either way the refusal is a 413
 * problem detail rendered by the usual advice.
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

    long limitFor(HttpServletRequest request) {
        // The import page's upload carries the same file as the API's import.
        String path = request.getRequestURI();
        return path.startsWith("/api/imports/") || path.equals("/imports") ? maxImport : maxBody;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                long limit = limitFor(request);
                if (request.getContentLengthLong() > limit) {
                    throw tooLarge(limit);
                }
                return true;
            }
        });
    }

    @Bean
    OncePerRequestFilter boundedRequestBodies() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(new BoundedRequest(request, limitFor(request)), response);
            }
        };
    }

    private static Rejection tooLarge(long limit) {
        return new Rejection(Rejection.Kind.TOO_LARGE, "request.too-large", String.valueOf(limit));
    }

    private static final class BoundedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream bounded;

        BoundedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                bounded = new BoundedStream(super.getInputStream(), limit);
            }
            return bounded;
        }
    }

    private static final class BoundedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        BoundedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}

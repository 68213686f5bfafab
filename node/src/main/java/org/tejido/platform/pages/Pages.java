package org.tejido.platform.pages;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;

/** Tells the node's pages (server-rendered views) from its API (bodies written by converters). */
public final class Pages {
    /** Request attribute the page chain sets before forwarding to the refusal page: "csrf" or "role". */
    public static final String REFUSAL = "tejido.refusal";

    /**
     * Session attribute present between a right password and its one-time code (the session is not
     * signed in meanwhile): the code page shows its form only then.
     */
    public static final String PENDING_CODE = "tejido.pending-code";

    private Pages() {}

    /** A handler method of one of the node's page controllers: a view, not an API body. */
    public static boolean isPage(Object handler) {
        return handler instanceof HandlerMethod method
                && method.getBeanType().getPackageName().startsWith("org.tejido.")
                && !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
                && !AnnotatedElementUtils.hasAnnotation(method.getMethod(), ResponseBody.class);
    }
}

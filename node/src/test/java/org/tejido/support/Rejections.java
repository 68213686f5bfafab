package org.tejido.support;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.tejido.platform.problem.Rejection;

/** Matches a {@link Rejection} by its stable code, for Axon fixtures' {@code expectException}. */
public final class Rejections {
    private Rejections() {}

    /** A rejection with {@code code} and exactly {@code args} as its arguments. */
    public static Matcher<Object> rejection(String code, String... args) {
        java.util.List<String> expected = java.util.List.of(args);
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof Rejection r
                        && r.code().equals(code)
                        && r.args().equals(expected);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rejection with code " + code + " and arguments " + expected);
            }
        };
    }

    public static Matcher<Object> rejection(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof Rejection r && r.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rejection with code " + code);
            }
        };
    }
}

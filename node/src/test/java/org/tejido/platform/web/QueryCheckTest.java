package org.tejido.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryCheckTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "from=2024-01-01&to=2024-12-31&page=0&size=20",
                "type=death-threat&group",
                "subjectId=MX-T-1&reader=it-coordinator",
                "q=a+b%20c",
                "name=Mar%C3%ADa", // UTF-8 for í
                "flag=&&x=%2F%25%3B" // an empty value, an empty part, encoded / % ;
            })
    void textIsLetThrough(String query) {
        assertThat(QueryCheck.isText(query)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "subjectId=a%00",
                "a%00=1",
                "reader=a%0Ab",
                "reader=a%0D",
                "reader=a%09b",
                "reader=a%7F",
                "reader=a%C2%85", // U+0085, a C1 control
                "subjectId=a%C3%28", // not UTF-8
                "subjectId=a%FF",
                "subjectId=a%ED%A0%80", // an encoded surrogate
                "subjectId=a%G0",
                "subjectId=a%4",
                "subjectId=a%",
                "subjectId=\u00e9"
            })
    void anythingElseIsRefused(String query) {
        assertThat(QueryCheck.isText(query)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void noQueryIsFine() {
        assertThat(QueryCheck.isText(null)).isTrue();
    }
}

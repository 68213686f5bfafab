package org.tejido.platform.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every visible string of the pages comes from the one message source, in both languages: the
 * Spanish and English files have the same keys, every key a template names exists, and templates
 * hold no literal text (between tags, or in attributes a person reads or hears).
 */
class PageTextTest {
    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    /** Attributes read by people or screen readers: must be th:-computed, never literal. */
    static final Pattern READABLE_ATTRIBUTE =
            Pattern.compile("(?<![:\\w-])(title|alt|placeholder|aria-label|label|value)=\"([^\"]*)\"");

    @Test
    void spanishAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(keys("messages_es.properties")).isEqualTo(keys("messages.properties"));
    }

    /**
     * A blank text would leave a label, a button or a title empty in one language only; the browser
     * tests run axe-core on each page state in one language, so this check stands for the other.
     */
    @Test
    void noTextIsBlankInEitherLanguage() throws IOException {
        for (String file : List.of("messages.properties", "messages_es.properties")) {
            Properties texts = properties(file);
            assertThat(texts.stringPropertyNames())
                    .as(file + ": keys with a blank text")
                    .filteredOn(key -> texts.getProperty(key).isBlank())
                    .isEmpty();
        }
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> known = keys("messages.properties");
        Pattern literalKey = Pattern.compile("#\\{'?([a-z][\\w.-]+)'?[}(+]");
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            Matcher m = literalKey.matcher(Files.readString(template));
            while (m.find()) {
                String key = m.group(1);
                // "page.language." + code: a prefix completed at render time.
                if (!known.contains(key) && known.stream().noneMatch(k -> key.endsWith(".") && k.startsWith(key))) {
                    missing.add(template.getFileName() + ": " + key);
                }
            }
        }
        assertThat(missing).isEmpty();
        // The keys chosen in code (notices, field errors) exist too.
        assertThat(known)
                .contains(
                        "page.sign-in.failed",
                        "page.sign-in.throttled",
                        "page.sign-in.expired",
                        "page.sign-in.signed-out",
                        "page.sign-in.second-factor-required",
                        "page.cases.error.date",
                        "page.cases.error.range",
                        "page.cases.error.code",
                        "page.cases.error.cursor",
                        "page.language.es",
                        "page.language.en");
        // The import page's sentences, chosen by code in ImportPage and ReportRows; the other operations
        // pages' refusals, chosen in AccessLogPage and ProjectionsPage.
        for (String code : List.of(
                "file-required",
                "not-csv",
                "too-large",
                "mode",
                "csv.header-missing",
                "csv.unknown-column",
                "csv.missing-column",
                "csv.duplicate-column",
                "csv.malformed",
                "csv.encoding",
                "csv.too-many-rows",
                "request.too-large",
                "other")) {
            assertThat(known).contains("page.imports.error." + code);
        }
        for (String code : List.of(
                "field.required",
                "field.too-long",
                "field.too-many",
                "field.nul-character",
                "date.malformed",
                "date.impossible",
                "date.future",
                "vocabulary.unknown-code",
                "vocabulary.retired-code",
                "location.subdivision-outside-country",
                "attack.aggression-type-required",
                "attack.relationship-only-for-close-person",
                "attack.unknown-defender",
                "attack.duplicate-defender",
                "csv.column-count",
                "csv.malformed-pair",
                "other")) {
            assertThat(known).contains("page.imports.row." + code);
        }
        assertThat(known)
                .contains(
                        "page.access-log.error.kind",
                        "page.access-log.error.text",
                        "page.access-log.error.limit",
                        "page.projections.error.busy",
                        "page.projections.error.not-resettable",
                        "page.projections.error.not-found",
                        "page.projections.error.other");
    }

    @Test
    void templatesHoldNoLiteralText() throws IOException {
        List<String> literal = new ArrayList<>();
        for (Path template : templates()) {
            String html = Files.readString(template)
                    .replaceAll("(?s)<!--.*?-->", "")
                    .replaceAll("(?s)<script.*?</script>", "");
            Matcher text = Pattern.compile(">([^<]*)<").matcher(html);
            while (text.find()) {
                if (!text.group(1).isBlank()) {
                    literal.add(
                            template.getFileName() + ": text \"" + text.group(1).strip() + "\"");
                }
            }
            Matcher attribute = READABLE_ATTRIBUTE.matcher(html);
            while (attribute.find()) {
                // An empty value (the "any" option) is not text.
                if (!attribute.group(2).isEmpty()) {
                    literal.add(template.getFileName() + ": " + attribute.group(1) + "=\"" + attribute.group(2) + "\"");
                }
            }
        }
        assertThat(literal).isEmpty();
    }

    @Test
    void theCheckFindsLiteralText() {
        Matcher text = Pattern.compile(">([^<]*)<").matcher("<p>Hola</p><p th:text=\"#{x}\"></p>");
        assertThat(text.find() && !text.group(1).isBlank()).isTrue();
        assertThat(READABLE_ATTRIBUTE.matcher("<img alt=\"logo\"/>").find()).isTrue();
        assertThat(READABLE_ATTRIBUTE.matcher("<img th:alt=\"#{logo}\"/>").find())
                .isFalse();
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            List<Path> html =
                    files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
            assertThat(html).isNotEmpty();
            return html;
        }
    }

    private static Set<String> keys(String file) throws IOException {
        return new TreeSet<>(properties(file).stringPropertyNames());
    }

    private static Properties properties(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = PageTextTest.class.getResourceAsStream("/" + file);
                Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}

package org.tejido.platform.web;

import java.util.Collection;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.Scheme;
import org.tejido.vocabulary.Vocabulary;

/** The code lists with their Spanish and English labels, for forms and for spreadsheets. */
@RestController
@RequestMapping("/api/vocabulary")
class VocabularyController {
    private final Vocabulary vocabulary;

    VocabularyController(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    @GetMapping
    Map<String, Object> all() {
        Collection<Scheme> schemes = vocabulary.schemes();
        return Map.of("version", vocabulary.version(), "schemes", schemes);
    }

    @GetMapping("/{scheme}")
    Scheme one(@PathVariable String scheme) {
        return vocabulary.scheme(scheme).orElseThrow(() -> Rejection.notFound("vocabulary.unknown-scheme", scheme));
    }
}

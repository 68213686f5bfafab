package org.tejido.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Vocabulary", description = "The code lists, labelled in Spanish and English.")
class VocabularyController {
    private final Vocabulary vocabulary;

    VocabularyController(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    @Operation(
            operationId = "listSchemes",
            summary = "Read every code list",
            description = "The vocabulary's version and every scheme with its codes.")
    @ApiResponse(responseCode = "200", description = "The vocabulary.")
    @GetMapping
    Map<String, Object> all() {
        Collection<Scheme> schemes = vocabulary.schemes();
        return Map.of("version", vocabulary.version(), "schemes", schemes);
    }

    @Operation(operationId = "getScheme", summary = "Read one code list", description = "One scheme with its codes.")
    @ApiResponse(responseCode = "200", description = "The scheme.")
    @ApiResponse(responseCode = "404", description = "No such scheme. Codes: `vocabulary.unknown-scheme`.")
    @GetMapping("/{scheme}")
    Scheme one(@PathVariable String scheme) {
        return vocabulary.scheme(scheme).orElseThrow(() -> Rejection.notFound("vocabulary.unknown-scheme", scheme));
    }
}

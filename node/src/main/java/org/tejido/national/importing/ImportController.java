package org.tejido.national.importing;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registrars bring in the spreadsheets their network kept before the node existed. The answer is a
 * report of every refused row, with its line and reason, so the file can be fixed and sent again.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {
    private static final Logger log = LoggerFactory.getLogger(ImportController.class);
    private static final String CSV = "text/csv";

    private final AttackImporter importer;
    private final MessageSource messages;

    ImportController(AttackImporter importer, MessageSource messages) {
        this.importer = importer;
        this.messages = messages;
    }

    @PostMapping(path = "/attacks", consumes = CSV)
    ResponseEntity<ImportReportView> attacks(
            @RequestBody(required = false) byte[] body, @RequestParam(defaultValue = "all-or-nothing") String mode) {
        ImportReport report = importer.importCsv(body == null ? new byte[0] : body, ImportMode.fromParameter(mode));
        Locale locale = LocaleContextHolder.getLocale();
        ImportReportView view = new ImportReportView(
                report.rowsRead(),
                report.imported(),
                report.rejected().stream()
                        .map(r -> new RejectedRowView(r.line(), r.code(), sentence(r.code(), r.args(), locale)))
                        .toList(),
                report.mode().parameter());
        return ResponseEntity.status(report.refused() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK)
                .contentType(MediaType.APPLICATION_JSON)
                .body(view);
    }

    /**
     * Renders like the node's ProblemDetailsAdvice, whose Rejection kinds have no 400; handlers declared
     * in the controller take precedence over the advice.
     */
    @ExceptionHandler(MalformedImportException.class)
    ResponseEntity<ProblemDetail> malformed(MalformedImportException e, HttpServletRequest request) {
        log.warn("Refused {} {}: {} {}", request.getMethod(), request.getRequestURI(), e.code(), e.args());
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail body = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        body.setType(URI.create("urn:tejido:problem:" + e.code()));
        body.setTitle(messages.getMessage("problem." + e.code() + ".title", null, e.code(), locale));
        body.setDetail(sentence(e.code(), e.args(), locale));
        body.setInstance(URI.create(request.getRequestURI()));
        body.setProperty("code", e.code());
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private String sentence(String code, List<String> args, Locale locale) {
        return messages.getMessage("problem." + code, args.toArray(), code, locale);
    }
}

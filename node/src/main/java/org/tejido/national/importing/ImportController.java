package org.tejido.national.importing;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    private String sentence(String code, List<String> args, Locale locale) {
        return messages.getMessage("problem." + code, args.toArray(), code, locale);
    }
}

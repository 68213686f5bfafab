package org.tejido.national.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Attacks")
class ImportController {
    private static final String CSV = "text/csv";

    private final AttackImporter importer;
    private final MessageSource messages;

    ImportController(AttackImporter importer, MessageSource messages) {
        this.importer = importer;
        this.messages = messages;
    }

    @Operation(
            summary = "Import attacks from a CSV file",
            description = "Records the attacks of a spreadsheet (docs/import-format.md). `all-or-nothing`"
                    + " records none if any row is refused; `valid-rows` records the others. The answer"
                    + " reports every refused row with its line and code.")
    @ApiResponse(responseCode = "200", description = "Imported; the report lists any refused rows.")
    @ApiResponse(
            responseCode = "422",
            description = "Nothing was imported (all-or-nothing and a row refused): the report says why.",
            content =
                    @Content(mediaType = "application/json", schema = @Schema(implementation = ImportReportView.class)))
    @ApiResponse(
            responseCode = "400",
            description = "The file cannot be read as the import format, or the mode is unknown. Codes:"
                    + " `csv.header-missing`, `csv.unknown-column`, `csv.missing-column`, `csv.duplicate-column`,"
                    + " `csv.malformed`, `csv.encoding`, `request.invalid-parameter`.")
    @ApiResponse(responseCode = "413", description = "Too many rows for one import. Codes: `csv.too-many-rows`.")
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

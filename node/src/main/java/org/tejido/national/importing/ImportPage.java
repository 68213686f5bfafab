package org.tejido.national.importing;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.tejido.platform.problem.Rejection;

/**
 * Importing a CSV from the browser: the file goes to the same {@link AttackImporter} as
 * POST /api/imports/attacks, in the same two modes, so the rules and the all-or-nothing transaction are
 * the importer's, not the page's. The report names each refused row by its line, its column and its
 * code, with the page's own sentence: never the cell's value, which may be a name (the API's sentences
 * quote values, so they are not reused here). A file that cannot be imported as a whole is refused
 * beside the file field and in the summary; logs carry fields and codes only.
 */
@Controller
@Hidden // a page, not part of the API
class ImportPage {
    private static final Logger log = LoggerFactory.getLogger(ImportPage.class);

    private final AttackImporter importer;
    private final long maxBytes;

    ImportPage(AttackImporter importer, @Value("${tejido.http.max-import:20MB}") DataSize max) {
        this.importer = importer;
        this.maxBytes = max.toBytes();
    }

    @GetMapping("/imports")
    String form(@RequestParam(name = "too-large", required = false) String tooLarge, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (tooLarge != null) {
            // Sent back by the upload limit before the file was read (platform.security.UploadLimit).
            errors.put("file", "page.imports.error.too-large");
        }
        return render(ImportMode.ALL_OR_NOTHING.parameter(), errors, null, model);
    }

    @PostMapping("/imports")
    String upload(
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "mode", required = false) String mode,
            Locale locale,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        ImportMode chosen = mode(mode, errors);
        String fileError = check(file);
        if (fileError != null) {
            errors.put("file", fileError);
        }
        ReportRows report = null;
        if (errors.isEmpty()) {
            try {
                report = ReportRows.of(importer.importCsv(bytes(file), chosen));
            } catch (Rejection refused) {
                errors.put("file", "page.imports.error." + fileCode(refused.code()));
            }
        }
        if (!errors.isEmpty()) {
            // By field and code only: the file's name and content are the network's registry.
            log.info("Import page: refused {}", errors);
        }
        return render(
                chosen == null ? ImportMode.ALL_OR_NOTHING.parameter() : chosen.parameter(), errors, report, model);
    }

    private String render(String mode, Map<String, String> errors, ReportRows report, Model model) {
        model.addAttribute("mode", mode);
        model.addAttribute("errors", errors);
        model.addAttribute("report", report);
        model.addAttribute("maxMegabytes", Math.max(1, maxBytes / (1024 * 1024)));
        model.addAttribute("maxRows", AttackImporter.MAX_ROWS);
        return "imports";
    }

    private static ImportMode mode(String mode, Map<String, String> errors) {
        if (mode == null) {
            errors.put("mode", "page.imports.error.mode");
            return null;
        }
        try {
            return ImportMode.fromParameter(mode);
        } catch (Rejection unknown) {
            errors.put("mode", "page.imports.error.mode");
            return null;
        }
    }

    /** What is wrong with the upload before it is read: absent, empty, too large, or not named as a CSV. */
    private String check(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return "page.imports.error.file-required";
        }
        if (file.getSize() > maxBytes) {
            return "page.imports.error.too-large";
        }
        String name = file.getOriginalFilename();
        // Spreadsheets in their own format (.xlsx, .ods) are zip files: better named here than
        // refused as "not UTF-8" by the reader.
        if (name == null || !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return "page.imports.error.not-csv";
        }
        return null;
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file-level refusals the page has a sentence of its own for; the arguments are not shown. */
    static final List<String> FILE_CODES = List.of(
            "csv.header-missing",
            "csv.unknown-column",
            "csv.missing-column",
            "csv.duplicate-column",
            "csv.malformed",
            "csv.encoding",
            "csv.too-many-rows",
            "request.too-large");

    static String fileCode(String code) {
        return FILE_CODES.contains(code) ? code : "other";
    }
}

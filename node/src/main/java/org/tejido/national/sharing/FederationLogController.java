package org.tejido.national.sharing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Base64;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.platform.problem.Rejection;

/**
 * The node's federation log for those who verify it (auditors, coordinators): its log-signing key in
 * the C2SP verifier-key form (for enrollment, confirmed out of band), its latest signed checkpoint,
 * and its entries. Nothing here is more than what the log shares.
 */
@RestController
@RequestMapping("/api/federation/log")
@Tag(
        name = "Federation log",
        description = "The node's signed, append-only log of what it shares, for those who verify it.")
class FederationLogController {
    static final int MAX_ENTRIES = 1_000;

    private final JdbcTemplate jdbc;
    private final LogIdentity identity;

    FederationLogController(JdbcTemplate jdbc, LogIdentity identity) {
        this.jdbc = jdbc;
        this.identity = identity;
    }

    @Operation(
            summary = "Read the log's verifier keys",
            description = "The log-signing keys in the C2SP verifier-key form, one a line (two during a key"
                    + " rotation), to be confirmed out of band before enrollment.")
    @ApiResponse(responseCode = "200", description = "The verifier keys, one a line.")
    @GetMapping(path = "/key", produces = MediaType.TEXT_PLAIN_VALUE)
    String key() {
        // During a key rotation both keys sign; an auditor should know both.
        StringBuilder keys = new StringBuilder();
        identity.signers().forEach(s -> keys.append(s.verifierKey().format()).append('\n'));
        return keys.toString();
    }

    @Operation(
            summary = "Read the latest signed checkpoint",
            description = "The log's latest checkpoint as a signed note (tree size and root hash).")
    @ApiResponse(responseCode = "200", description = "The signed note.")
    @ApiResponse(responseCode = "404", description = "Nothing has been logged yet. Codes: `federation.no-checkpoint`.")
    @GetMapping(path = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> checkpoint() {
        List<String> notes = jdbc.queryForList(
                "SELECT note FROM federation_checkpoint ORDER BY tree_size DESC LIMIT 1", String.class);
        if (notes.isEmpty()) {
            throw Rejection.notFound("federation.no-checkpoint");
        }
        return ResponseEntity.ok(notes.get(0));
    }

    @Operation(
            summary = "Read log entries",
            description = "Entries from index `from` on, at most `count`: the exact leaf bytes and the"
                    + " content beside them, base64; payload and salt are null once retracted or erased.")
    @ApiResponse(responseCode = "200", description = "The entries, in log order.")
    @ApiResponse(responseCode = "422", description = "A range out of bounds. Codes: `request.paging`.")
    @GetMapping("/entries")
    List<LogEntryView> entries(
            @RequestParam(defaultValue = "0") long from, @RequestParam(defaultValue = "100") int count) {
        if (from < 0 || count < 1 || count > MAX_ENTRIES) {
            throw Rejection.invalid("request.paging", String.valueOf(from), String.valueOf(count));
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return jdbc.query(
                "SELECT log_index, leaf, payload, salt FROM federation_entry WHERE log_index >= ?"
                        + " ORDER BY log_index LIMIT ?",
                (rs, n) -> new LogEntryView(
                        rs.getLong(1),
                        base64.encodeToString(rs.getBytes(2)),
                        rs.getBytes(3) == null ? null : base64.encodeToString(rs.getBytes(3)),
                        rs.getBytes(4) == null ? null : base64.encodeToString(rs.getBytes(4))),
                from,
                count);
    }
}

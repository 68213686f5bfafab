package org.tejido.national.sharing;

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
class FederationLogController {
    static final int MAX_ENTRIES = 1_000;

    private final JdbcTemplate jdbc;
    private final LogIdentity identity;

    FederationLogController(JdbcTemplate jdbc, LogIdentity identity) {
        this.jdbc = jdbc;
        this.identity = identity;
    }

    @GetMapping(path = "/key", produces = MediaType.TEXT_PLAIN_VALUE)
    String key() {
        // During a key rotation both keys sign; an auditor should know both.
        StringBuilder keys = new StringBuilder();
        identity.signers().forEach(s -> keys.append(s.verifierKey().format()).append('\n'));
        return keys.toString();
    }

    @GetMapping(path = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> checkpoint() {
        List<String> notes = jdbc.queryForList(
                "SELECT note FROM federation_checkpoint ORDER BY tree_size DESC LIMIT 1", String.class);
        if (notes.isEmpty()) {
            throw Rejection.notFound("federation.no-checkpoint");
        }
        return ResponseEntity.ok(notes.get(0));
    }

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

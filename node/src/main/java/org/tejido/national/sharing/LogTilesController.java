package org.tejido.national.sharing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.ledger.tiles.LevelCache;
import org.tejido.platform.problem.Rejection;
import org.tejido.platform.tiles.JdbcServedLog;
import org.tejido.platform.tiles.LogServing;
import org.tejido.platform.tiles.ServedLog;

/**
 * The node's federation log for auditors in the C2SP tlog-tiles layout (checkpoint, hash tiles, entry
 * bundles of leaves, never payloads), with inclusion and consistency proofs. Nothing past the latest signed
 * checkpoint is served. Addresses and formats: docs/auditing.md.
 */
@RestController
@RequestMapping("/api/federation/log")
@Tag(
        name = "Federation log",
        description = "The node's signed, append-only log of what it shares, for those who verify it.")
class LogTilesController {
    /** Hashes of complete subtrees of 256^L leaves, L >= 1: at most 16,384 (a few MB) kept. */
    private static final int CACHED_HASHES = 16_384;

    private final JdbcTemplate jdbc;
    private final LevelCache cache = new LevelCache(CACHED_HASHES);

    LogTilesController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Operation(
            summary = "Read the tiles' checkpoint",
            description = "The latest signed checkpoint (c2sp.org/tlog-tiles `<prefix>/checkpoint`): the tiles"
                    + " served are those of its size.")
    @ApiResponse(responseCode = "200", description = "The signed note.")
    @ApiResponse(responseCode = "404", description = "Nothing logged yet. Codes: `federation.no-checkpoint`.")
    @GetMapping(path = "/tiles/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> checkpoint() {
        return LogServing.checkpoint(served());
    }

    @Operation(
            summary = "Read a tile or an entry bundle",
            description = "`tile/<L>/<N>[.p/<W>]`: hashes of level L, 32 bytes each; `tile/entries/<N>[.p/<W>]`:"
                    + " the leaves, each after its big-endian uint16 length (c2sp.org/tlog-tiles).")
    @ApiResponse(responseCode = "200", description = "The tile's bytes.")
    @ApiResponse(responseCode = "400", description = "Not a tile path. Codes: `tiles.malformed-path`.")
    @ApiResponse(
            responseCode = "404",
            description = "Beyond the latest checkpoint, or nothing logged. Codes: `tiles.not-found`,"
                    + " `federation.no-checkpoint`.")
    @GetMapping(path = "/tiles/tile/{*rest}", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<byte[]> tile(@PathVariable String rest) {
        return LogServing.tile(served(), rest);
    }

    @Operation(
            summary = "Prove that a leaf is in the log",
            description = "The RFC 9162 inclusion proof of the leaf at `index`, or of the leaf whose hash is"
                    + " `leaf` (64 hex digits), in the tree of `size` leaves (default: the latest checkpoint's);"
                    + " JSON, or text with `Accept: text/plain`.")
    @ApiResponse(responseCode = "200", description = "The proof.")
    @ApiResponse(responseCode = "400", description = "Not a leaf hash. Codes: `tiles.malformed-hash`.")
    @ApiResponse(
            responseCode = "404",
            description = "No such leaf, or nothing logged. Codes: `tiles.leaf-not-found`, `federation.no-checkpoint`.")
    @ApiResponse(
            responseCode = "422",
            description = "Beyond the tree, or neither or both of index and leaf. Codes: `tiles.out-of-range`,"
                    + " `tiles.index-or-leaf`.")
    @GetMapping(
            path = "/proofs/inclusion",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<?> inclusion(
            @RequestParam(required = false) Long index,
            @RequestParam(required = false) String leaf,
            @RequestParam(required = false) Long size,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return LogServing.inclusion(served(), index, leaf, size, accept);
    }

    @Operation(
            summary = "Prove that the log only grew",
            description = "The RFC 9162 consistency proof from the tree of `first` leaves to that of `second`"
                    + " (default: the latest checkpoint's); JSON, or text with `Accept: text/plain`.")
    @ApiResponse(responseCode = "200", description = "The proof.")
    @ApiResponse(responseCode = "404", description = "Nothing logged yet. Codes: `federation.no-checkpoint`.")
    @ApiResponse(
            responseCode = "422",
            description = "Sizes beyond the tree or out of order. Codes: `tiles.out-of-range`.")
    @GetMapping(
            path = "/proofs/consistency",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<?> consistency(
            @RequestParam long first,
            @RequestParam(required = false) Long second,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return LogServing.consistency(served(), first, second, accept);
    }

    /** The log as of its latest signed checkpoint, read once per request. */
    private ServedLog served() {
        List<NodeCheckpoint> latest = jdbc.query(
                "SELECT tree_size, note FROM federation_checkpoint ORDER BY tree_size DESC LIMIT 1",
                (rs, n) -> new NodeCheckpoint(rs.getLong(1), rs.getString(2)));
        if (latest.isEmpty()) {
            throw Rejection.notFound("federation.no-checkpoint");
        }
        NodeCheckpoint checkpoint = latest.get(0);
        return new JdbcServedLog(
                jdbc, "federation_entry", null, null, checkpoint.size(), checkpoint.note(), "node", cache);
    }

    private record NodeCheckpoint(long size, String note) {}
}

package org.tejido.regional.tiles;

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
 * Every origin's log as the aggregator stored it, for auditors: the list of origins, and for each (named in
 * the path by {@link OriginId}) its latest checkpoint with the aggregator's cosignature, its tiles in the
 * C2SP tlog-tiles layout, and proofs. Addresses and formats: docs/auditing.md.
 */
@RestController
@RequestMapping("/api/federation/origins")
@Tag(
        name = "Origins' logs",
        description = "Each national log as the aggregator stored and cosigned it, for those who verify it.")
class OriginTilesController {
    /** Hashes of complete subtrees of 256^L leaves, L >= 1, over all origins: at most 16,384 kept. */
    private static final int CACHED_HASHES = 16_384;

    private final JdbcTemplate jdbc;
    private final LevelCache cache = new LevelCache(CACHED_HASHES);

    OriginTilesController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Operation(
            summary = "List the origins served",
            description = "Every origin with a cosigned checkpoint: its identifier in addresses (base64url of"
                    + " the origin, no padding), its size and the prefix of its tiles.")
    @ApiResponse(responseCode = "200", description = "The origins, by name.")
    @GetMapping
    List<OriginView> origins() {
        return jdbc.query(
                "SELECT origin, tree_size, cosigned_at FROM regional_tile_checkpoint ORDER BY origin", (rs, n) -> {
                    String origin = rs.getString(1);
                    String id = OriginId.of(origin);
                    return new OriginView(
                            origin,
                            id,
                            rs.getLong(2),
                            rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                            "/api/federation/origins/" + id + "/tiles/");
                });
    }

    @Operation(
            summary = "Read an origin's cosigned checkpoint",
            description = "The origin's latest checkpoint the aggregator cosigned, as a signed note: the node's"
                    + " signature line(s) then the aggregator's cosignature (c2sp.org/tlog-cosignature).")
    @ApiResponse(responseCode = "200", description = "The signed note.")
    @ApiResponse(responseCode = "404", description = "Codes: `tiles.unknown-origin`.")
    @GetMapping(path = "/{originId}/tiles/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> checkpoint(@PathVariable String originId) {
        return LogServing.checkpoint(served(originId));
    }

    @Operation(
            summary = "Read a tile or an entry bundle of an origin",
            description = "`tile/<L>/<N>[.p/<W>]`: hashes of level L, 32 bytes each; `tile/entries/<N>[.p/<W>]`:"
                    + " the leaves, each after its big-endian uint16 length (c2sp.org/tlog-tiles).")
    @ApiResponse(responseCode = "200", description = "The tile's bytes.")
    @ApiResponse(responseCode = "400", description = "Codes: `tiles.malformed-path`.")
    @ApiResponse(responseCode = "404", description = "Codes: `tiles.not-found`, `tiles.unknown-origin`.")
    @GetMapping(path = "/{originId}/tiles/tile/{*rest}", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<byte[]> tile(@PathVariable String originId, @PathVariable String rest) {
        return LogServing.tile(served(originId), rest);
    }

    @Operation(
            summary = "Prove that a leaf is in an origin's log",
            description = "As /api/federation/log/proofs/inclusion, against the origin's log at the aggregator.")
    @ApiResponse(responseCode = "200", description = "The proof.")
    @ApiResponse(responseCode = "400", description = "Not a leaf hash. Codes: `tiles.malformed-hash`.")
    @ApiResponse(
            responseCode = "404",
            description = "No such leaf, or no such origin. Codes: `tiles.leaf-not-found`, `tiles.unknown-origin`.")
    @ApiResponse(
            responseCode = "422",
            description = "Beyond the tree, or neither or both of index and leaf. Codes: `tiles.out-of-range`,"
                    + " `tiles.index-or-leaf`.")
    @GetMapping(
            path = "/{originId}/proofs/inclusion",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<?> inclusion(
            @PathVariable String originId,
            @RequestParam(required = false) Long index,
            @RequestParam(required = false) String leaf,
            @RequestParam(required = false) Long size,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return LogServing.inclusion(served(originId), index, leaf, size, accept);
    }

    @Operation(
            summary = "Prove that an origin's log only grew",
            description = "As /api/federation/log/proofs/consistency, against the origin's log at the aggregator.")
    @ApiResponse(responseCode = "200", description = "The proof.")
    @ApiResponse(responseCode = "404", description = "No such origin. Codes: `tiles.unknown-origin`.")
    @ApiResponse(
            responseCode = "422",
            description = "Sizes beyond the tree or out of order. Codes: `tiles.out-of-range`.")
    @GetMapping(
            path = "/{originId}/proofs/consistency",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<?> consistency(
            @PathVariable String originId,
            @RequestParam long first,
            @RequestParam(required = false) Long second,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return LogServing.consistency(served(originId), first, second, accept);
    }

    private ServedLog served(String originId) {
        String origin = OriginId.origin(originId).orElseThrow(() -> Rejection.notFound("tiles.unknown-origin"));
        List<OriginCheckpoint> latest = jdbc.query(
                "SELECT tree_size, checkpoint_note, cosignature_note FROM regional_tile_checkpoint WHERE origin = ?",
                (rs, n) -> new OriginCheckpoint(rs.getLong(1), rs.getString(2) + rs.getString(3)),
                origin);
        if (latest.isEmpty()) {
            throw Rejection.notFound("tiles.unknown-origin");
        }
        OriginCheckpoint checkpoint = latest.get(0);
        return new JdbcServedLog(
                jdbc, "regional_tile_leaf", "origin", origin, checkpoint.size(), checkpoint.note(), origin, cache);
    }

    private record OriginCheckpoint(long size, String note) {}
}

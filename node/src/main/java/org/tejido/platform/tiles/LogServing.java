package org.tejido.platform.tiles;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.tejido.ledger.tiles.EntryBundle;
import org.tejido.ledger.tiles.TileAddress;
import org.tejido.ledger.tiles.TileLayout;
import org.tejido.ledger.tiles.TilePathException;
import org.tejido.platform.problem.Rejection;

/**
 * The answers of the tiles and proof endpoints, the same for every served log: the checkpoint, hash tiles,
 * entry bundles, inclusion proofs (by index or leaf hash) and consistency proofs, as JSON or text.
 *
 * <p>Every response is {@code private}: it is read with a token, so no shared cache may keep it. A full tile
 * or bundle never changes and is cached for a year; a partial one, and the checkpoint, only for seconds.
 */
public final class LogServing {
    static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
    static final CacheControl IMMUTABLE =
            CacheControl.maxAge(365, TimeUnit.DAYS).cachePrivate().immutable();
    static final CacheControl SHORT = CacheControl.maxAge(5, TimeUnit.SECONDS).cachePrivate();
    private static final HexFormat HEX = HexFormat.of();

    private LogServing() {}

    public static ResponseEntity<String> checkpoint(ServedLog log) {
        return ResponseEntity.ok().cacheControl(SHORT).contentType(TEXT).body(log.checkpoint());
    }

    /** {@code rest} is what follows {@code tile} in the request path, e.g. {@code /0/x001/234.p/7}. */
    public static ResponseEntity<byte[]> tile(ServedLog log, String rest) {
        TileAddress tile;
        try {
            tile = TileAddress.parse("tile" + rest);
        } catch (TilePathException e) {
            throw Rejection.malformed(TilePathException.CODE);
        }
        if (!TileLayout.within(tile, log.size())) {
            throw Rejection.notFound("tiles.not-found", Long.toString(log.size()));
        }
        byte[] body;
        if (tile.entries()) {
            long first = tile.index() * TileAddress.FULL;
            body = EntryBundle.encode(log.leaves(first, first + tile.width()));
        } else {
            List<byte[]> hashes = log.tree().tile(tile);
            ByteArrayOutputStream out = new ByteArrayOutputStream(hashes.size() * 32);
            hashes.forEach(out::writeBytes);
            body = out.toByteArray();
        }
        return ResponseEntity.ok()
                .cacheControl(tile.full() ? IMMUTABLE : SHORT)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(body);
    }

    /**
     * The inclusion proof of the leaf at {@code index}, or of the first leaf whose hash is {@code leafHash}
     * (exactly one of them), in the tree of {@code size} leaves (the served checkpoint's when null).
     */
    public static ResponseEntity<?> inclusion(ServedLog log, Long index, String leafHash, Long size, String accept) {
        long treeSize = size == null ? log.size() : size;
        requireSize(log, treeSize);
        if ((index == null) == (leafHash == null)) {
            throw Rejection.invalid("tiles.index-or-leaf");
        }
        long leafIndex;
        if (index != null) {
            if (index < 0 || index >= treeSize) {
                throw Rejection.invalid("tiles.out-of-range", Long.toString(log.size()));
            }
            leafIndex = index;
        } else {
            OptionalLong found = log.indexOf(hash(leafHash), treeSize);
            if (found.isEmpty()) {
                throw Rejection.notFound("tiles.leaf-not-found");
            }
            leafIndex = found.getAsLong();
        }
        int position = (int) (leafIndex % TileAddress.FULL);
        byte[] leaf = log.tree()
                .tile(TileAddress.tile(0, leafIndex / TileAddress.FULL, position + 1))
                .get(position);
        InclusionProofView proof = new InclusionProofView(
                treeSize, leafIndex, HEX.formatHex(leaf), hex(log.tree().inclusionProof(leafIndex, treeSize)));
        if (!wantsText(accept)) {
            return json(proof);
        }
        StringBuilder text = new StringBuilder("tejido-inclusion-proof/v1\n")
                .append("size ")
                .append(proof.treeSize())
                .append('\n')
                .append("index ")
                .append(proof.leafIndex())
                .append('\n')
                .append("leaf ")
                .append(proof.leafHash())
                .append('\n');
        proof.proof().forEach(h -> text.append(h).append('\n'));
        return ResponseEntity.ok().cacheControl(SHORT).contentType(TEXT).body(text.toString());
    }

    /** The consistency proof from the tree of {@code first} leaves to that of {@code second} (default: served). */
    public static ResponseEntity<?> consistency(ServedLog log, long first, Long second, String accept) {
        long secondSize = second == null ? log.size() : second;
        requireSize(log, secondSize);
        if (first < 1 || first > secondSize) {
            throw Rejection.invalid("tiles.out-of-range", Long.toString(log.size()));
        }
        ConsistencyProofView proof =
                new ConsistencyProofView(first, secondSize, hex(log.tree().consistencyProof(first, secondSize)));
        if (!wantsText(accept)) {
            return json(proof);
        }
        StringBuilder text = new StringBuilder("tejido-consistency-proof/v1\n")
                .append("first ")
                .append(proof.firstSize())
                .append('\n')
                .append("second ")
                .append(proof.secondSize())
                .append('\n');
        proof.proof().forEach(h -> text.append(h).append('\n'));
        return ResponseEntity.ok().cacheControl(SHORT).contentType(TEXT).body(text.toString());
    }

    private static void requireSize(ServedLog log, long size) {
        if (size < 1 || size > log.size()) {
            throw Rejection.invalid("tiles.out-of-range", Long.toString(log.size()));
        }
    }

    private static ResponseEntity<?> json(Object proof) {
        return ResponseEntity.ok()
                .cacheControl(SHORT)
                .contentType(MediaType.APPLICATION_JSON)
                .body(proof);
    }

    private static byte[] hash(String hex) {
        if (hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw Rejection.malformed("tiles.malformed-hash");
        }
        return HEX.parseHex(hex);
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    /** Text only when the client prefers it to JSON; JSON otherwise (also with no Accept header). */
    static boolean wantsText(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            return false;
        }
        types = new java.util.ArrayList<>(types);
        types.sort(
                java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (type.getType().equals("text") && type.getSubtype().equals("plain")) {
                return true;
            }
        }
        return false;
    }
}

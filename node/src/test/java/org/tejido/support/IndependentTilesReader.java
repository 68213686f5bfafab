package org.tejido.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A tlog-tiles client written from c2sp.org/tlog-tiles, c2sp.org/signed-note and RFC 9162 alone: it shares no
 * code with the server (the JDK's HTTP client, SHA-256 and Ed25519 only), so what it accepts, an existing
 * transparency-log client accepts too.
 */
public final class IndependentTilesReader {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;
    private final List<HttpResponse<byte[]>> responses = new ArrayList<>();

    /** @param prefix the log's prefix, e.g. {@code http://localhost:8080/api/federation/log/tiles/} */
    public IndependentTilesReader(String prefix, String token) {
        this.base = prefix;
        this.token = token;
    }

    /** What the reader learnt: the checkpoint and every leaf (entry) of its tree. */
    public record Log(
            String origin, long size, byte[] root, String note, List<byte[]> entries, List<byte[]> leafHashes) {}

    /** Every response body read so far, for checks over everything served. */
    public List<byte[]> bodies() {
        return responses.stream().map(HttpResponse::body).toList();
    }

    public HttpResponse<byte[]> get(String url) throws Exception {
        return get(url, "*/*");
    }

    public HttpResponse<byte[]> get(String url, String accept) throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", accept)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        responses.add(response);
        return response;
    }

    private byte[] fetch(String path) throws Exception {
        HttpResponse<byte[]> response = get(base + path);
        assertThat(response.statusCode())
                .as(path + ": " + new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response.body();
    }

    /**
     * Reads the checkpoint, every hash tile and entry bundle of its size, and checks them against each other
     * and the checkpoint's root hash; answers the log.
     */
    public Log readAll() throws Exception {
        HttpResponse<byte[]> checkpoint = get(base + "checkpoint");
        assertThat(checkpoint.statusCode()).isEqualTo(200);
        assertThat(checkpoint.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String note = new String(checkpoint.body(), StandardCharsets.UTF_8);
        String[] lines = note.split("\n", -1);
        String origin = lines[0];
        long size = Long.parseLong(lines[1]);
        byte[] root = Base64.getDecoder().decode(lines[2]);

        // Level 0 and the entry bundles: every entry hashes (RFC 6962 leaf hash) to its tile's hash.
        List<byte[]> leafHashes = new ArrayList<>();
        List<byte[]> entries = new ArrayList<>();
        for (long n = 0; n * 256 < size; n++) {
            long width = Math.min(256, size - n * 256);
            String suffix = width == 256 ? "" : ".p/" + width;
            HttpResponse<byte[]> tile = get(base + "tile/0/" + index(n) + suffix);
            assertThat(tile.statusCode()).isEqualTo(200);
            assertThat(tile.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/octet-stream");
            assertThat(tile.headers().firstValue("Cache-Control").orElse(""))
                    .contains(width == 256 ? "max-age=31536000" : "max-age=5")
                    .contains("private");
            assertThat(tile.body()).hasSize((int) width * 32);
            byte[] bundle = fetch("tile/entries/" + index(n) + suffix);
            List<byte[]> inBundle = bundleEntries(bundle);
            assertThat(inBundle).hasSize((int) width);
            for (int i = 0; i < width; i++) {
                byte[] hash = Arrays.copyOfRange(tile.body(), i * 32, i * 32 + 32);
                assertThat(leafHash(inBundle.get(i)))
                        .as("entry %d", n * 256 + i)
                        .isEqualTo(hash);
                leafHashes.add(hash);
                entries.add(inBundle.get(i));
            }
        }
        assertThat(mth(leafHashes, 0, leafHashes.size()))
                .as("root of the checkpoint")
                .isEqualTo(root);

        // Upper levels: hash i of level L is MTH of the i-th run of 256^L leaves.
        for (int level = 1; (size >> (8 * level)) > 0; level++) {
            long count = size >> (8 * level);
            long span = 1L << (8 * level);
            for (long n = 0; n * 256 < count; n++) {
                long width = Math.min(256, count - n * 256);
                byte[] tile = fetch("tile/" + level + "/" + index(n) + (width == 256 ? "" : ".p/" + width));
                assertThat(tile).hasSize((int) width * 32);
                for (int i = 0; i < width; i++) {
                    long first = (n * 256 + i) * span;
                    assertThat(Arrays.copyOfRange(tile, i * 32, i * 32 + 32))
                            .as("level %d hash %d", level, n * 256 + i)
                            .isEqualTo(mth(leafHashes, (int) first, (int) (first + span)));
                }
            }
        }
        return new Log(origin, size, root, note, entries, leafHashes);
    }

    /** {@code 1234067} as {@code x001/x234/067}. */
    public static String index(long n) {
        String digits = String.valueOf(n);
        while (digits.length() % 3 != 0) {
            digits = "0" + digits;
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 3) {
            boolean last = i + 3 == digits.length();
            path.append(last ? "" : "x").append(digits, i, i + 3).append(last ? "" : "/");
        }
        return path.toString();
    }

    static List<byte[]> bundleEntries(byte[] bundle) {
        List<byte[]> entries = new ArrayList<>();
        int at = 0;
        while (at < bundle.length) {
            int length = ((bundle[at] & 0xFF) << 8) | (bundle[at + 1] & 0xFF);
            entries.add(Arrays.copyOfRange(bundle, at + 2, at + 2 + length));
            at += 2 + length;
        }
        assertThat(at).as("the bundle ends at an entry's end").isEqualTo(bundle.length);
        return entries;
    }

    public static byte[] leafHash(byte[] entry) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        return sha.digest(entry);
    }

    static byte[] node(byte[] left, byte[] right) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 1);
        sha.update(left);
        return sha.digest(right);
    }

    /** RFC 6962 MTH over leaf hashes {@code from..to-1}. */
    public static byte[] mth(List<byte[]> leaves, int from, int to) throws Exception {
        int n = to - from;
        if (n == 0) {
            return MessageDigest.getInstance("SHA-256").digest();
        }
        if (n == 1) {
            return leaves.get(from);
        }
        int k = Integer.highestOneBit(n - 1);
        return node(mth(leaves, from, from + k), mth(leaves, from + k, to));
    }

    /** RFC 9162 section 2.1.3.2: the root an inclusion proof leads to, or null when it cannot. */
    public static byte[] rootFromInclusion(long index, long size, byte[] leaf, List<byte[]> proof) throws Exception {
        if (index >= size) {
            return null;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : proof) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /** RFC 9162 section 2.1.4.2: true when the proof shows the tree of size2 extends that of size1. */
    public static boolean consistent(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws Exception {
        if (size1 == size2) {
            return proof.isEmpty() && Arrays.equals(root1, root2);
        }
        if (size1 > size2 || size1 == 0 || proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.add(0, root1);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = node(c, fr);
                sr = node(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, root1) && Arrays.equals(sr, root2);
    }

    /**
     * Checks the note's signature by the verifier key {@code name+keyid+base64(0x01 || key)} (c2sp.org/signed-note):
     * true when a line of that name and key ID carries a valid Ed25519 signature over the text.
     */
    public static boolean signedBy(String note, String verifierKey) throws Exception {
        String[] parts = verifierKey.trim().split("\\+", 3);
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        byte[] raw = Arrays.copyOfRange(typed, 1, typed.length);
        PublicKey key = KeyFactory.getInstance("Ed25519")
                .generatePublic(
                        new X509EncodedKeySpec(concat(HexFormat.of().parseHex("302a300506032b6570032100"), raw)));
        int split = note.lastIndexOf("\n\n");
        byte[] text = note.substring(0, split + 1).getBytes(StandardCharsets.UTF_8);
        for (String line : note.substring(split + 2).split("\n")) {
            String prefix = "\u2014 " + parts[0] + " ";
            if (!line.startsWith(prefix)) {
                continue;
            }
            byte[] signature = Base64.getDecoder().decode(line.substring(prefix.length()));
            if (signature.length != 68
                    || !HexFormat.of().formatHex(signature, 0, 4).equals(parts[1])) {
                continue;
            }
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update(text);
            if (ed.verify(Arrays.copyOfRange(signature, 4, 68))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}

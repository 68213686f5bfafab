package org.tejido.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tejido.ledger.Vectors.hex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.leaf.ChainResult;
import org.tejido.ledger.leaf.ChainTip;
import org.tejido.ledger.leaf.Commitment;
import org.tejido.ledger.leaf.LeafCodec;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.leaf.LeafV1;
import org.tejido.ledger.leaf.LogChain;
import org.tejido.ledger.merkle.ConsistencyVerifier;
import org.tejido.ledger.merkle.InclusionVerifier;
import org.tejido.ledger.merkle.MerkleTree;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.Cosigner;
import org.tejido.ledger.note.NoteSigner;
import org.tejido.ledger.note.NoteVerifier;
import org.tejido.ledger.note.SignedNote;
import org.tejido.ledger.note.VerifiedNote;

/**
 * Recomputes every value printed in docs/log-format.md section 6. The hex strings are copied from the doc;
 * if either side changes, this test fails.
 */
class WorkedExampleTest {

    static final String ORIGIN = "mx.example.org/MX/v1";
    static final String ORIGIN_HEX = "6d782e6578616d706c652e6f72672f4d582f7631";
    static final String TAG = "74656a69646f2f76312f636f6d6d69746d656e7400";
    static final String ZERO32 = "0000000000000000000000000000000000000000000000000000000000000000";

    static final String ENTRY0 = "00112233445566778899aabbccddeeff";
    static final String TARGET = "ffeeddccbbaa99887766554433221100";
    static final String SALT0 = "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";
    static final String PAYLOAD0 = "7b2274797065223a22746872656174222c22636f756e747279223a224d58227d";
    static final String COMMIT0 = "e13643dbb43e8941e7bdd34945815a039190e1191f364bc47e301934004c301f";
    static final String LEAF0 =
            "01" + "0014" + ORIGIN_HEX + "0000000000000000" + ZERO32 + ENTRY0 + "01" + TARGET + "00004d4e" + COMMIT0;
    static final String HASH0 = "5858247576514d6d0dc049d0feafedfbffd816f4ec0f647fa676fb1d7b42c330";

    static final String ENTRY1 = "0123456789abcdef0123456789abcdef";
    static final String SALT1 = "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f";
    static final String PAYLOAD1 =
            "7b2274797065223a22746872656174222c22636f756e747279223a224d58222c22737461747573223a227665726966696564227d";
    static final String COMMIT1 = "c094516ce3fe7e839985c58148ed2ae0bc163a04fcb24b65de251af301c601cb";
    static final String LEAF1 =
            "01" + "0014" + ORIGIN_HEX + "0000000000000001" + HASH0 + ENTRY1 + "02" + TARGET + "00004d4f" + COMMIT1;
    static final String HASH1 = "2c0732dbfbf3a6cda03e9d0787e93cddf826f5d45b4c40647e64d1cee42035d1";
    static final String ROOT = "7e8ed58b86e37ed17ab31316525b4417648d5bcea5b69b71a6b247ccf6e6b9aa";
    static final String ROOT_B64 = "fo7Vi4bjftF6sxMWUltEF2SNW86ltptxprJHzPbmuao=";

    static final String SEED = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
    static final String PUBLIC_KEY = "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664";
    static final String KEY_ID_INPUT = ORIGIN_HEX + "0a" + "01" + PUBLIC_KEY;
    static final String KEY_ID = "2eba59b9";
    static final String VKEY = "mx.example.org/MX/v1+2eba59b9+AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk";
    static final String CHECKPOINT_HEX = "6d782e6578616d706c652e6f72672f4d582f76310a320a666f37566934626a66744636"
            + "73784d57556c74454632534e5738366c7470747870724a487a50626d75616f3d0a";
    static final String SIGNATURE = "7fc486569d9f0d7d42557d89346989b5570abaaeb1af36d520da93ce7ff6376deea7519cea4f4"
            + "689a540073f07c73a480a05ff2c2c5548b0f4b9dee8bc1afc00";
    static final String NOTE = "mx.example.org/MX/v1\n2\nfo7Vi4bjftF6sxMWUltEF2SNW86ltptxprJHzPbmuao=\n\n"
            + "\u2014 mx.example.org/MX/v1 LrpZuX/Ehladnw19QlV9iTRpibVXCrqusa821SDak85/9jdt7qdRnOpPRomlQAc/B8c6SAoF/"
            + "ywsVUiw9Lne6Lwa/AA=\n";

    static final long DAY = LocalDate.of(2024, 3, 8).toEpochDay();

    static final String WITNESS = "regional.example.org/witness";
    static final String WITNESS_SEED = "2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40";
    static final String WITNESS_KEY = "e7f162a10bec559afea195e4dce84b69568d5d2cb0963eb446c0685e2b17f2f0";
    static final String WITNESS_NAME_HEX = "726567696f6e616c2e6578616d706c652e6f72672f7769746e657373";
    static final String WITNESS_KEY_ID = "b85615a3";
    static final long COSIGNED_AT = 1732492800L;
    static final String COSIGNED_MESSAGE =
            "636f7369676e61747572652f76310a74696d6520313733323439323830300a" + CHECKPOINT_HEX;
    static final String COSIGNATURE =
            "3307476b8ad228d3bf9081a7b7f76ff43b37b8fbb95c97cf171c56bafc71806c89aab389d0931eb10"
                    + "67303849c9ce5dafeec95d5436885d2431b311d41529601";
    static final String COSIGNATURE_LINE =
            "\u2014 regional.example.org/witness uFYVowAAAABnQ74AMwdHa4rSKNO/kIGnt/dv9Ds3"
                    + "uPu5XJfPFxxWuvxxgGyJqrOJ0JMesQZzA4ScnOXa/uyV1UNohdJDGzEdQVKWAQ==";

    @Test
    void inputsAreWhatTheDocSays() {
        assertEquals(ORIGIN_HEX, hex(ORIGIN.getBytes(StandardCharsets.UTF_8)));
        assertEquals(19790, DAY);
        assertEquals(0x4d4e, DAY);
        assertEquals(PAYLOAD0, hex("{\"type\":\"threat\",\"country\":\"MX\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                PAYLOAD1,
                hex("{\"type\":\"threat\",\"country\":\"MX\",\"status\":\"verified\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals(TAG, hex(Commitment.domainTag()));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(Sha256.of()));
    }

    @Test
    void leavesCommitmentsAndHashes() throws Exception {
        assertEquals(COMMIT0, hex(Commitment.compute(hex(SALT0), hex(PAYLOAD0))));
        assertEquals(COMMIT1, hex(Commitment.compute(hex(SALT1), hex(PAYLOAD1))));

        LeafV1 leaf0 = leaf0();
        assertEquals(LEAF0, hex(LeafCodec.encode(leaf0)));
        assertEquals(132, LeafCodec.encode(leaf0).length);
        assertEquals(HASH0, hex(LeafCodec.leafHash(leaf0)));
        assertEquals(leaf0, LeafCodec.decode(hex(LEAF0)));

        LeafV1 leaf1 = leaf1();
        assertEquals(LEAF1, hex(LeafCodec.encode(leaf1)));
        assertEquals(HASH1, hex(LeafCodec.leafHash(leaf1)));

        ChainResult chain = new LogChain(ORIGIN).check(ChainTip.empty(), List.of(hex(LEAF0), hex(LEAF1)));
        assertEquals(new ChainTip(2, hex(HASH1)), ((ChainResult.Accepted) chain).tip());
    }

    @Test
    void treeOfSizeTwo() {
        List<byte[]> leafHashes = List.of(hex(HASH0), hex(HASH1));
        assertEquals(ROOT, hex(MerkleTree.root(leafHashes)));
        assertEquals(ROOT_B64, Base64.getEncoder().encodeToString(hex(ROOT)));
        assertEquals(
                List.of(HASH1),
                MerkleTree.inclusionProof(leafHashes, 0).stream()
                        .map(Vectors::hex)
                        .toList());
        assertEquals(
                List.of(HASH0),
                MerkleTree.inclusionProof(leafHashes, 1).stream()
                        .map(Vectors::hex)
                        .toList());
        assertEquals(
                List.of(HASH1),
                MerkleTree.consistencyProof(leafHashes, 1).stream()
                        .map(Vectors::hex)
                        .toList());
        assertEquals(true, InclusionVerifier.isValid(0, 2, hex(HASH0), List.of(hex(HASH1)), hex(ROOT)));
        assertEquals(true, ConsistencyVerifier.isValid(1, 2, List.of(hex(HASH1)), hex(HASH0), hex(ROOT)));
    }

    @Test
    void keyCheckpointAndSignedNote() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(hex(SEED));
        assertEquals(PUBLIC_KEY, hex(key.publicKey().toBytes()));
        assertEquals(KEY_ID, hex(Sha256.of(hex(KEY_ID_INPUT))).substring(0, 8));

        NoteSigner signer = new NoteSigner(ORIGIN, key);
        assertEquals(KEY_ID, String.format("%08x", signer.verifierKey().keyId()));
        assertEquals(VKEY, signer.verifierKey().format());

        Checkpoint checkpoint = new Checkpoint(ORIGIN, 2, hex(ROOT));
        byte[] text = checkpoint.toText().getBytes(StandardCharsets.UTF_8);
        assertEquals(CHECKPOINT_HEX, hex(text));
        assertEquals(68, text.length);
        assertEquals(SIGNATURE, hex(key.sign(text)));

        SignedNote note = NoteSigner.signNote(checkpoint.toText(), List.of(signer));
        assertEquals(NOTE, note.format());
        String line = NOTE.substring(NOTE.indexOf('\u2014'));
        assertEquals(
                "\u2014 " + ORIGIN + " " + Base64.getEncoder().encodeToString(hex(KEY_ID + SIGNATURE)) + "\n", line);

        VerifiedNote verified =
                new NoteVerifier(List.of(signer.verifierKey())).open(NOTE.getBytes(StandardCharsets.UTF_8));
        assertEquals(checkpoint, Checkpoint.fromVerified(verified));
    }

    @Test
    void witnessCosignature() throws Exception {
        Ed25519KeyPair witness = Ed25519KeyPair.fromSeed(hex(WITNESS_SEED));
        assertEquals(WITNESS_KEY, hex(witness.publicKey().toBytes()));
        assertEquals(WITNESS_NAME_HEX, hex(WITNESS.getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                WITNESS_KEY_ID,
                hex(Sha256.of(hex(WITNESS_NAME_HEX + "0a" + "04" + WITNESS_KEY)))
                        .substring(0, 8));
        assertEquals("000000006743be00", String.format("%016x", COSIGNED_AT));

        byte[] message = hex(COSIGNED_MESSAGE);
        assertEquals(99, message.length);
        assertEquals(
                "cosignature/v1\ntime 1732492800\n" + new Checkpoint(ORIGIN, 2, hex(ROOT)).toText(),
                new String(message, StandardCharsets.UTF_8));
        // Bouncy Castle directly: Ed25519 is deterministic, so the signature is a known answer.
        byte[] signature = new byte[64];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(hex(WITNESS_SEED), 0, message, 0, message.length, signature, 0);
        assertEquals(COSIGNATURE, hex(signature));
        assertEquals(
                COSIGNATURE_LINE,
                "\u2014 " + WITNESS + " "
                        + Base64.getEncoder().encodeToString(hex(WITNESS_KEY_ID + "000000006743be00" + COSIGNATURE)));

        Cosigner cosigner = new Cosigner(WITNESS, witness);
        String text = new Checkpoint(ORIGIN, 2, hex(ROOT)).toText();
        assertEquals(COSIGNATURE_LINE + "\n", cosigner.cosign(text, COSIGNED_AT).formatLine());
        SignedNote cosigned = SignedNote.parse((NOTE + COSIGNATURE_LINE + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(
                COSIGNED_AT,
                Cosigner.verify(
                        WITNESS,
                        witness.publicKey(),
                        text,
                        cosigned.signatures().get(1)));
    }

    @Test
    void docPrintsTheseValues() throws Exception {
        String doc = Files.readString(findDoc(), StandardCharsets.UTF_8);
        for (String value : List.of(
                ORIGIN_HEX,
                TAG,
                ENTRY0,
                TARGET,
                SALT0,
                PAYLOAD0,
                COMMIT0,
                HASH0,
                ENTRY1,
                SALT1,
                PAYLOAD1,
                COMMIT1,
                HASH1,
                ROOT,
                ROOT_B64,
                SEED,
                PUBLIC_KEY,
                KEY_ID,
                VKEY,
                CHECKPOINT_HEX,
                SIGNATURE,
                NOTE.substring(NOTE.indexOf('\u2014')).strip(),
                "00004d4e",
                "00004d4f",
                WITNESS_SEED,
                WITNESS_KEY,
                WITNESS_NAME_HEX,
                WITNESS_KEY_ID,
                COSIGNED_MESSAGE,
                COSIGNATURE,
                COSIGNATURE_LINE)) {
            assertTrue(doc.contains(value), "docs/log-format.md no longer shows " + value);
        }
        // The field-by-field listing of leaf 0, read back from the doc, is exactly the encoding.
        String block = doc.substring(doc.indexOf("```", doc.indexOf("Leaf bytes (132")) + 3);
        block = block.substring(0, block.indexOf("```"));
        StringBuilder fields = new StringBuilder();
        for (String line : block.strip().split("\n")) {
            fields.append(line.strip().split("\\s+")[0]);
        }
        assertEquals(LEAF0, fields.toString());
    }

    /** The doc sits in docs/ of this project; walk up so the test also works from a module directory. */
    private static Path findDoc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/log-format.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "docs/log-format.md not found above " + Path.of("").toAbsolutePath());
    }

    private static LeafV1 leaf0() {
        return new LeafV1(ORIGIN, 0, hex(ZERO32), hex(ENTRY0), LeafKind.SHARED, hex(TARGET), DAY, hex(COMMIT0));
    }

    private static LeafV1 leaf1() {
        return new LeafV1(ORIGIN, 1, hex(HASH0), hex(ENTRY1), LeafKind.AMENDED, hex(TARGET), DAY + 1, hex(COMMIT1));
    }
}

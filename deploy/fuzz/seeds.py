#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz tests (docs/fuzzing.md) under src/test/resources of their module:
federation-proto for the ledger's, node for the others.

Run once by hand when a seed format changes; the files it writes are committed, so neither the suite
nor deploy/fuzz/run.sh needs this script or Python. Needs python3 with the `cryptography` package (for
the cosigned notes). Sources: the third-party vectors already copied into
federation-proto/src/test/resources/vectors (licences beside them) and inputs made here in the formats of
the project's own test fixtures.
"""

import base64
import glob
import hashlib
import json
import os
import struct

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
RES = os.path.join(ROOT, "node", "src", "test", "resources")
LEDGER_RES = os.path.join(ROOT, "federation-proto", "src", "test", "resources")
VECTORS = os.path.join(LEDGER_RES, "vectors")


def inputs(package, test_class, method):
    resources = LEDGER_RES if package.startswith("org.tejido.ledger") else RES
    path = os.path.join(resources, *package.split("."), test_class + "Inputs", method)
    os.makedirs(path, exist_ok=True)
    return path


def write(directory, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(directory, name), "wb") as out:
        out.write(data)


# --- Merkle proofs: <8-byte size or index><8-byte size><elements, each one length byte then its bytes>.
def proof_input(first, second, hashes):
    out = struct.pack(">QQ", first & 0xFFFFFFFFFFFFFFFF, second & 0xFFFFFFFFFFFFFFFF)
    for h in hashes:
        out += bytes([min(len(h), 255)]) + h[:255]
    return out


def merkle_seeds():
    b64 = base64.b64decode
    target = inputs("org.tejido.ledger.merkle", "ConsistencyVerifierFuzzTest", "verify")
    for path in sorted(glob.glob(os.path.join(VECTORS, "merkle-rfc6962/testdata/consistency/**/*.json"), recursive=True)):
        v = json.load(open(path))
        hashes = [b64(v["root1"] or ""), b64(v["root2"] or "")] + [b64(p) for p in v["proof"] or []]
        name = os.path.relpath(path, os.path.join(VECTORS, "merkle-rfc6962/testdata/consistency"))
        write(target, name.replace("/", "_").replace(".json", ""), proof_input(v["size1"], v["size2"], hashes))
    target = inputs("org.tejido.ledger.merkle", "InclusionVerifierFuzzTest", "verify")
    for path in sorted(glob.glob(os.path.join(VECTORS, "merkle-rfc6962/testdata/inclusion/**/*.json"), recursive=True)):
        v = json.load(open(path))
        hashes = [b64(v["leafHash"] or ""), b64(v["root"] or "")] + [b64(p) for p in v["proof"] or []]
        name = os.path.relpath(path, os.path.join(VECTORS, "merkle-rfc6962/testdata/inclusion"))
        write(target, name.replace("/", "_").replace(".json", ""), proof_input(v["leafIdx"], v["treeSize"], hashes))


# --- Leaves: the v1 layout of LeafCodec (docs/log-format.md), as TestLeaves builds them.
def leaf(origin, index, previous, kind, day):
    o = origin.encode("utf-8")
    entry = bytes((index * 31 + i) & 0xFF for i in range(16))
    target = bytes(((1000 + index) * 31 + i) & 0xFF for i in range(16))
    commitment = hashlib.sha256(b"payload %d" % index).digest()
    return (bytes([1]) + struct.pack(">H", len(o)) + o + struct.pack(">q", index) + previous + entry
            + bytes([kind]) + target + struct.pack(">I", day) + commitment)


def leaf_seeds():
    target = inputs("org.tejido.ledger.leaf", "LeafCodecFuzzTest", "decode")
    previous = bytes(32)
    for i in range(3):
        encoded = leaf("mx.example.org/MX/v1", i, previous, 1 + i % 5, 19800 + i)
        write(target, "chain-%d" % i, encoded)
        previous = hashlib.sha256(b"\x00" + encoded).digest()
    write(target, "non-ascii-origin", leaf("tejido.example/gu\u00e1/v1", 7, bytes(range(32)), 2, 0xFFFFFFFF))
    write(target, "truncated", leaf("o", 1, bytes(range(32)), 1, 1)[:40])


# --- Signed notes, checkpoints and keys: the golang/mod and C2SP vectors, and notes made here.
def note_vectors():
    return json.load(open(os.path.join(VECTORS, "signed-note/signed_note_vectors.json")))


def b64(data):
    return base64.b64encode(data).decode()


def key_id(name, type_byte, public):
    return hashlib.sha256(name.encode() + b"\n" + bytes([type_byte]) + public).digest()[:4]


def sign_line(name, type_byte, private, message, prefix=b""):
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "\u2014 %s %s\n" % (name, b64(key_id(name, type_byte, public) + prefix + private.sign(message)))


# Fixed keys of the fuzz tests (SignedNoteFuzzTest.LOG_SEED, CosignerFuzzTest.WITNESS_SEED).
LOG_SEED = bytes([7] * 32)
WITNESS_SEED = bytes([9] * 32)
LOG_NAME = "mx.example.org/MX/v1"
WITNESS_NAME = "witness.example.org/w1"


def note_seeds():
    v = note_vectors()
    notes = [e["note"] for e in v["valid"]] + [e["note"] for e in v["invalid"]] + [e["note"] for e in v["parseOnly"]]
    log = Ed25519PrivateKey.from_private_bytes(LOG_SEED)
    witness = Ed25519PrivateKey.from_private_bytes(WITNESS_SEED)
    checkpoint = LOG_NAME + "\n3\n" + b64(hashlib.sha256(b"root").digest()) + "\n"
    signed = checkpoint + "\n" + sign_line(LOG_NAME, 1, log, checkpoint.encode())
    cosigned = signed + sign_line(WITNESS_NAME, 4, witness, ("cosignature/v1\ntime 1700000000\n" + checkpoint).encode(),
                                  struct.pack(">q", 1700000000))
    target = inputs("org.tejido.ledger.note", "SignedNoteFuzzTest", "parse")
    for i, note in enumerate(notes):
        write(target, "vector-%02d" % i, note)
    write(target, "project-checkpoint", signed)
    write(target, "project-cosigned", cosigned)

    target = inputs("org.tejido.ledger.note", "CheckpointFuzzTest", "parse")
    for i, note in enumerate(notes):
        write(target, "vector-%02d" % i, note[: note.rfind("\n\n") + 1])
    write(target, "project-checkpoint", checkpoint)
    write(target, "with-extension", checkpoint + "extension line\n")

    target = inputs("org.tejido.ledger.note", "CosignerFuzzTest", "verify")
    write(target, "project-cosigned", cosigned)
    write(target, "project-checkpoint", signed)

    witness_public = witness.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    log_public = log.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    target = inputs("org.tejido.ledger.note", "NoteVerifierKeyFuzzTest", "parse")
    for i, e in enumerate(v["valid"] + v["invalid"] + v["badVkeys"]):
        if "vkey" in e:
            write(target, "vector-%02d" % i, e["vkey"])
    write(target, "project-log-key", "%s+%s+%s" % (LOG_NAME, key_id(LOG_NAME, 1, log_public).hex(), b64(b"\x01" + log_public)))
    target = inputs("org.tejido.ledger.note", "NoteVerifierKeyFuzzTest", "parseWitnessKey")
    write(target, "project-witness-key",
          "%s+%s+%s" % (WITNESS_NAME, key_id(WITNESS_NAME, 4, witness_public).hex(), b64(b"\x04" + witness_public)))


# --- Federation requests: protobuf PushLogRequest / GetLogStateRequest, written by hand (wire format).
def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field(number, payload):
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def federation_seeds():
    log = Ed25519PrivateKey.from_private_bytes(LOG_SEED)
    previous = bytes(32)
    entries = b""
    for i in range(2):
        encoded = leaf(LOG_NAME, i, previous, 1, 19800 + i)
        entries += field(2, field(1, encoded))
        previous = hashlib.sha256(b"\x00" + encoded).digest()
    checkpoint = LOG_NAME + "\n2\n" + b64(hashlib.sha256(b"root").digest()) + "\n"
    note = (checkpoint + "\n" + sign_line(LOG_NAME, 1, log, checkpoint.encode())).encode()
    batch = field(1, LOG_NAME.encode()) + entries + field(3, note)
    target = inputs("org.tejido.regional.intake", "FederationRequestFuzzTest", "pushLog")
    write(target, "two-entries", field(1, batch))
    write(target, "with-proof", field(1, batch + field(4, hashlib.sha256(b"p").digest())))
    write(target, "unknown-field", field(1, batch) + field(9, b"x"))
    target = inputs("org.tejido.regional.intake", "FederationRequestFuzzTest", "getLogState")
    write(target, "origin", field(1, LOG_NAME.encode()))
    target = inputs("org.tejido.regional.intake", "FederationRequestFuzzTest", "shareContent")
    write(target, "share", '{"scope":"regional","attackId":"x","facts":{"a":[1,2.5,null,true]}}')


# --- CSV import: the project's own fixture file (first rows) and the reader test's shapes.
def csv_seeds():
    target = inputs("org.tejido.national.importing", "AttackCsvReaderFuzzTest", "read")
    lines = open(os.path.join(RES, "import/attacks-1000.csv"), encoding="utf-8").read().splitlines(True)
    write(target, "fixture-head", "".join(lines[:4]))
    header = ("occurred_on,country,subdivision,municipality,target_kind,relationship,defenders,aggression_types,"
              "perpetrators,rights_defended,gender_elements,sources,verification_status,narrative\n")
    write(target, "quoted", header + '2023-02,GT,GT-05,Municipio ficticio 1,close-person,child,GT-T-1|GT-T-2,'
          'threats|death-threat,police:direct|community:acquiescence,environment,sexist-smear,'
          'media:probably-true,in-verification,"Synthetic: ""quoted"", with a comma.\nand a line break"\n')
    write(target, "semicolons", "\ufeff" + header.replace(",", ";") + "2024;HN;;;collective;;;harassment;;;;;unverified;\n")


# --- JSON request bodies: the shapes of the web tests' Fixtures.
def json_seeds():
    facts = ('{"target":{"kind":"defender","relationship":null,"defenders":["HN-D-1"]},"occurredOn":"2023-07",'
             '"location":{"country":"HN","subdivision":"HN-CR","municipality":"Municipio ficticio"},'
             '"sources":[{"kind":"direct-testimony","reliability":"confirmed"}],"verificationStatus":"verified",'
             '"narrative":"Synthetic case."}')
    classification = ('{"aggressionTypes":["criminalization","smear-campaign"],'
                      '"perpetrators":[{"perpetrator":"police","involvement":"direct"}],'
                      '"rightsDefended":["land-and-territory"],"genderElements":["sexist-smear"]}')
    target = inputs("org.tejido.national.web", "RequestBodyFuzzTest", "recordAttack")
    write(target, "fixture", '{"facts":%s,"classification":%s}' % (facts, classification))
    write(target, "day-precision", '{"facts":%s,"classification":%s}' % (facts.replace("2023-07", "2024-02-29"), classification))
    target = inputs("org.tejido.national.web", "RequestBodyFuzzTest", "registerDefender")
    write(target, "fixture", '{"code":"HN-D-1","country":"HN","subdivision":null,'
          '"profile":{"kind":"individual","rightsDefended":["land-and-territory"]}}')


if __name__ == "__main__":
    merkle_seeds()
    leaf_seeds()
    note_seeds()
    federation_seeds()
    csv_seeds()
    json_seeds()

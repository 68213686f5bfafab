#!/usr/bin/env python3
"""Driver of the standing campaign (issue 20): recording, crashes, load and the final check.

Python 3 standard library only. Called by deploy/campaign/crash-restart.sh and deploy/campaign/load.sh,
which start and stop the federation (deploy/local-federation.sh); this program only talks to it:
HTTP to the nodes (tokens from <federation dir>/tokens), `local-federation.sh kill|start-one` for
crashes, and psql to the embedded PostgreSQL of each process (port from pgdata/postmaster.pid, line 4;
user postgres, trust on loopback) for what no HTTP endpoint shows.

  tejido_campaign.py crash --cycles 50 --rate 12 ...     kill -9 cycles while recording, then verify
  tejido_campaign.py load --rate 30 --duration 60 ...     recording at a rate, push lag, then verify
  tejido_campaign.py verify                               only the final check

The federation is described by `local-federation.sh describe` run with the caller's environment
(TEJIDO_FEDERATION_DIR, TEJIDO_NODES, ports). Exit status: 0 all checks passed, 1 a loss, duplicate or
mismatch (or a node that never caught up), 2 usage or setup failure.
"""
import argparse
from http.client import HTTPException
import base64
import hashlib
import json
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FEDERATION = os.path.join(ROOT, "deploy", "local-federation.sh")
VOCABULARY_COUNTRIES = ["MX", "GT", "HN", "SV", "NI"]


def log(msg):
    print(time.strftime("%H:%M:%S ") + msg, flush=True)


# ---------------------------------------------------------------------------------------------------
# Ed25519 verification (RFC 8032 section 6, pure Python: the standard library has none)
_P = 2**255 - 19
_D = -121665 * pow(121666, _P - 2, _P) % _P
_Q = 2**252 + 27742317777372353535851937790883648493
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _add(a, b):
    A = (a[1] - a[0]) * (b[1] - b[0]) % _P
    B = (a[1] + a[0]) * (b[1] + b[0]) % _P
    C = 2 * a[3] * b[3] * _D % _P
    D = 2 * a[2] * b[2] % _P
    E, F, G, H = B - A, D - C, D + C, B + A
    return (E * F % _P, G * H % _P, F * G % _P, E * H % _P)


def _mul(s, pt):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _add(q, pt)
        pt = _add(pt, pt)
        s >>= 1
    return q


def _eq(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % _P == 0 and (a[1] * b[2] - b[1] * a[2]) % _P == 0


def _recover_x(y, sign):
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


_GY = 4 * pow(5, _P - 2, _P) % _P
_GX = _recover_x(_GY, 0)
_G = (_GX, _GY, 1, _GX * _GY % _P)


def _decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


def _ed25519_verify_pure(public, msg, sig):
    if len(public) != 32 or len(sig) != 64:
        return False
    a = _decompress(public)
    r = _decompress(sig[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(sig[32:], "little")
    if s >= _Q:
        return False
    h = int.from_bytes(hashlib.sha512(sig[:32] + public + msg).digest(), "little") % _Q
    return _eq(_mul(s, _G), _add(r, _mul(h, a)))


try:  # the same check, about 1000 times faster, where the `cryptography` package happens to be installed
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    def ed25519_verify(public, msg, sig):
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(sig, msg)
            return True
        except (InvalidSignature, ValueError):
            return False

    ED25519 = "cryptography"
except ImportError:
    ed25519_verify = _ed25519_verify_pure
    ED25519 = "pure Python"


# ---------------------------------------------------------------------------------------------------
# Notes, checkpoints, Merkle trees (docs/log-format.md sections 3-7)
def parse_vkey(vkey, alg):
    name, kid, b64 = vkey.strip().split("+", 2)
    raw = base64.b64decode(b64)
    if raw[0] != alg or len(raw) != 33:
        raise ValueError("not a key of type %d: %s" % (alg, vkey))
    return name, bytes.fromhex(kid), raw[1:]


def split_note(note):
    i = note.rindex("\n\n")
    text = note[: i + 1]
    lines = [line for line in note[i + 2:].split("\n") if line]
    sigs = []
    for line in lines:
        if not line.startswith("\u2014 "):
            raise ValueError("bad signature line")
        name, b64 = line[2:].rsplit(" ", 1)
        sigs.append((name, base64.b64decode(b64)))
    return text, sigs


def checkpoint_fields(text):
    origin, size, root = text.split("\n")[:3]
    return origin, int(size), base64.b64decode(root)


def note_verifies(note, vkey):
    name, kid, pk = parse_vkey(vkey, 0x01)
    text, sigs = split_note(note)
    ok = False
    for n, raw in sigs:
        if n == name and raw[:4] == kid:
            if not ed25519_verify(pk, text.encode(), raw[4:]):
                return False
            ok = True
    return ok


def cosignature_verifies(text, lines_or_note, witness_vkey):
    name, kid, pk = parse_vkey(witness_vkey, 0x04)
    found = False
    for line in lines_or_note.split("\n"):
        if not line.startswith("\u2014 "):
            continue
        n, b64 = line[2:].rsplit(" ", 1)
        raw = base64.b64decode(b64)
        if n != name or raw[:4] != kid:
            continue
        if len(raw) != 4 + 8 + 64:
            return False
        ts = int.from_bytes(raw[4:12], "big")
        msg = b"cosignature/v1\ntime %d\n" % ts + text.encode()
        if not ed25519_verify(pk, msg, raw[12:]):
            return False
        found = True
    return found


class Tree:
    """RFC 6962 roots of prefixes of a list of leaves, with aligned perfect subtrees memoized."""

    def __init__(self, leaves):
        self.h = [hashlib.sha256(b"\x00" + leaf).digest() for leaf in leaves]
        self.memo = {}

    def _mth(self, start, n):
        if n == 1:
            return self.h[start]
        perfect = n & (n - 1) == 0
        if perfect and (start, n) in self.memo:
            return self.memo[(start, n)]
        k = 1
        while k * 2 < n:
            k *= 2
        r = hashlib.sha256(b"\x01" + self._mth(start, k) + self._mth(start + k, n - k)).digest()
        if perfect:
            self.memo[(start, n)] = r
        return r

    def root(self, size):
        if size == 0:
            return hashlib.sha256(b"").digest()
        return self._mth(0, size)


# ---------------------------------------------------------------------------------------------------
# The federation as local-federation.sh describes it
class Federation:
    def __init__(self):
        out = subprocess.run([FEDERATION, "describe"], check=True, capture_output=True, text=True).stdout
        self.dir = os.path.abspath(os.environ.get("TEJIDO_FEDERATION_DIR", os.path.join(ROOT, "deploy", ".federation")))
        self.ports, self.origins, self.nodes = {}, {}, []
        for line in out.splitlines():
            name, port, origin = line.split()
            self.ports[name] = int(port)
            if name != "aggregator":
                self.nodes.append(name)
                self.origins[name] = origin

    def token(self, node, role):
        with open(os.path.join(self.dir, "tokens", "%s-%s.token" % (node, role))) as f:
            return f.read().strip()

    def url(self, name, path):
        return "http://127.0.0.1:%d%s" % (self.ports[name], path)

    def pg_port(self, name):
        with open(os.path.join(self.dir, name, "data", "pgdata", "postmaster.pid")) as f:
            return int(f.read().split("\n")[3])

    def psql(self, name, sql):
        env = dict(os.environ, PGCONNECT_TIMEOUT="5")
        out = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.pg_port(name)), "-U", "postgres", "-d", "postgres",
             "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
            check=True, capture_output=True, text=True, env=env).stdout
        return [line.split("\t") for line in out.split("\n") if line]

    def witness_key(self):
        with open(os.path.join(self.dir, "logs", "aggregator.log"), encoding="utf-8", errors="replace") as f:
            keys = [line.split("tejido.federation.witness-key): ", 1)[1].split()[0]
                    for line in f if "tejido.federation.witness-key): " in line]
        return keys[-1]

    def alive(self, name):
        try:
            with open(os.path.join(self.dir, name + ".pid")) as f:
                pid = int(f.read().strip())
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                return os.path.join(self.dir, name, "data").encode() in f.read()
        except (OSError, ValueError):
            return False


class NotReached(Exception):
    """The request never reached the node (connection refused): nothing can have been recorded."""


def http(method, url, token, body=None, ctype="application/json", timeout=30):
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except urllib.error.URLError as e:
        if isinstance(e.reason, ConnectionRefusedError):
            raise NotReached() from e
        raise


def healthy(fed, name):
    try:
        with urllib.request.urlopen(fed.url(name, "/actuator/health"), timeout=3) as r:
            return b'"UP"' in r.read()
    except Exception:
        return False


def push_lag(fed, node):
    """tejido_federation_push_lag of a node, or None if it does not answer."""
    try:
        status, body = http("GET", fed.url(node, "/actuator/prometheus"), fed.token(node, "admin"), timeout=5)
    except (NotReached, OSError, urllib.error.URLError, HTTPException, ValueError):
        return None
    if status != 200:
        return None
    for line in body.decode().splitlines():
        if line.startswith("tejido_federation_push_lag"):
            return float(line.rsplit(" ", 1)[1])
    return None


# ---------------------------------------------------------------------------------------------------
# Recording: per node, defenders with a consent that shares (statistics), and attacks naming them
CSV_HEADER = ("occurred_on,country,subdivision,municipality,target_kind,relationship,defenders,aggression_types,"
              "perpetrators,rights_defended,gender_elements,sources,verification_status,narrative\n")


def attack_body(country, defender, n):
    return {
        "facts": {
            "target": {"kind": "defender", "relationship": None, "defenders": [defender]},
            "occurredOn": "2024-03",
            "location": {"country": country, "subdivision": None, "municipality": None},
            "sources": [{"kind": "direct-testimony", "reliability": "confirmed"}],
            "verificationStatus": "unverified",
            "narrative": "Synthetic campaign record %d." % n},
        "classification": {
            "aggressionTypes": ["death-threat"],
            "perpetrators": [{"perpetrator": "local-authority", "involvement": "direct"}],
            "rightsDefended": ["land-and-territory"],
            "genderElements": ["sexist-smear"]}}


class NodeRecorder:
    """What one node acknowledged; every counter guarded by the lock."""

    def __init__(self, fed, node, index, out_dir):
        self.fed, self.node = fed, node
        self.country = VOCABULARY_COUNTRIES[index % len(VOCABULARY_COUNTRIES)]
        self.registrar = fed.token(node, "registrar")
        self.coordinator = fed.token(node, "coordinator")
        self.lock = threading.Lock()
        self.acked = []            # (attackId, time of the 201)
        self.uncertain_api = 0     # sent, no answer (killed mid-request) or 5xx: may or may not be stored
        self.refused = {}          # 4xx codes: nothing stored
        self.import_acked_rows = 0
        self.import_uncertain_rows = 0
        self.imports_acked = 0
        self.defenders = 0
        self.defender = None
        self.seq = 0
        self.acked_file = open(os.path.join(out_dir, "acked-%s.tsv" % node), "a")
        self.baseline = 0
        self.earlier_acked = []

    def _new_defender(self, stop):
        """A new defender with a statistics consent; returns once both were acknowledged."""
        while not stop.is_set():
            code = "%s-CAMP-%X-%d" % (self.country, int(time.time() * 1000), random.randrange(1 << 20))
            try:
                s, b = http("POST", self.fed.url(self.node, "/api/defenders"), self.registrar, {
                    "code": code, "country": self.country, "subdivision": None,
                    "profile": {"kind": "individual", "rightsDefended": ["land-and-territory"]}})
                if s != 201:
                    self._refused("defender %d" % s, b)
                    time.sleep(0.5)
                    continue
                while not stop.is_set():
                    s, b = http("PUT", self.fed.url(self.node, "/api/defenders/%s/consent" % code), self.coordinator, {
                        "scope": "statistics", "grantor": {"kind": "defender", "name": None},
                        "basis": "informed-written", "grantedOn": "2025-11-20", "expiresAt": None,
                        "publicName": None, "publicSummary": None})
                    if 200 <= s < 300:
                        with self.lock:
                            self.defender = code
                            self.defenders += 1
                        return
                    self._refused("consent %d" % s, b)
                    time.sleep(0.5)
            except (NotReached, OSError, urllib.error.URLError, HTTPException, ValueError):
                # A defender or consent whose answer was lost is simply not used: a new one is made.
                time.sleep(0.5)

    def _refused(self, what, body):
        with self.lock:
            self.refused[what] = self.refused.get(what, 0) + 1
            if self.refused[what] <= 3:
                log("%s: refused %s: %s" % (self.node, what, body[:300]))

    def record_one(self, stop):
        """One attack; True if acknowledged. Retries while the node cannot be reached."""
        if self.defender is None or (self.seq % 25 == 24):
            self._new_defender(stop)
        while not stop.is_set():
            with self.lock:
                self.seq += 1
                n = self.seq
                defender = self.defender
            try:
                s, b = http("POST", self.fed.url(self.node, "/api/attacks"), self.registrar,
                            attack_body(self.country, defender, n))
            except NotReached:
                time.sleep(0.3)
                continue
            except (OSError, urllib.error.URLError, socket.timeout, ConnectionError, HTTPException, ValueError):
                # Sent, but the answer was cut (the node was killed under it): may or may not be stored.
                with self.lock:
                    self.uncertain_api += 1
                time.sleep(0.3)
                return False
            t = time.time()
            if s == 201:
                attack = json.loads(b)["attackId"]
                with self.lock:
                    self.acked.append((attack, t))
                    self.acked_file.write("%s\t%.3f\n" % (attack, t))
                    self.acked_file.flush()
                return True
            if s >= 500:
                with self.lock:
                    self.uncertain_api += 1
                self._refused("attack %d" % s, b)
                time.sleep(0.3)
                return False
            self._refused("attack %d" % s, b)
            time.sleep(0.3)
            return False
        return False

    def import_rows(self, rows, stop, done=None):
        """One CSV import of `rows` attacks naming the current defender (all-or-nothing)."""
        if self.defender is None:
            self._new_defender(stop)
        csv = CSV_HEADER + "".join(
            "2024-03,%s,,,defender,,%s,death-threat,local-authority:direct,land-and-territory,sexist-smear,"
            "direct-testimony:confirmed,unverified,Synthetic campaign import row %d.\n" % (self.country, self.defender, i)
            for i in range(rows))
        try:
            s, b = http("POST", self.fed.url(self.node, "/api/imports/attacks"), self.registrar,
                        csv.encode(), ctype="text/csv", timeout=120)
        except NotReached:
            return "not-reached"
        except (OSError, urllib.error.URLError, socket.timeout, ConnectionError, HTTPException, ValueError):
            with self.lock:
                self.import_uncertain_rows += rows
            return "no-answer"
        finally:
            if done is not None:
                done.set()
        if s == 200:
            imported = json.loads(b).get("imported", 0)
            with self.lock:
                self.import_acked_rows += imported
                self.imports_acked += 1
                self.acked_file.write("import\t%d\t%.3f\n" % (imported, time.time()))
                self.acked_file.flush()
            return "acked"
        if s >= 500:
            with self.lock:
                self.import_uncertain_rows += rows
        self._refused("import %d" % s, b)
        return "refused %d" % s


class Recording:
    """Recording threads at a total rate across nodes (paced per node, open loop)."""

    def __init__(self, fed, out_dir, rate, threads_per_node):
        self.fed = fed
        self.recorders = {n: NodeRecorder(fed, n, i, out_dir) for i, n in enumerate(fed.nodes)}
        self.out_dir = out_dir
        self.stop = threading.Event()
        self.per_node_interval = len(fed.nodes) / rate if rate > 0 else 0
        self.threads = []
        self.threads_per_node = threads_per_node

    def start(self):
        self.started = time.time()
        for node, rec in self.recorders.items():
            nxt = [time.time() + random.random() * self.per_node_interval]
            lock = threading.Lock()
            for _ in range(self.threads_per_node):
                t = threading.Thread(target=self._run, args=(rec, nxt, lock), daemon=True)
                t.start()
                self.threads.append(t)

    def _run(self, rec, nxt, lock):
        while not self.stop.is_set():
            with lock:
                due = nxt[0]
                nxt[0] = max(nxt[0] + self.per_node_interval, time.time() - 1)
            wait = due - time.time()
            if wait > 0 and self.stop.wait(wait):
                return
            try:
                rec.record_one(self.stop)
            except Exception as e:  # never let a recording thread die: count it and go on
                with rec.lock:
                    rec.uncertain_api += 1
                log("%s: recording error %r" % (rec.node, e))
                time.sleep(0.5)

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)
        self.stopped = time.time()


# ---------------------------------------------------------------------------------------------------
# Waiting for the push, and the final check
def wait_caught_up(fed, timeout):
    """Until every node's push lag is 0 and the aggregator's stored size is the node's log size."""
    deadline = time.time() + timeout
    last = {}
    while time.time() < deadline:
        lags = {n: push_lag(fed, n) for n in fed.nodes}
        try:
            stored = {r[0]: int(r[1]) for r in fed.psql("aggregator", "select origin, stored_size from regional_log_state")}
            sizes = {n: int(fed.psql(n, "select count(*) from federation_entry")[0][0]) for n in fed.nodes}
        except (subprocess.CalledProcessError, OSError):
            time.sleep(2)
            continue
        last = {n: (lags[n], sizes[n], stored.get(fed.origins[n], 0)) for n in fed.nodes}
        if all(lags[n] == 0 and sizes[n] == stored.get(fed.origins[n], 0) for n in fed.nodes):
            log("caught up: " + ", ".join("%s %d" % (n, sizes[n]) for n in fed.nodes))
            return True, last
        time.sleep(2)
    log("NOT caught up after %ds: %s" % (timeout, last))
    return False, last


def node_entries(fed, node):
    token = fed.token(node, "coordinator")
    out, start = [], 0
    while True:
        s, b = http("GET", fed.url(node, "/api/federation/log/entries?from=%d&count=1000" % start), token)
        if s != 200:
            raise RuntimeError("entries %s: %d %s" % (node, s, b[:200]))
        page = json.loads(b)
        if not page:
            return out
        out.extend(page)
        start = page[-1]["index"] + 1 if "index" in page[-1] else page[-1]["logIndex"] + 1


def leaf_fields(leaf):
    """(index, kind, target) from a leaf (docs/log-format.md section 2)."""
    olen = int.from_bytes(leaf[1:3], "big")
    p = 3 + olen
    index = int.from_bytes(leaf[p:p + 8], "big")
    p += 8 + 32 + 16
    kind = leaf[p]
    target = leaf[p + 1:p + 17].hex()
    return index, kind, target


def verify(fed, recorders=None):
    """The final check; returns (figures, problems)."""
    problems = []
    figures = {}
    witness = fed.witness_key()
    # The aggregator's copy: every EntriesStoredEvent, per origin, index by index.
    agg_leaves = {}
    agg_dup = {}
    for (hexpayload,) in fed.psql("aggregator",
                                  "select encode(payload, 'hex') from domainevententry where payloadtype = "
                                  "'org.tejido.regional.intake.EntriesStoredEvent' order by globalindex"):
        ev = json.loads(bytes.fromhex(hexpayload))
        origin, first = ev["origin"], ev["firstIndex"]
        held = agg_leaves.setdefault(origin, {})
        for i, e in enumerate(ev["entries"]):
            leaf = base64.b64decode(e["leaf"])
            if first + i in held:
                agg_dup[origin] = agg_dup.get(origin, 0) + 1
                if held[first + i] != leaf:
                    problems.append("%s: aggregator holds two different leaves at index %d" % (origin, first + i))
            held[first + i] = leaf
    state = {r[0]: (int(r[1]), bytes.fromhex(r[2]).decode(), bytes.fromhex(r[3]).decode())
             for r in fed.psql("aggregator", "select origin, stored_size, encode(convert_to(checkpoint_note, 'UTF8'), 'hex'),"
                                             " encode(convert_to(cosignature_note, 'UTF8'), 'hex') from regional_log_state")}
    agg_payload = {}
    for origin, idx, ph, sh in fed.psql("aggregator", "select origin, log_index, encode(sha256(payload), 'hex'),"
                                                      " encode(sha256(salt), 'hex') from regional_payload"):
        agg_payload[(origin, int(idx))] = (ph, sh)

    for node in fed.nodes:
        origin = fed.origins[node]
        f = figures[node] = {}
        token = fed.token(node, "coordinator")
        entries = node_entries(fed, node)
        leaves = [base64.b64decode(e["leaf"]) for e in entries]
        f["entries"] = len(leaves)
        for pos, e in enumerate(entries):
            idx = leaf_fields(leaves[pos])[0]
            if idx != pos:
                problems.append("%s: entry %d carries index %d" % (node, pos, idx))
                break
        held = agg_leaves.get(origin, {})
        f["aggregator_entries"] = len(held)
        f["aggregator_duplicate_indexes"] = agg_dup.get(origin, 0)
        if sorted(held) != list(range(len(held))):
            problems.append("%s: the aggregator's indexes are not 0..%d" % (node, len(held) - 1))
        mism = sum(1 for i, leaf in enumerate(leaves) if held.get(i) != leaf) + sum(1 for i in held if i >= len(leaves))
        f["leaf_mismatches"] = mism
        if mism:
            problems.append("%s: %d leaves differ between the node and the aggregator" % (node, mism))
        # Contents: what the node shared is what the aggregator keeps (compared by SHA-256).
        pmism = 0
        for i, e in enumerate(entries):
            payload = base64.b64decode(e["payload"]) if e.get("payload") else b""
            salt = base64.b64decode(e["salt"]) if e.get("salt") else b""
            mine = (hashlib.sha256(payload).hexdigest(), hashlib.sha256(salt).hexdigest()) if payload else None
            if agg_payload.get((origin, i)) != mine:
                pmism += 1
        f["payload_mismatches"] = pmism
        if pmism:
            problems.append("%s: %d contents differ between the node and the aggregator" % (node, pmism))
        # Checkpoints: the node's latest (HTTP), all it signed (federation_checkpoint), the aggregator's.
        tree = Tree(leaves)
        s, vkeys = http("GET", fed.url(node, "/api/federation/log/key"), token)
        vkey = vkeys.decode().strip().split("\n")[0]
        s, latest = http("GET", fed.url(node, "/api/federation/log/checkpoint"), token)
        bad = 0
        notes = [latest.decode()] + [bytes.fromhex(r[0]).decode() for r in fed.psql(
            node, "select encode(convert_to(note, 'UTF8'), 'hex') from federation_checkpoint order by tree_size")]
        # Pure-Python Ed25519 takes ~60 ms a signature: then the signatures of 200 notes at most
        # (the latest always), every root still.
        signed = set(range(len(notes))) if ED25519 == "cryptography" or len(notes) <= 200 else \
            {0} | set(random.sample(range(len(notes)), 199))
        for k, note in enumerate(notes):
            text, _ = split_note(note)
            o, size, root = checkpoint_fields(text)
            if o != origin or size > len(leaves) or tree.root(size) != root or (k in signed and not note_verifies(note, vkey)):
                bad += 1
        f["checkpoint_signatures_checked"] = len(signed)
        f["checkpoints_checked"] = len(notes)
        f["checkpoints_bad"] = bad
        if bad:
            problems.append("%s: %d of %d checkpoints do not verify" % (node, bad, len(notes)))
        st = state.get(origin)
        if st is None:
            problems.append("%s: no regional_log_state at the aggregator" % node)
        else:
            size, cp, cos = st
            text, _ = split_note(cp)
            o, csize, root = checkpoint_fields(text)
            ok = (size == len(leaves) and csize == size and o == origin and Tree(
                [held[i] for i in range(size)] if all(i in held for i in range(size)) else []).root(size) == root
                and tree.root(size) == root and note_verifies(cp, vkey) and cosignature_verifies(text, cos, witness))
            f["aggregator_stored_size"] = size
            f["aggregator_checkpoint_and_cosignature_verify"] = ok
            if not ok:
                problems.append("%s: the aggregator's checkpoint or cosignature of size %d does not verify" % (node, size))
        # Attacks at the node: every acknowledged one is there, none twice, each shared exactly once.
        rows = fed.psql(node, "select aggregateidentifier, count(*) from domainevententry where payloadtype = "
                              "'org.tejido.national.attack.AttackRecordedEvent' group by 1")
        stored = {r[0]: int(r[1]) for r in rows}
        f["attacks_at_node"] = len(stored)
        dup_events = sum(1 for c in stored.values() if c > 1)
        targets = {r[0]: r[1].replace("-", "") for r in fed.psql(node, "select attack_id, target_id from federation_attack")}
        shared = {}
        for leaf in leaves:
            _, kind, target = leaf_fields(leaf)
            if kind == 1:
                shared[target] = shared.get(target, 0) + 1
        dup_shares = sum(1 for c in shared.values() if c > 1)
        unshared = sum(1 for a in stored if shared.get(targets.get(a), 0) == 0)
        f["attacks_not_in_log"] = unshared
        if unshared:
            problems.append("%s: %d stored attacks have no SHARED entry in the log" % (node, unshared))
        f["duplicated"] = dup_events + dup_shares + agg_dup.get(origin, 0)
        if f["duplicated"]:
            problems.append("%s: duplicated: %d attacks with two recorded events, %d targets shared twice, %d indexes"
                            " stored twice at the aggregator" % (node, dup_events, dup_shares, agg_dup.get(origin, 0)))
        if recorders is not None:
            rec = recorders[node]
            acked_ids = [a for a, _ in rec.acked]
            lost_api = [a for a in acked_ids + rec.earlier_acked if a not in stored]
            # Imports give no ids: a bound. Stored since this run began = acknowledged + some of the
            # unanswered, never fewer, never more.
            new = len(stored) - rec.baseline
            low = len(acked_ids) + rec.import_acked_rows
            high = low + rec.uncertain_api + rec.import_uncertain_rows
            lost_import = max(0, low - new) if not lost_api else 0
            extra = max(0, new - high)
            f.update(stored_before_run=rec.baseline, earlier_acked_ids_checked=len(rec.earlier_acked))
            f.update(recorded_api_acked=len(acked_ids), recorded_import_rows_acked=rec.import_acked_rows,
                     unanswered_api=rec.uncertain_api, unanswered_import_rows=rec.import_uncertain_rows,
                     defenders=rec.defenders, lost=len(lost_api) + lost_import, unexplained_extra=extra)
            if lost_api:
                problems.append("%s: %d acknowledged attacks missing, e.g. %s" % (node, len(lost_api), lost_api[:5]))
            if lost_import:
                problems.append("%s: %d fewer attacks than acknowledged" % (node, lost_import))
            if extra:
                f["duplicated"] += extra
                problems.append("%s: %d more attacks than acknowledged + unanswered (stored twice?)" % (node, extra))
    return figures, problems


def aggregator_times(fed):
    """origin -> sorted list of (first index, end index, epoch seconds of the EntriesStoredEvent)."""
    out = {}
    for hexpayload, ts in fed.psql("aggregator", "select encode(payload, 'hex'), timestamp from domainevententry where "
                                                 "payloadtype = 'org.tejido.regional.intake.EntriesStoredEvent'"):
        ev = json.loads(bytes.fromhex(hexpayload))
        t = datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()
        out.setdefault(ev["origin"], []).append((ev["firstIndex"], ev["firstIndex"] + len(ev["entries"]), t))
    for v in out.values():
        v.sort()
    return out


def percentile(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    k = max(0, min(len(v) - 1, math.ceil(p / 100.0 * len(v)) - 1))  # nearest rank
    return v[k]


def print_figures(figures, problems):
    for node, f in figures.items():
        log("node %s: %s" % (node, ", ".join("%s=%s" % kv for kv in f.items())))
    for p in problems:
        log("PROBLEM: " + p)


# ---------------------------------------------------------------------------------------------------
def stored_attacks(fed, node):
    return {r[0] for r in fed.psql(node, "select distinct aggregateidentifier from domainevententry where payloadtype = "
                                         "'org.tejido.national.attack.AttackRecordedEvent'")}


def take_baseline(fed, rec):
    """Attacks stored before this run (an earlier run on the same federation), and the ids earlier runs
    were acknowledged (runs/*/acked-<node>.tsv beside this run's directory): checked too."""
    runs = os.path.dirname(os.path.abspath(rec.out_dir))
    for node, r in rec.recorders.items():
        while True:
            try:
                r.baseline = len(stored_attacks(fed, node))
                break
            except (subprocess.CalledProcessError, OSError, IndexError, ValueError):
                time.sleep(2)
        for run in sorted(os.listdir(runs)):
            path = os.path.join(runs, run, "acked-%s.tsv" % node)
            if run == os.path.basename(rec.out_dir) or not os.path.exists(path):
                continue
            with open(path) as f:
                r.earlier_acked.extend(line.split("\t")[0] for line in f if not line.startswith("import"))
        log("%s: %d attacks stored before this run, %d acknowledged ids of earlier runs to check"
            % (node, r.baseline, len(r.earlier_acked)))


def cmd_crash(args):
    fed = Federation()
    out = args.out
    os.makedirs(out, exist_ok=True)
    rec = Recording(fed, out, args.rate, 1)
    take_baseline(fed, rec)
    rec.start()
    log("recording at %.1f/s on %s; %d kill cycles" % (args.rate, " ".join(fed.nodes), args.cycles))
    counts = {"aggregator": 0, "node": 0, "mid_push": 0, "mid_import": 0, "mid_start": 0, "restart_failures": 0}
    restarting = {}
    killed_starting = set()
    restart_times = []
    lock = threading.Lock()
    events = open(os.path.join(out, "cycles.tsv"), "a")

    def restart(name):
        # Until it is UP: a start killed part-way (--kill-starting) fails here and is started again.
        # Output to a file, not a pipe, so that the start outlives this driver if it is killed.
        t0 = time.time()
        for attempt in range(20):
            with open(os.path.join(out, "restarts.log"), "a") as f:
                r = subprocess.run([FEDERATION, "start-one", name], stdout=f, stderr=subprocess.STDOUT)
            if r.returncode == 0:
                break
            with lock:
                counts["restart_failures"] += 1
            log("start of %s did not complete (attempt %d; restarts.log)" % (name, attempt + 1))
            time.sleep(2)
        with lock:
            restart_times.append(time.time() - t0)
            restarting.pop(name, None)
            killed_starting.discard(name)

    cycle = 0
    while cycle < args.cycles:
        time.sleep(random.uniform(args.min_gap, args.max_gap))
        with lock:
            down = set(restarting)
        # A process neither running nor being started (left by an earlier, interrupted driver): start it.
        for name in ["aggregator"] + fed.nodes:
            if name not in down and not fed.alive(name):
                log("%s is not running: starting it" % name)
                with lock:
                    restarting[name] = time.time()
                threading.Thread(target=restart, args=(name,), daemon=True).start()
                down.add(name)
        if args.kill_starting and random.random() < args.kill_starting:
            # Only a start that has run a random while (pid file's age), so that kills land in every
            # phase of a start (PostgreSQL recovery, migrations, Axon's processors), not just its first second.
            started_for = random.uniform(5, 120)
            # At most one such kill per time a process is down, so that it comes up again in the end.
            starting = [n for n in ["aggregator"] + fed.nodes if fed.alive(n) and n not in killed_starting
                        and not healthy(fed, n)
                        and time.time() - os.path.getmtime(os.path.join(fed.dir, n + ".pid")) > started_for]
            if starting:
                target = random.choice(starting)
                with lock:
                    owned = target in restarting
                    restarting.setdefault(target, time.time())
                r = subprocess.run([FEDERATION, "kill", target], capture_output=True, text=True)
                if r.returncode == 0:
                    killed_starting.add(target)
                    cycle += 1
                    counts["aggregator" if target == "aggregator" else "node"] += 1
                    counts["mid_start"] += 1
                    events.write("%d\t%s\t%s\tmid_start=True\n" % (cycle, time.strftime("%FT%TZ", time.gmtime()), target))
                    events.flush()
                    log("cycle %d: kill -9 %s while it starts" % (cycle, target))
                    if not owned:
                        threading.Thread(target=restart, args=(target,), daemon=True).start()
                continue
        if len(down) >= args.max_down:
            continue
        up_nodes = [n for n in fed.nodes if n not in down and fed.alive(n) and healthy(fed, n)]
        aggregator_up = "aggregator" not in down and fed.alive("aggregator") and healthy(fed, "aggregator")
        kind = random.random()
        mid_import = False
        mid_push = False
        if aggregator_up and (kind < args.aggregator_share or not up_nodes):
            target = "aggregator"
            # Half the time, give the nodes something to push first: an import of a few hundred rows.
            if up_nodes and random.random() < 0.5:
                n = random.choice(up_nodes)
                rec.recorders[n].import_rows(random.randint(100, 400), rec.stop)
                time.sleep(random.uniform(0.0, 2.0))
            lags = [push_lag(fed, n) for n in up_nodes]
            mid_push = any(lag is not None and lag > 0 for lag in lags)
        elif up_nodes:
            target = random.choice(up_nodes)
            if random.random() < 0.5:
                done = threading.Event()
                rows = random.randint(50, 500)
                threading.Thread(target=rec.recorders[target].import_rows, args=(rows, rec.stop, done),
                                 daemon=True).start()
                time.sleep(random.uniform(0.05, 1.5))
                mid_import = not done.is_set()
            lag = push_lag(fed, target) if not mid_import else None
            mid_push = lag is not None and lag > 0
        else:
            continue
        with lock:
            restarting[target] = time.time()
        r = subprocess.run([FEDERATION, "kill", target], capture_output=True, text=True)
        if r.returncode != 0:
            log("kill %s failed: %s" % (target, r.stderr.strip()))
            with lock:
                restarting.pop(target, None)
            continue
        cycle += 1
        counts["aggregator" if target == "aggregator" else "node"] += 1
        counts["mid_push"] += mid_push
        counts["mid_import"] += mid_import
        events.write("%d\t%s\t%s\tmid_push=%s\tmid_import=%s\n" % (cycle, time.strftime("%FT%TZ", time.gmtime()),
                                                                      target, mid_push, mid_import))
        events.flush()
        log("cycle %d: kill -9 %s (mid-push %s, mid-import %s)" % (cycle, target, mid_push, mid_import))
        threading.Thread(target=restart, args=(target,), daemon=True).start()

    log("cycles done; waiting for restarts")
    while True:
        with lock:
            if not restarting:
                break
        time.sleep(1)
    time.sleep(args.tail)
    rec.finish()
    log("recording stopped")
    return finish(fed, rec, counts, restart_times, args)


def finish(fed, rec, counts, restart_times, args):
    caught_up, last = wait_caught_up(fed, args.catch_up_timeout)
    figures, problems = verify(fed, rec.recorders)
    if not caught_up:
        problems.append("not caught up within %ds: %s" % (args.catch_up_timeout, last))
    print_figures(figures, problems)
    total_api = sum(len(r.acked) for r in rec.recorders.values())
    total_imp = sum(r.import_acked_rows for r in rec.recorders.values())
    print()
    print("==== figures ====")
    if counts is not None:
        print("cycles: %d (aggregator kills %d, node kills %d, mid-push %d, mid-import %d, mid-start %d); restarts:"
              " mean %.1fs, max %.1fs, failed attempts %d" % (counts["aggregator"] + counts["node"], counts["aggregator"],
                                       counts["node"], counts["mid_push"], counts["mid_import"], counts["mid_start"],
                                       statistics.mean(restart_times) if restart_times else 0,
                                       max(restart_times) if restart_times else 0, counts["restart_failures"]))
    print("attacks recorded (acknowledged): %d through the API + %d imported rows; unanswered: %d API, %d import rows"
          % (total_api, total_imp, sum(r.uncertain_api for r in rec.recorders.values()),
             sum(r.import_uncertain_rows for r in rec.recorders.values())))
    for node, f in figures.items():
        print("  %s: attacks at node %d, entries at node %d, at aggregator %d, lost %s, duplicated %d, leaf mismatches %d,"
              " content mismatches %d, checkpoints %d checked / %d bad, aggregator checkpoint+cosignature %s"
              % (node, f["attacks_at_node"], f["entries"], f["aggregator_entries"], f.get("lost"), f["duplicated"],
                 f["leaf_mismatches"], f["payload_mismatches"], f["checkpoints_checked"], f["checkpoints_bad"],
                 "verify" if f.get("aggregator_checkpoint_and_cosignature_verify") else "DO NOT VERIFY"))
    print("entries at nodes %d, at aggregator %d; lost %d, duplicated %d, mismatches %d"
          % (sum(f["entries"] for f in figures.values()), sum(f["aggregator_entries"] for f in figures.values()),
             sum(f.get("lost") or 0 for f in figures.values()), sum(f["duplicated"] for f in figures.values()),
             sum(f["leaf_mismatches"] + f["payload_mismatches"] + f["checkpoints_bad"] for f in figures.values())))
    print("result: %s" % ("PASS" if not problems else "FAIL (%d problems)" % len(problems)))
    return 0 if not problems else 1


def cmd_load(args):
    fed = Federation()
    os.makedirs(args.out, exist_ok=True)
    rec = Recording(fed, args.out, args.rate, args.threads)
    take_baseline(fed, rec)
    lag_samples = {n: [] for n in fed.nodes}
    sampling = threading.Event()

    def sample():
        while not sampling.wait(1.0):
            for n in fed.nodes:
                v = push_lag(fed, n)
                if v is not None:
                    lag_samples[n].append(v)

    sampler = threading.Thread(target=sample, daemon=True)
    log("recording at %.1f/s in total on %d nodes (%s) for %ds, %d threads per node"
        % (args.rate, len(fed.nodes), " ".join(fed.nodes), args.duration, args.threads))
    rec.start()
    sampler.start()
    time.sleep(args.duration)
    rec.finish()
    sampling.set()
    elapsed = rec.stopped - rec.started
    log("recording stopped after %.1fs" % elapsed)
    code = finish(fed, rec, None, [], args)
    # Push lag per recording: its 201 at the driver -> the Axon timestamp of the aggregator's
    # EntriesStoredEvent holding its SHARED entry (attack -> federation_attack.target_id -> log index).
    times = aggregator_times(fed)
    lags = []
    missing = 0
    for node, r in rec.recorders.items():
        targets = {row[0]: row[1].replace("-", "") for row in fed.psql(node, "select attack_id, target_id from federation_attack")}
        index_of = {}
        for e in node_entries(fed, node):
            idx, kind, target = leaf_fields(base64.b64decode(e["leaf"]))
            if kind == 1:
                index_of.setdefault(target, idx)
        batches = times.get(fed.origins[node], [])
        starts = [b[0] for b in batches]
        import bisect
        for attack, t_ack in r.acked:
            idx = index_of.get(targets.get(attack))
            if idx is None:
                missing += 1
                continue
            j = bisect.bisect_right(starts, idx) - 1
            if j < 0 or not batches[j][0] <= idx < batches[j][1]:
                missing += 1
                continue
            lags.append(batches[j][2] - t_ack)
    acked = sum(len(r.acked) for r in rec.recorders.values())
    all_samples = [v for s in lag_samples.values() for v in s]
    print("rate asked %.1f/s, held %.2f/s (%d acknowledged in %.1fs); unanswered %d; refused %s"
          % (args.rate, acked / elapsed, acked, elapsed, sum(r.uncertain_api for r in rec.recorders.values()),
             {n: r.refused for n, r in rec.recorders.items() if r.refused}))
    print("push lag, 201 -> aggregator's EntriesStoredEvent (s), over %d recordings: p50 %.2f p95 %.2f p99 %.2f max %.2f;"
          " not matched %d" % (len(lags), percentile(lags, 50), percentile(lags, 95), percentile(lags, 99),
                               max(lags) if lags else float("nan"), missing))
    print("tejido_federation_push_lag sampled every ~1s per node (entries), %d samples: p50 %.0f p95 %.0f p99 %.0f max %.0f"
          % (len(all_samples), percentile(all_samples, 50), percentile(all_samples, 95), percentile(all_samples, 99),
             max(all_samples) if all_samples else float("nan")))
    return code if not missing else 1


def cmd_verify(args):
    fed = Federation()
    caught_up, last = wait_caught_up(fed, args.catch_up_timeout)
    figures, problems = verify(fed)
    if not caught_up:
        problems.append("not caught up within %ds: %s" % (args.catch_up_timeout, last))
    if args.runs:
        # Every id acknowledged in any run (runs/*/acked-<node>.tsv) must be stored at its node.
        for node in fed.nodes:
            stored = stored_attacks(fed, node)
            acked = []
            for run in sorted(os.listdir(args.runs)):
                path = os.path.join(args.runs, run, "acked-%s.tsv" % node)
                if os.path.exists(path):
                    with open(path) as f:
                        acked.extend(line.split("\t")[0] for line in f if not line.startswith("import"))
            lost = [a for a in acked if a not in stored]
            figures[node].update(acked_ids_all_runs=len(acked), lost=len(lost))
            if lost:
                problems.append("%s: %d acknowledged attacks missing, e.g. %s" % (node, len(lost), lost[:5]))
    print_figures(figures, problems)
    print("result: %s" % ("PASS" if not problems else "FAIL (%d problems)" % len(problems)))
    return 0 if not problems else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("crash")
    c.add_argument("--cycles", type=int, default=50)
    c.add_argument("--rate", type=float, default=6.0, help="attacks per second, all nodes together")
    c.add_argument("--min-gap", type=float, default=1.0)
    c.add_argument("--max-gap", type=float, default=5.0)
    c.add_argument("--max-down", type=int, default=3, help="processes down or restarting at once, at most")
    c.add_argument("--aggregator-share", type=float, default=0.35)
    c.add_argument("--kill-starting", type=float, default=0.0,
                   help="probability, per cycle, of killing a process while it starts (0: only processes that are UP)")
    c.add_argument("--tail", type=float, default=10.0, help="seconds of recording after the last restart")
    c.add_argument("--catch-up-timeout", type=int, default=600)
    c.add_argument("--out", required=True)
    lo = sub.add_parser("load")
    lo.add_argument("--rate", type=float, required=True)
    lo.add_argument("--duration", type=int, default=60)
    lo.add_argument("--threads", type=int, default=2, help="recording threads per node")
    lo.add_argument("--catch-up-timeout", type=int, default=600)
    lo.add_argument("--out", required=True)
    v = sub.add_parser("verify")
    v.add_argument("--catch-up-timeout", type=int, default=600)
    v.add_argument("--runs", help="a runs/ directory: check every id its acked-<node>.tsv files list")
    args = ap.parse_args()
    try:
        sys.exit({"crash": cmd_crash, "load": cmd_load, "verify": cmd_verify}[args.cmd](args))
    except subprocess.CalledProcessError as e:
        print("failed: %s\n%s" % (e.cmd, e.stderr), file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()

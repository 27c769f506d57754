#!/usr/bin/env python3
"""Independent verifier for Kapı audit-ledger inclusion proofs (kapi-ledger-proof/v1).

Python 3 standard library only: SHA-256 from hashlib, Ed25519 from the RFC 8032 reference
algorithm below. It shares no code with Kapı; it follows docs/formats/ledger.md and RFC 9162.

    kapi audit prove --data-dir D 17 > proof.json
    python3 verify_proof.py proof.json --vkey "$(cat ledger.vkey)"

Exit status 0 when the event is proven to be in the log the signed checkpoint commits to,
1 when any check fails, 2 on unusable input. Always pass --vkey with the verifier key you obtained
from the institution out of band: the key inside the bundle only shows self-consistency.
"""

import argparse
import base64
import hashlib
import json
import sys

# ---------------------------------------------------------------- Ed25519 (RFC 8032 §6)
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _add(a, b):
    x = (a[1] - a[0]) * (b[1] - b[0]) % P
    y = (a[1] + a[0]) * (b[1] + b[0]) % P
    c = 2 * a[3] * b[3] * D % P
    d = 2 * a[2] * b[2] % P
    e, f, g, h = y - x, d - c, d + c, y + x
    return (e * f, g * h, f * g, e * h)


def _mul(s, pt):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _add(q, pt)
        pt = _add(pt, pt)
        s >>= 1
    return q


def _equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % P == 0 and (a[1] * b[2] - b[1] * a[2]) % P == 0


def _recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


_GY = 4 * pow(5, P - 2, P) % P
_GX = _recover_x(_GY, 0)
G = (_GX, _GY, 1, _GX * _GY % P)


def _decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


def ed25519_verify(public, msg, sig):
    if len(public) != 32 or len(sig) != 64:
        return False
    a = _decompress(public)
    r = _decompress(sig[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(sig[32:], "little")
    if s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(sig[:32] + public + msg).digest(), "little") % L
    return _equal(_mul(s, G), _add(r, _mul(h, a)))


# ---------------------------------------------------------------- C2SP signed note + checkpoint
class Fail(Exception):
    pass


def parse_vkey(vkey):
    """<name>+<key id, 8 hex>+<base64(0x01 || 32-byte Ed25519 public key)>"""
    try:
        name, key_id, key_b64 = vkey.strip().split("+", 2)
        key = base64.b64decode(key_b64, validate=True)
    except ValueError as e:
        raise Fail(f"malformed verifier key: {e}")
    if len(key) != 33 or key[0] != 0x01:
        raise Fail("verifier key is not an Ed25519 key")
    want = hashlib.sha256(name.encode() + b"\n" + key).digest()[:4]
    if bytes.fromhex(key_id) != want:
        raise Fail("verifier key id does not match its name and key")
    return name, want, key[1:]


def open_note(note, vkey):
    """Returns the note text if a signature line by `vkey` verifies."""
    name, key_id, public = parse_vkey(vkey)
    split = note.rfind("\n\n")
    if split < 0 or not note.endswith("\n"):
        raise Fail("not a signed note")
    text = note[: split + 1]
    for line in note[split + 2 :].splitlines():
        if not line.startswith("\u2014 "):
            raise Fail("malformed signature line")
        sig_name, _, sig_b64 = line[2:].partition(" ")
        if sig_name != name:
            continue
        sig = base64.b64decode(sig_b64, validate=True)
        if len(sig) != 68 or sig[:4] != key_id:
            continue
        if ed25519_verify(public, text.encode(), sig[4:]):
            return text
        raise Fail(f"signature by {name} does not verify")
    raise Fail(f"no signature by key {name}")


def parse_checkpoint(text):
    lines = text.split("\n")[:-1]
    if len(lines) < 3 or not lines[0]:
        raise Fail("checkpoint needs origin, size and root lines")
    if not lines[1].isdigit() or (len(lines[1]) > 1 and lines[1][0] == "0"):
        raise Fail("bad checkpoint size")
    root = base64.b64decode(lines[2], validate=True)
    if len(root) != 32:
        raise Fail("bad checkpoint root")
    return lines[0], int(lines[1]), root


# ---------------------------------------------------------------- RFC 9162 §2.1.3.2
def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index, size, leaf_hash, path, root):
    if index >= size:
        raise Fail("leaf index is not below the tree size")
    fn, sn, r = index, size - 1, leaf_hash
    for p in path:
        if len(p) != 32:
            raise Fail("proof element has the wrong length")
        if sn == 0:
            raise Fail("inclusion proof is too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise Fail("inclusion proof is too short")
    if r != root:
        raise Fail("inclusion proof does not lead to the signed root")


# ---------------------------------------------------------------- leaf frame (format v1)
EVENT_TYPES = {1: "state_change", 2: "personal_data_read", 3: "ai_suggestion",
               4: "human_decision", 5: "approval", 6: "answer_sent", 7: "erasure", 8: "login",
               9: "permission_change", 10: "setting_change"}


def decode_frame(b):
    pos = 0

    def take(n):
        nonlocal pos
        if pos + n > len(b):
            raise Fail("truncated leaf frame")
        out = b[pos : pos + n]
        pos += n
        return out

    def string():
        return take(take(1)[0]).decode("utf-8")

    if take(1)[0] != 1:
        raise Fail("unknown leaf frame version")
    seq = int.from_bytes(take(8), "big")
    time_ms = int.from_bytes(take(8), "big", signed=True)
    etype = EVENT_TYPES.get(take(1)[0])
    if etype is None:
        raise Fail("unknown event type")
    actor = string()
    subjects = [string() for _ in range(take(1)[0])]
    attributes = {}
    for _ in range(take(1)[0]):
        k = string()
        attributes[k] = string()
    flag = take(1)[0]
    if flag > 1:
        raise Fail("bad commitment flag")
    commitment = take(32).hex() if flag else None
    if pos != len(b):
        raise Fail("trailing bytes in leaf frame")
    return {"seq": seq, "time_ms": time_ms, "type": etype, "actor": actor,
            "subjects": subjects, "attributes": attributes, "commitment": commitment}


def verify_bundle(bundle, vkey, expected_origin=None):
    if bundle.get("format") != "kapi-ledger-proof/v1":
        raise Fail("not a kapi-ledger-proof/v1 bundle")
    text = open_note(bundle["checkpoint"], vkey)
    origin, size, root = parse_checkpoint(text)
    if expected_origin and origin != expected_origin:
        raise Fail(f"checkpoint origin {origin!r} is not {expected_origin!r}")
    if size != bundle["tree_size"]:
        raise Fail("bundle tree_size differs from the signed checkpoint")
    leaf = base64.b64decode(bundle["leaf"], validate=True)
    leaf_hash = hashlib.sha256(b"\x00" + leaf).digest()
    event = decode_frame(leaf)
    if event["seq"] != bundle["seq"]:
        raise Fail("the leaf frame is for another sequence number")
    path = [base64.b64decode(p, validate=True) for p in bundle["inclusion_path"]]
    verify_inclusion(bundle["seq"], size, leaf_hash, path, root)
    return origin, size, root, event


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bundle", help="proof bundle JSON file ('-' for stdin)")
    ap.add_argument("--vkey", help="verifier key obtained from the institution out of band")
    ap.add_argument("--origin", help="expected checkpoint origin")
    args = ap.parse_args()
    try:
        raw = sys.stdin.read() if args.bundle == "-" else open(args.bundle, encoding="utf-8").read()
        bundle = json.loads(raw)
    except (OSError, ValueError) as e:
        print(f"unusable input: {e}", file=sys.stderr)
        return 2
    vkey = args.vkey
    if not vkey:
        vkey = bundle.get("verifier_key", "")
        print("warning: using the verifier key inside the bundle; pass --vkey", file=sys.stderr)
    try:
        origin, size, root, event = verify_bundle(bundle, vkey, args.origin)
    except (Fail, KeyError, TypeError, ValueError) as e:
        print(f"FAILED: {e}")
        return 1
    print(f"OK: event {event['seq']} is in {origin} at tree size {size}, root {root.hex()}")
    print(json.dumps(event, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

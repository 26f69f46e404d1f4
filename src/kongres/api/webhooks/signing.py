"""The signature of a webhook body: HMAC-SHA256 over ``<timestamp>.<body>``.

Header: ``Kongres-Signature: t=<unix seconds>,v1=<hex digest>``. The timestamp is signed with
the body, so a receiver that rejects old timestamps also rejects replays of captured requests.
Pure Python, no Django: receivers may copy the idea (docs/api.md shows a receiver's check).
"""

import hashlib
import hmac

SIGNATURE_HEADER = "Kongres-Signature"
TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(int(timestamp)).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={int(timestamp)},v1={signature(secret, timestamp, body)}"


def signature_verify(
    secret: str, header: str, body: bytes, *, now: float, tolerance: int = TOLERANCE_SECONDS
) -> bool:
    """True when ``header`` signs ``body`` with ``secret`` and its time is within tolerance."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(fields.get("v1", ""), signature(secret, timestamp, body))

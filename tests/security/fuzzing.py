"""Hostile input for the fuzz tests: Hypothesis strategies, a form reader, and the checks.

Every case sends one request and checks three things: no server error (status < 500), no
payload reflected unescaped in an HTML answer, and, when the request is rejected (anything
but a redirect after a POST), no row added or removed in the tables of the participant apps.
"""

import collections
import os
import re
from html.parser import HTMLParser
from urllib.parse import quote

from django.apps import apps
from django.db import connection
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Cases run, per target; printed at the end of the session (tests/security/conftest.py).
CASES: collections.Counter = collections.Counter()
# Status codes seen, per target: shows how deep the cases got (refused, shown again, accepted).
STATUSES: collections.defaultdict = collections.defaultdict(collections.Counter)

EXAMPLES = int(os.environ.get("KONGRES_FUZZ_EXAMPLES", "25"))

# CI runs the same cases every time; KONGRES_FUZZ_EXAMPLES=2000 (say) explores more, at random.
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="KONGRES_FUZZ_EXAMPLES" not in os.environ,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    '" autofocus onfocus="alert(1)',
    "</textarea><script>alert(1)</script>",
    "{{ 7*7 }}{% debug %}",
    "' OR '1'='1",
    "1; DROP TABLE registration_registration; --",
    "' UNION SELECT password FROM auth_user --",
    "%00",
    "\x00",
    "\u202eevil\u202c",
    "\u200b\ufeff",
    "😀👩‍👩‍👧‍👦🇵🇱",
    "Zażółć gęślą jaźń",
    "../../../../etc/passwd",
    "${jndi:ldap://x}",
    "-1",
    "0",
    "99999999999999999999999",
    "-9223372036854775809",
    "1e309",
    "NaN",
    "true",
    "[]",
    "{}",
    "null",
    " ",
    "",
]

_any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_control = st.text(alphabet=st.characters(max_codepoint=0x1F), min_size=1, max_size=10)
_numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)

hostile = st.one_of(
    st.sampled_from(PAYLOADS),
    _any_text,
    _control,
    _numbers,
    st.tuples(_any_text, st.sampled_from(PAYLOADS), _any_text).map("".join),
    st.sampled_from(PAYLOADS).map(lambda p: "A" * 10_000 + p),
    st.builds(lambda c, n: c * n, st.sampled_from("a\u202e😀<\x00"), st.integers(1, 12_000)),
)
# A field value: one value, or the same field several times (a duplicated field).
field_value = st.one_of(hostile, st.lists(hostile, min_size=2, max_size=4))


def _default(name: str, kind: str) -> str:
    """A valid value for an empty text field, so that the untouched form passes."""
    if kind == "email" or name.endswith("email"):
        _default.emails += 1
        return f"fuzz{_default.emails}@example.org"
    if "phone" in name:
        return "+48 600 100 200"
    if name.endswith(("nip", "code")):
        return ""  # optional; a made-up number or code fails its checksum
    return {"number": "1", "date": "1980-05-17"}.get(kind, "Fuzz")


_default.emails = 0


class _FormReader(HTMLParser):
    """Fields of the forms of a page: name -> list of values a browser could send."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action")}
            self._form["fields"] = {}
            self._form["choices"] = collections.defaultdict(list)
            self.forms.append(self._form)
        if self._form is None:
            return
        fields, choices, name = self._form["fields"], self._form["choices"], a.get("name")
        if tag == "option" and self._select:
            value = a.get("value", "")
            choices[self._select].append(value)
            if value and not fields[self._select]:
                fields[self._select].append(value)
        if not name:
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                choices[name].append(a.get("value", "on"))
                if kind == "checkbox" or name not in fields:
                    fields.setdefault(name, []).append(a.get("value", "on"))
                return
            fields.setdefault(name, []).append(a.get("value") or _default(name, kind))
        elif tag == "select":
            self._select = name
            fields.setdefault(name, [])
        elif tag == "textarea":
            fields.setdefault(name, []).append("Fuzz")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def form_fields(html: str, *, method: str = "post") -> dict[str, list[str]]:
    """The fields of the largest form of that method on the page, filled as a browser would."""
    reader = _FormReader()
    reader.feed(html)
    candidates = [f for f in reader.forms if f["method"] == method]
    assert candidates, f"no {method} form on the page"
    fields = max(candidates, key=lambda f: len(f["fields"]))["fields"]
    fields.pop("csrfmiddlewaretoken", None)
    return fields


@st.composite
def mutated(draw, base: dict[str, list[str]]):
    """A form submission: valid values with some replaced, dropped, duplicated or added."""
    data = {name: list(values) for name, values in base.items() if values}
    names = sorted(base)
    for name in draw(st.lists(st.sampled_from(names), unique=True)) if names else []:
        action = draw(st.sampled_from(["hostile", "hostile", "drop", "duplicate"]))
        if action == "hostile":
            value = draw(field_value)
            data[name] = value if isinstance(value, list) else [value]
        elif action == "drop":
            data.pop(name, None)
        else:
            data[name] = (data.get(name) or ["x"]) * 2
    for extra in draw(st.lists(st.sampled_from(["id", "pk", "edition", "state", "token"]))):
        data[extra] = [draw(hostile)]
    return data


def flat_values(data) -> list[str]:
    out = []
    for value in data.values() if isinstance(data, dict) else data:
        out.extend(value if isinstance(value, list) else [value])
    return [v for v in out if isinstance(v, str)]


def tampered(token: str):
    """A personal token changed the ways an attacker would (still one path segment)."""
    return st.one_of(
        st.integers(0, len(token) - 1).flatmap(
            lambda i: st.characters(codec="ascii", blacklist_characters="/").map(
                lambda c: token[:i] + c + token[i + 1 :]
            )
        ),
        st.integers(0, len(token) - 1).map(lambda i: token[:i]),
        hostile.map(lambda h: token + h),
        hostile,
        st.just(token.swapcase()),
    ).filter(lambda t: t and t != token)


def path_segment(value: str) -> str:
    return quote(value.replace("\x00", "%00"), safe="") or "x"


def big_ids():
    return st.one_of(
        st.integers(0, 10_000),
        st.integers(2**31, 2**80),
        st.sampled_from([2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64]),
    )


RAW_QUERY_JUNK = ["%ff%fe", "%c0%af", "%ed%a0%80", "%00", "a=%zz", "&&==&", "a[]=1&a[]=2"]


def _counted_tables() -> list[str]:
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    tables = [get_user_model()._meta.db_table, Session._meta.db_table]
    for label in ("common", "registration", "visits", "comms", "matchmaking", "onsite"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model.__name__ != "RateCounter" and not model._meta.proxy:
                tables.append(model._meta.db_table)
    return sorted(set(tables))


def counts() -> dict[str, int]:
    """Rows in every table of the participant apps, users and sessions, in one query.

    Rate-limit counters are left out: counting an attempt is the point of them. So are the
    activity log's sign-in entries (``auth.*``): a refused login is logged on purpose.
    """
    from kongres.common.models import ActivityLog

    tables = _counted_tables()
    qn = connection.ops.quote_name
    log = ActivityLog._meta.db_table

    def count(table: str) -> str:
        where = " WHERE action NOT LIKE 'auth.%'" if table == log else ""
        # Table names come from the models, quoted; nothing from the request.
        return f"(SELECT COUNT(*) FROM {qn(table)}{where})"  # noqa: S608

    sql = "SELECT " + ", ".join(count(t) for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


_SCRIPTY = re.compile(r"[<\"]")


def check(target: str, response, sent: list[str], before: dict | None, *, accepted=None):
    """The assertions of one case."""
    CASES[target] += 1
    STATUSES[target][response.status_code] += 1
    assert response.status_code < 500, f"{target}: {response.status_code}"
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html") and not getattr(response, "streaming", False):
        body = response.content.decode("utf-8", "replace")
        for value in sent:
            if _SCRIPTY.search(value) and len(value.strip()) >= 6:
                assert value not in body, f"{target}: payload reflected unescaped: {value!r}"
    if before is not None:
        ok = accepted(response) if accepted else response.status_code in (301, 302, 303)
        if not ok:
            after = counts()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            assert not changed, f"{target}: rejected ({response.status_code}) but wrote {changed}"

"""The documents parts of ``bench/onsite.py``: badges and attendance lists as PDF.

- ``badges``: 1,000 badges of the demo edition as one PDF (A6, one per page, and two per A4),
  including what the organiser's download does around it: the registrations read and sorted,
  each QR code's signed token made, the PDF drawn. Target ≤ 5 s.
- ``attendance``: the attendance list of a day with 1,000 checked-in names, from the query to
  the PDF bytes (sorted in Polish order, page numbers, totals). Target ≤ 3 s.

Both run in a ``kongres shell`` of the benchmark's database (the demo edition plus 1,000
people with Polish names, checked in at a hall point on the first day), so they measure the
real selectors on SQLite and PostgreSQL. Each is timed first without tracing; then run once
more under ``tracemalloc`` for the peak of Python allocations; the process's CPU time of the
timed run (which a busy machine does not inflate as it does the wall time) and its maximum
resident size (``ru_maxrss``) are reported as well.
"""

from __future__ import annotations

import json
import subprocess

from _load import BenchError, kongres_command

COUNT = 1000

CODE = r"""
import datetime as dt, json, resource, time, tracemalloc
from django.utils import translation
from django_scopes import scope, scopes_disabled
from kongres.events.models import Edition
from kongres.onsite.models import CheckIn, CheckInPoint, Device, Scan
from kongres.onsite.badges.pdf import badges_pdf
from kongres.onsite.documents import pdf as documents_pdf, selectors
from kongres.program.models import LOCAL_TZ
from kongres.registration.models import Category, Registration
from kongres.registration.services import email_key

FIRST = ["Łucja", "Żaneta", "Grzegorz", "Małgorzata", "Ścibor", "Anna", "Jędrzej", "Zofia"]
LAST = ["Łukasiewicz", "Żak", "Brzęczyszczykiewicz", "Lis", "Śliwa", "Nowak", "Ćwik", "Zając"]
ORGS = ["Lubuski Klaster Metalowy", "Klaster Innowacyjnych Technologii Województwa "
        "Kujawsko-Pomorskiego sp. z o.o.", "Zielonogórski Ośrodek Badań"]
COUNT = {count}
PART = "{part}"

with scopes_disabled():
    edition = Edition.objects.get(slug="{edition}")
    people = list(Registration.objects.filter(email_key__startswith="bench-docs-"))
    if not people:
        category = Category.objects.filter(edition=edition).order_by("id").first()
        Registration.objects.bulk_create(
            Registration(
                edition=edition, category=category, state="confirmed",
                first_name=FIRST[n % 8], last_name=f"{{LAST[(n // 8) % 8]}} {{n:04d}}",
                organisation=ORGS[n % 3], email=f"bench-docs-{{n}}@example.org",
                email_key=email_key(f"bench-docs-{{n}}@example.org"),
            )
            for n in range(COUNT)
        )
        people = list(Registration.objects.filter(email_key__startswith="bench-docs-"))
        point = CheckInPoint.objects.create(edition=edition, kind="hall", name="Bench docs door")
        device = Device.objects.create(edition=edition, label="bench docs")
        at = dt.datetime.combine(edition.start_date, dt.time(9), tzinfo=LOCAL_TZ)
        scans = Scan.objects.bulk_create(
            Scan(edition=edition, point=point, device=device, device_scan_id=f"d{{p.pk}}",
                 registration=p, device_scanned_at=at, scanned_at=at, received_at=at,
                 outcome="accepted")
            for p in people
        )
        CheckIn.objects.bulk_create(
            CheckIn(edition=edition, registration_id=s.registration_id, point=point, scan=s,
                    device=device, scanned_at=s.scanned_at, received_at=s.received_at)
            for s in scans
        )
ids = [p.pk for p in people]


def badges(two):
    with scope(edition=edition):
        chosen = [r for r in selectors.badge_registrations(edition=edition) if r.pk in set(ids)]
        layout = selectors.badge_layout_get(edition=edition)
        specs = selectors.badge_specs(edition=edition, registrations=chosen, layout=layout)
        return len(chosen), badges_pdf(specs, stock=selectors.badge_stock(layout),
                                       two_per_sheet=two)


def attendance(_two):
    with scope(edition=edition):
        listing = selectors.attendance_for_day(edition=edition, date=edition.start_date)
        return listing.total, documents_pdf.attendance_pdf(listing, kind_label="Dzień")


work = badges if PART == "badges" else attendance
result = {{}}
with translation.override("pl"):
    work(False)  # warm up: fonts registered, translations loaded
    for label, two in ([("one_per_page", False), ("two_per_a4", True)]
                       if PART == "badges" else [("day", False)]):
        started, cpu_started = time.perf_counter(), time.process_time()
        count, content = work(two)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        tracemalloc.start()
        work(two)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result[label] = {{"items": count, "seconds": round(seconds, 3),
                          "cpu_seconds": round(cpu, 3),
                          "pdf_bytes": len(content), "peak_python_mb": round(peak / 2**20, 1)}}
result["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print("BENCH-DOCS " + json.dumps(result))
"""


def _run(part: str, env: dict, edition: str) -> dict:
    done = subprocess.run(
        [*kongres_command(), "shell", "-c", CODE.format(count=COUNT, part=part, edition=edition)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH-DOCS "):
            return json.loads(line[len("BENCH-DOCS ") :])
    raise BenchError(f"documents part {part} failed ({done.returncode}):\n{done.stderr[-3000:]}")


def part_badges(ctx) -> dict:
    figures = _run("badges", ctx.env, "kkp-2025")
    figures["target_seconds"] = 5
    return figures


def part_attendance(ctx) -> dict:
    figures = _run("attendance", ctx.env, "kkp-2025")
    figures["target_seconds"] = 3
    return figures


# name -> (function, people it takes from the check-in parts' set: none, it makes its own).
DOCUMENT_PARTS = {
    "badges": (part_badges, lambda args: 0),
    "attendance": (part_attendance, lambda args: 0),
}

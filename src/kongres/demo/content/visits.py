"""Host details of the four study visits of 31 October."""


# --- Study visits: host details of the four study-visit sessions of 31 October -------------
# Natural key: the session's slug. Departure and return are the session's start and end; the
# seats are the session's capacity (set above).

_MEETING_POINT_CAR_PARK = (
    "Parking przed Parkiem Technologii Kosmicznych w Nowym Kisielinie, autokar nr {coach}",
    "Car park in front of the Space Technology Park in Nowy Kisielin, coach no. {coach}",
)


def _meeting_point(coach: int) -> tuple[str, str]:
    pl, en = _MEETING_POINT_CAR_PARK
    return pl.format(coach=coach), en.format(coach=coach)


_SAFETY = (
    "Obuwie z pełnym noskiem; kamizelki i okulary ochronne zapewnia gospodarz.",
    "Closed-toe shoes; the host provides high-visibility vests and safety glasses.",
)


STUDY_VISITS = [
    {
        "session": "wizyta-przykladowe-zaklady-mechaniczne",
        "host_name": "Przykładowe Zakłady Mechaniczne Sp. z o.o.",
        "host_description": (
            "Producent konstrukcji stalowych i podzespołów maszyn z Zielonej Góry, członek "
            "Lubuskiego Klastra Metalowego (firma fikcyjna). Około 250 pracowników, zrobotyzowane "
            "linie spawalnicze i wycinarki laserowe.",
            "A maker of steel structures and machine assemblies from Zielona Góra, a member of "
            "Lubuski Klaster Metalowy (a fictional company). About 250 employees, robotic "
            "welding lines and laser cutters.",
        ),
        "meeting_point": _meeting_point(1),
        "requires_id_data": False,
        "requirements": _SAFETY,
    },
    {
        "session": "wizyta-przykladowa-obrobka-cnc",
        "host_name": "Przykładowa Obróbka Precyzyjna CNC Sp. z o.o.",
        "host_description": (
            "Precyzyjna obróbka skrawaniem na centrach pięcioosiowych dla przemysłu lotniczego "
            "i kosmicznego (firma fikcyjna), z własnym laboratorium metrologicznym.",
            "Precision machining on five-axis centres for the aerospace and space industries "
            "(a fictional company), with its own metrology laboratory.",
        ),
        "meeting_point": _meeting_point(2),
        "requires_id_data": False,
        "requirements": _SAFETY,
    },
    {
        "session": "wizyta-przykladowe-systemy-obronne",
        "host_name": "Przykładowe Systemy Obronne S.A.",
        "host_description": (
            "Dostawca komponentów dla przemysłu obronnego (firma fikcyjna). Zakład o podwyższonym "
            "poziomie ochrony: lista gości jest uzgadniana ze służbą ochrony z wyprzedzeniem.",
            "A supplier of components for the defence industry (a fictional company). A site "
            "with increased security: the guest list is agreed with site security in advance.",
        ),
        "meeting_point": _meeting_point(3),
        "requires_id_data": True,
        "requirements": (
            "Dane z dowodu osobistego lub paszportu trzeba podać najpóźniej 7 dni przed wizytą; "
            "usuniemy je po wizycie. Weź ze sobą ten sam dokument. Na terenie zakładu obowiązuje "
            "zakaz fotografowania i nagrywania.",
            "ID card or passport details must be given at least 7 days before the visit; we "
            "delete them after it. Bring the same document with you. Photography and recording "
            "are not allowed on site.",
        ),
    },
    {
        "session": "wizyta-przykladowy-integrator-automatyki",
        "host_name": "Przykładowy Integrator Automatyki Sp. z o.o.",
        "host_description": (
            "Integrator robotyki i systemów wizyjnych dla zakładów produkcyjnych (firma "
            "fikcyjna). Pokaz stanowisk zrobotyzowanych i kontroli jakości opartej na AI.",
            "An integrator of robotics and vision systems for manufacturing plants (a fictional "
            "company). A demonstration of robotic cells and AI-based quality control.",
        ),
        "meeting_point": _meeting_point(4),
        "requires_id_data": False,
        "requirements": ("", ""),
    },
]

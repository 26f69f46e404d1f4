"""Benchmark of matchmaking search and recommendations (pure Python, no Django, no server).

    .venv/bin/python bench/recommend.py                    # 3,000 profiles
    .venv/bin/python bench/recommend.py --profiles 500 --seed 7 --queries 300

Generates seeded profiles (70 % Polish, 30 % English; one to three offers and requests each,
built from service and industry phrases in several inflected forms, plus sectors, cooperation
types and languages), then measures: building the search index over whole profiles, building
the recommender (offers and requests indexed separately), search latency over a mix of Polish
and English queries (inflected, with and without Polish letters, some with a filter), and
recommendations for every profile (with a random load and a few met people each). Prints a
table and, as the last line, one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from kongres.matchmaking.recommend import (
    Index,
    ProfileDoc,
    Recommender,
    profile_document,
)

SERVICES_PL = [
    "obróbka CNC",
    "frezowanie i toczenie precyzyjne",
    "spawanie konstrukcji stalowych",
    "druk 3D części metalowych",
    "projektowanie układów elektronicznych",
    "oprogramowanie dla produkcji",
    "badania laboratoryjne materiałów",
    "certyfikacja wyrobów medycznych",
    "logistyka chłodnicza",
    "magazynowanie i dystrybucja towarów",
    "instalacje fotowoltaiczne",
    "magazyny energii",
    "automatyka przemysłowa",
    "robotyzacja linii produkcyjnych",
    "analiza danych i sztuczna inteligencja",
    "cyberbezpieczeństwo sieci przemysłowych",
    "opakowania biodegradowalne",
    "przetwórstwo owoców i warzyw",
    "meble z drewna na wymiar",
    "wtrysk tworzyw sztucznych",
    "kompozyty dla lotnictwa",
    "drony i systemy bezzałogowe",
    "doradztwo w pozyskiwaniu funduszy unijnych",
    "szkolenia dla inżynierów",
    "recykling odpadów przemysłowych",
    "systemy wizyjne kontroli jakości",
]
INDUSTRIES_PL = [
    "przemysłu obronnego",
    "obronności",
    "branży motoryzacyjnej",
    "sektora energetycznego",
    "energetyki odnawialnej",
    "przemysłu spożywczego",
    "lotnictwa i kosmonautyki",
    "medycyny",
    "budownictwa",
    "rolnictwa",
    "przemysłu chemicznego",
    "logistyki",
    "kolejnictwa",
    "gospodarki wodnej",
    "przemysłu meblarskiego",
]
PARTNERS_PL = [
    "dostawcy",
    "partnera badawczego",
    "inwestora",
    "dystrybutora",
    "podwykonawcy",
    "partnera eksportowego",
    "odbiorców",
]
SERVICES_EN = [
    "CNC machining",
    "precision milling and turning",
    "3D printing of metal parts",
    "embedded electronics design",
    "software for manufacturing",
    "laboratory testing",
    "cold chain logistics",
    "solar power installations",
    "energy storage systems",
    "industrial automation",
    "machine learning and data analytics",
    "industrial network cybersecurity",
    "biodegradable packaging",
    "fruit and vegetable processing",
    "composite materials for aerospace",
    "unmanned aerial systems",
    "EU funding consulting",
    "engineering training",
    "industrial waste recycling",
    "machine vision quality inspection",
]
INDUSTRIES_EN = [
    "the defence industry",
    "automotive manufacturers",
    "the energy sector",
    "renewable energy",
    "the food industry",
    "aerospace",
    "healthcare",
    "construction",
    "agriculture",
    "the chemical industry",
    "railways",
]
PARTNERS_EN = ["supplier", "research partner", "investor", "distributor", "subcontractor"]
QUERIES = [
    "przemysł obronny",
    "obronność",
    "obronnosc",
    "obróbka cnc",
    "frezowanie",
    "druk 3d",
    "fotowoltaika",
    "magazyny energii",
    "energetyka odnawialna",
    "automatyka",
    "sztuczna inteligencja",
    "logistyka chłodnicza",
    "przemysł spożywczy",
    "meble drewniane",
    "drony",
    "lotnictwo",
    "wyroby medyczne",
    "recykling",
    "defence industry",
    "cnc machining",
    "energy storage",
    "machine vision",
    "aerospace composites",
    "cybersecurity",
    "packaging",
    "przemysl chemiczny",
    "inwestor",
    "fundusze unijne",
]
SECTORS = [f"{a:02d}.{b}" for a in (10, 16, 20, 22, 25, 28, 30, 35, 49, 62, 72) for b in (1, 2, 3)]
COOPERATION = [
    "supplier",
    "customer",
    "rd_partner",
    "investment",
    "export_partner",
    "subcontractor",
    "distributor",
]
COUNTRIES = ["PL"] * 8 + ["DE", "UA", "CZ", "LT", "FR"]
ORG_TYPES = ["company", "cluster", "university", "research_institute", "public"]


def _listing(rng: random.Random, polish: bool, offer: bool) -> tuple[str, str]:
    if polish:
        service = rng.choice(SERVICES_PL)
        industry = rng.choice(INDUSTRIES_PL)
        if offer:
            title = service[0].upper() + service[1:]
            text = (
                f"Oferujemy {service} dla {industry}. "
                f"Mamy doświadczenie we współpracy z klientami z {rng.choice(INDUSTRIES_PL)}."
            )
        else:
            title = f"Szukamy: {service}"
            text = (
                f"Poszukujemy {rng.choice(PARTNERS_PL)} w zakresie: {service}, "
                f"na potrzeby {industry}."
            )
        return title, text
    service = rng.choice(SERVICES_EN)
    industry = rng.choice(INDUSTRIES_EN)
    if offer:
        return service.capitalize(), f"We offer {service} for {industry}."
    return (
        f"Looking for {service}",
        f"We are looking for a {rng.choice(PARTNERS_EN)} in {service} for {industry}.",
    )


def generate(n: int, seed: int) -> list[ProfileDoc]:
    rng = random.Random(f"recommend:{seed}")
    out = []
    for i in range(1, n + 1):
        polish = rng.random() < 0.7
        out.append(
            ProfileDoc(
                id=i,
                organisation=f"{'Firma' if polish else 'Company'} {i}",
                description=_listing(rng, polish, True)[1],
                offers=tuple(_listing(rng, polish, True) for _ in range(rng.randint(1, 3))),
                requests=tuple(_listing(rng, polish, False) for _ in range(rng.randint(1, 3))),
                sectors=frozenset(rng.sample(SECTORS, rng.randint(1, 3))),
                cooperation_types=frozenset(rng.sample(COOPERATION, rng.randint(1, 3))),
                languages=frozenset(["pl", "en"] if polish else ["en"]),
                country="PL" if polish else rng.choice(COUNTRIES),
                organisation_type=rng.choice(ORG_TYPES),
            )
        )
    return out


def _ms(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(1000 * values[min(len(values) - 1, int(q * len(values)))], 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=500)
    args = parser.parse_args(argv)

    profiles = generate(args.profiles, args.seed)
    rng = random.Random(args.seed)

    t0 = time.perf_counter()
    index = Index.build(profile_document(p) for p in profiles)
    search_build = time.perf_counter() - t0

    t0 = time.perf_counter()
    recommender = Recommender.build(profiles)
    recommender_build = time.perf_counter() - t0

    latencies = []
    found = []
    for _ in range(args.queries):
        query = rng.choice(QUERIES)
        filters = {"country": "PL"} if rng.random() < 0.2 else None
        t0 = time.perf_counter()
        hits = index.search(query, filters)
        latencies.append(time.perf_counter() - t0)
        found.append(len(hits))

    load = {p.id: rng.random() for p in profiles}
    ids = [p.id for p in profiles]
    t0 = time.perf_counter()
    lengths = []
    for p in profiles:
        met = set(rng.sample(ids, 3))
        lengths.append(len(recommender.recommend(p, met_or_declined=met, load=load, limit=10)))
    recommend_all = time.perf_counter() - t0

    result = {
        "profiles": args.profiles,
        "seed": args.seed,
        "search_index_build_s": round(search_build, 3),
        "recommender_build_s": round(recommender_build, 3),
        "queries": args.queries,
        "search_p50_ms": _ms(latencies, 0.5),
        "search_p95_ms": _ms(latencies, 0.95),
        "search_max_ms": _ms(latencies, 1.0),
        "search_mean_hits": round(statistics.mean(found), 1),
        "recommend_all_s": round(recommend_all, 3),
        "recommend_per_profile_ms": round(1000 * recommend_all / len(profiles), 3),
        "profiles_with_10_recommendations": sum(1 for n in lengths if n == 10),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

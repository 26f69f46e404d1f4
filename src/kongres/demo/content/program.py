"""The program of the 11th edition: days, rooms, themes, speakers and sessions."""

import datetime as dt

from kongres.demo.content.text import NDASH, slugify_pl

# --- Program --------------------------------------------------------------------------------

DAYS = [
    {"date": dt.date(2025, 10, 29), "name": ("Dzień 1", "Day 1")},
    {"date": dt.date(2025, 10, 30), "name": ("Dzień 2", "Day 2")},
    {"date": dt.date(2025, 10, 31), "name": ("Wizyty studyjne", "Study visits")},
]


# natural key: order
ROOMS = [
    {"order": 1, "name": ("Sala Główna", "Main Hall"), "capacity": 400},
    {"order": 2, "name": ("Sala Orbita", "Orbit Room"), "capacity": 150},
    {"order": 3, "name": ("Sala Galaktyka", "Galaxy Room"), "capacity": 80},
]


# The six themes of the seed, in its order.
THEMES = [
    {
        "slug": "integracja-przemyslu",
        "order": 1,
        "name": (
            "Integracja przemysłu z regionalnymi ekosystemami",
            "Integration of industry with regional ecosystems",
        ),
    },
    {
        "slug": "sektor-kosmiczny",
        "order": 2,
        "name": (
            "Rola polskiego sektora kosmicznego w rozwoju innowacji",
            "The role of the Polish space sector in the development of innovation",
        ),
    },
    {
        "slug": "bezpieczenstwo",
        "order": 3,
        "name": (
            "Współpraca przemysłu cywilnego i obronnego na rzecz bezpieczeństwa Europy",
            "Civil and defence industry cooperation for the security of Europe",
        ),
    },
    {
        "slug": "cyfryzacja-ai",
        "order": 4,
        "name": (
            "Digitalizacja gospodarki i zastosowanie AI w sektorze produkcyjnym",
            "Digitalisation of the economy and the use of AI in manufacturing",
        ),
    },
    {
        "slug": "zielona-transformacja",
        "order": 5,
        "name": (
            "Wyzwania zielonej transformacji w kontekście geopolitycznym",
            "Challenges of the green transition in a geopolitical context",
        ),
    },
    {
        "slug": "eksport-inwestycje",
        "order": 6,
        "name": (
            "Eksport, inwestycje zagraniczne i finansowanie innowacji",
            "Export, foreign investment and financing innovation",
        ),
    },
]


# Fictional people from fictional organisations (natural key: slug, derived from the name).
SPEAKERS = [
    {
        "name": "Agnieszka Sobczyk-Wrona",
        "organisation": "Klaster Przykładowy Metal-Tech",
        "position": ("Prezeska zarządu", "President of the Board"),
        "bio": (
            "Od kilkunastu lat buduje współpracę firm przemysłowych z uczelniami i samorządami. "
            "Współtworzyła regionalne programy rozwoju kompetencji dla branży metalowej.",
            "For over a decade she has been building cooperation between industrial companies, "
            "universities and local governments. She co-created regional skills programs for the "
            "metal industry.",
        ),
    },
    {
        "name": "Marek Olejnik",
        "organisation": "Przykładowe Zakłady Mechaniczne Sp. z o.o.",
        "position": ("Dyrektor ds. rozwoju", "Development Director"),
        "bio": (
            "Inżynier mechanik, odpowiada za inwestycje w automatyzację i nowe linie produkcyjne. "
            "Wcześniej kierował działem technologii w firmie z branży maszynowej.",
            "A mechanical engineer responsible for investment in automation and new production "
            "lines. Previously he headed the technology department of a machine-building company.",
        ),
    },
    {
        "name": "Katarzyna Dąbrowska-Lis",
        "organisation": "Uniwersytet Przykładowy",
        "position": (
            "Profesor, Wydział Mechaniczny",
            "Professor, Faculty of Mechanical Engineering",
        ),
        "bio": (
            "Zajmuje się inżynierią materiałową i wytwarzaniem przyrostowym. Kieruje projektami "
            "badawczymi realizowanymi wspólnie z przedsiębiorstwami.",
            "She works on materials engineering and additive manufacturing, and leads research "
            "projects carried out together with companies.",
        ),
    },
    {
        "name": "Paweł Grabski",
        "organisation": "Przykładowy Klaster Technologii Kosmicznych",
        "position": ("Koordynator klastra", "Cluster Coordinator"),
        "bio": (
            "Łączy firmy z sektora kosmicznego z przemysłem tradycyjnym. Specjalizuje się "
            "w transferze technologii satelitarnych do zastosowań cywilnych.",
            "He connects space-sector companies with traditional industry and specialises in "
            "transferring satellite technologies to civil applications.",
        ),
    },
    {
        "name": "Joanna Lipińska",
        "organisation": "Przykładowe Centrum Badań Satelitarnych",
        "position": ("Kierowniczka laboratorium", "Head of Laboratory"),
        "bio": (
            "Fizyczka, kieruje laboratorium testów komponentów satelitarnych. Współpracuje "
            "z małymi firmami przy kwalifikacji ich produktów do misji kosmicznych.",
            "A physicist who heads a laboratory testing satellite components. She helps small "
            "companies qualify their products for space missions.",
        ),
    },
    {
        "name": "Krzysztof Banach",
        "organisation": "Przykładowe Systemy Obronne S.A.",
        "position": ("Prezes zarządu", "Chief Executive Officer"),
        "bio": (
            "Menedżer z doświadczeniem w przemyśle lotniczym i obronnym. Rozwija sieć "
            "poddostawców wśród małych i średnich firm regionu.",
            "A manager with experience in the aerospace and defence industries. He develops a "
            "network of suppliers among small and medium-sized companies of the region.",
        ),
    },
    {
        "name": "Magdalena Rzepecka",
        "organisation": "Przykładowy Klaster Bezpieczeństwa",
        "position": ("Menedżerka klastra", "Cluster Manager"),
        "bio": (
            "Prowadzi klaster firm produkujących dla sektora bezpieczeństwa i obronności. "
            "Zajmuje się projektami podwójnego zastosowania.",
            "She runs a cluster of companies producing for the security and defence sector and "
            "works on dual-use projects.",
        ),
    },
    {
        "name": "Łukasz Wierzbicki",
        "organisation": "Przykładowy Integrator Automatyki Sp. z o.o.",
        "position": ("Dyrektor ds. technologii", "Chief Technology Officer"),
        "bio": (
            "Projektuje zrobotyzowane stanowiska produkcyjne i systemy wizyjne. Wdrażał "
            "rozwiązania przemysłu 4.0 w kilkudziesięciu zakładach.",
            "He designs robotic production cells and vision systems and has deployed Industry 4.0 "
            "solutions in dozens of plants.",
        ),
    },
    {
        "name": "Aleksandra Kmiecik",
        "organisation": "Przykładowy Instytut Sztucznej Inteligencji",
        "position": ("Ekspertka ds. AI w przemyśle", "AI in Industry Expert"),
        "bio": (
            "Zajmuje się zastosowaniem uczenia maszynowego w kontroli jakości i utrzymaniu ruchu. "
            "Prowadzi szkolenia dla kadry zarządzającej firm produkcyjnych.",
            "She applies machine learning to quality control and maintenance, and trains managers "
            "of manufacturing companies.",
        ),
    },
    {
        "name": "Jakub Stępniak",
        "organisation": "Przykładowa Fundacja Transformacji Energetycznej",
        "position": ("Główny analityk", "Chief Analyst"),
        "bio": (
            "Analizuje wpływ cen energii i polityki klimatycznej na konkurencyjność przemysłu. "
            "Autor raportów o dekarbonizacji sektora MŚP.",
            "He analyses the impact of energy prices and climate policy on the competitiveness of "
            "industry, and writes reports on the decarbonisation of SMEs.",
        ),
    },
    {
        "name": "Monika Zawadzka-Pietras",
        "organisation": "Przykładowy Klaster Energii Odnawialnej",
        "position": ("Koordynatorka klastra", "Cluster Coordinator"),
        "bio": (
            "Tworzy lokalne partnerstwa energetyczne firm i gmin. Doradza przedsiębiorstwom "
            "w inwestycjach w odnawialne źródła energii.",
            "She builds local energy partnerships of companies and municipalities and advises "
            "businesses on investment in renewable energy.",
        ),
    },
    {
        "name": "Grzegorz Kalinowski",
        "organisation": "Przykładowy Fundusz Innowacji",
        "position": ("Partner zarządzający", "Managing Partner"),
        "bio": (
            "Inwestuje w firmy technologiczne na wczesnym etapie rozwoju, zwłaszcza z obszaru "
            "technologii przemysłowych i kosmicznych.",
            "He invests in early-stage technology companies, especially in industrial and space "
            "technologies.",
        ),
    },
    {
        "name": "Natalia Borowiec",
        "organisation": "Przykładowa Agencja Wsparcia Eksportu",
        "position": ("Doradczyni ds. rynków zagranicznych", "Foreign Markets Adviser"),
        "bio": (
            "Pomaga klastrom i ich członkom wchodzić na rynki Europy Środkowej i Skandynawii. "
            "Organizuje misje gospodarcze i udział w targach.",
            "She helps clusters and their members enter the markets of Central Europe and "
            "Scandinavia, and organises trade missions and fair participation.",
        ),
    },
    {
        "name": "Rafał Kostrzewski",
        "organisation": "Przykładowa Kancelaria Inwestycyjna",
        "position": ("Doradca inwestycyjny", "Investment Adviser"),
        "bio": (
            "Doradza inwestorom zagranicznym przy lokowaniu zakładów produkcyjnych w Polsce "
            "zachodniej oraz firmom przy pozyskiwaniu finansowania.",
            "He advises foreign investors on locating production plants in western Poland and "
            "companies on raising finance.",
        ),
    },
    {
        "name": "Dorota Hajduk",
        "organisation": "Przykładowe Centrum Transferu Technologii",
        "position": ("Dyrektorka", "Director"),
        "bio": (
            "Komercjalizuje wyniki badań naukowych i łączy zespoły badawcze z przemysłem, w tym "
            "z firmami sektora obronnego.",
            "She commercialises research results and connects research teams with industry, "
            "including defence companies.",
        ),
    },
    {
        "name": "Wojciech Szymczak",
        "organisation": "Klaster Przykładowy Logistyka Zachód",
        "position": ("Prezes", "President"),
        "bio": (
            "Prowadzi klaster firm logistycznych i produkcyjnych działających na pograniczu "
            "polsko-niemieckim.",
            "He runs a cluster of logistics and manufacturing companies operating in the "
            "Polish-German border region.",
        ),
    },
    {
        "name": "Barbara Nowicka-Szulc",
        "organisation": f"Magazyn Innowacje {NDASH} przykład",
        "position": ("Redaktorka naczelna", "Editor-in-Chief"),
        "bio": (
            "Dziennikarka ekonomiczna, od lat pisze o przemyśle, klastrach i polityce "
            "innowacyjnej. Moderatorka debat gospodarczych.",
            "An economic journalist who has written about industry, clusters and innovation "
            "policy for years, and a moderator of economic debates.",
        ),
    },
    {
        "name": "Tomasz Wilk-Rogalski",
        "organisation": "Przykładowy Portal Klastrowy",
        "position": ("Dziennikarz", "Journalist"),
        "bio": (
            "Relacjonuje rozwój nowych technologii w polskich firmach produkcyjnych. Prowadzi "
            "podcast o cyfryzacji przemysłu.",
            "He reports on new technologies in Polish manufacturing companies and hosts a podcast "
            "on the digitalisation of industry.",
        ),
    },
    {
        "name": "Ewa Kołodziejczyk",
        "organisation": "Uniwersytet Przykładowy",
        "position": (
            "Prorektorka ds. współpracy z gospodarką",
            "Vice-Rector for Cooperation with Industry",
        ),
        "bio": (
            "Odpowiada za współpracę uczelni z przedsiębiorstwami i samorządem, w tym za wspólne "
            "laboratoria i studia dualne.",
            "She is responsible for the university's cooperation with companies and local "
            "government, including joint laboratories and dual studies.",
        ),
    },
    {
        "name": "Piotr Malinowski-Stach",
        "organisation": "Przykładowy Instytut Polityki Przemysłowej",
        "position": ("Dyrektor instytutu", "Director of the Institute"),
        "bio": (
            "Ekonomista, bada bezpieczeństwo gospodarcze i odporność łańcuchów dostaw. Doradza "
            "organizacjom przedsiębiorców w sprawach polityki przemysłowej.",
            "An economist researching economic security and supply chain resilience. He advises "
            "business organisations on industrial policy.",
        ),
    },
    {
        "name": "Katrin Vogelsang",
        "organisation": "Beispiel-Cluster Metall Brandenburg (przykład)",
        "position": ("Menedżerka klastra (Niemcy)", "Cluster Manager (Germany)"),
        "bio": (
            "Prowadzi klaster firm metalowych po niemieckiej stronie granicy i rozwija wspólne "
            "projekty z partnerami z Polski.",
            "She runs a cluster of metalworking companies on the German side of the border and "
            "develops joint projects with Polish partners.",
        ),
    },
    {
        "name": "Matthias Ebeling",
        "organisation": "Beispiel-Technologiepark (przykład)",
        "position": ("Dyrektor ds. współpracy (Niemcy)", "Head of Partnerships (Germany)"),
        "bio": (
            "Zajmuje się współpracą parków technologicznych w Europie Środkowej i transferem "
            "technologii podwójnego zastosowania.",
            "He works on cooperation between technology parks in Central Europe and on the "
            "transfer of dual-use technologies.",
        ),
    },
    {
        "name": "Petra Havlíková",
        "organisation": "Příkladový strojírenský klastr (przykład)",
        "position": ("Dyrektorka klastra (Czechy)", "Cluster Director (Czechia)"),
        "bio": (
            "Kieruje czeskim klastrem przemysłu maszynowego. Specjalizuje się we wdrażaniu "
            "cyfrowych bliźniaków w małych zakładach.",
            "She heads a Czech machine-industry cluster and specialises in introducing digital "
            "twins in small plants.",
        ),
    },
    {
        "name": "Lina Kazlauskaitė",
        "organisation": "Pavyzdinis inovacijų klasteris (przykład)",
        "position": ("Koordynatorka projektów (Litwa)", "Project Coordinator (Lithuania)"),
        "bio": (
            "Koordynuje międzynarodowe projekty klastrów z krajów bałtyckich w obszarze "
            "bezpieczeństwa i obronności.",
            "She coordinates international projects of clusters from the Baltic states in the "
            "field of security and defence.",
        ),
    },
    {
        "name": "Pieter van Doorn",
        "organisation": "Voorbeeld Space Cluster (przykład)",
        "position": (
            "Doradca ds. rozwoju biznesu (Holandia)",
            "Business Development Adviser (Netherlands)",
        ),
        "bio": (
            "Wspiera firmy z sektora kosmicznego w pozyskiwaniu klientów i inwestorów w Europie.",
            "He helps space-sector companies find customers and investors across Europe.",
        ),
    },
    {
        "name": "Elena Marinescu",
        "organisation": "Clusterul Exemplu de Energie Verde (przykład)",
        "position": ("Ekspertka ds. energii (Rumunia)", "Energy Expert (Romania)"),
        "bio": (
            "Zajmuje się finansowaniem projektów energetycznych i współpracą klastrów "
            "energetycznych w Europie Środkowo-Wschodniej.",
            "She works on financing energy projects and on cooperation between energy clusters "
            "in Central and Eastern Europe.",
        ),
    },
]


for _speaker in SPEAKERS:
    _speaker["slug"] = slugify_pl(_speaker["name"])


def _s(name: str) -> str:
    return slugify_pl(name)


MODERATOR, PANELIST, KEYNOTE = "moderator", "panelist", "keynote"


D1, D2, D3 = (day["date"] for day in DAYS)


MAIN, ORBIT, GALAXY = 1, 2, 3


_MEETING_POINT = (
    "Zbiórka o {meet} przed wejściem głównym do Parku Technologii Kosmicznych w Nowym "
    "Kisielinie, wyjazd autokarem o {leave}, powrót ok. {back} (z przystankiem przy dworcu "
    "Zielona Góra Główna). Godziny są przykładowe.",
    "Meeting point at {meet} in front of the main entrance of the Space Technology Park in Nowy "
    "Kisielin, coach departure at {leave}, return at about {back} (with a stop at Zielona Góra "
    "Główna station). Times are example data.",
)


def _visit_abstract(pl: str, en: str, meet: str, leave: str, back: str) -> tuple[str, str]:
    pl_point, en_point = (text.format(meet=meet, leave=leave, back=back) for text in _MEETING_POINT)
    return f"{pl}\n\n{pl_point}", f"{en}\n\n{en_point}"


# Sessions (natural key: slug). All hours, rooms, titles and people are example data: the seed
# states only the days, the number of panels, their themes and the study visits.
SESSIONS = [
    # --- Day 1, 29 October ---
    {
        "slug": "rejestracja-dzien-1",
        "kind": "break",
        "date": D1,
        "start": "09:00",
        "end": "10:00",
        "room": None,
        "theme": None,
        "title": ("Rejestracja uczestników i kawa powitalna", "Registration and welcome coffee"),
        "abstract": (
            "Odbiór identyfikatorów w recepcji Kongresu i poranna kawa.",
            "Collect your badge at the Congress reception and have a morning coffee.",
        ),
        "speakers": [],
    },
    {
        "slug": "otwarcie-kongresu",
        "kind": "opening",
        "date": D1,
        "start": "10:00",
        "end": "10:45",
        "room": MAIN,
        "theme": None,
        "title": (
            "Uroczyste otwarcie 11. Kongresu Klastrów Polskich",
            "Official opening of the 11th Congress of Polish Clusters",
        ),
        "abstract": (
            "Powitanie uczestników przez organizatora - Związek Pracodawców Klastry Polskie - "
            "partnera strategicznego, Urząd Marszałkowski Województwa Lubuskiego, oraz "
            "współorganizatorów: Miasto Zielona Góra i Zielonogórski Integrator Biznesowy.",
            "Welcome of the participants by the organiser, Związek Pracodawców Klastry Polskie, "
            "the strategic partner, the Marshal's Office of the Lubuskie Voivodeship, and the "
            "co-organisers: the City of Zielona Góra and Zielonogórski Integrator Biznesowy.",
        ),
        "speakers": [],
    },
    {
        "slug": "wyklad-otwierajacy",
        "kind": "keynote",
        "date": D1,
        "start": "10:45",
        "end": "11:30",
        "room": MAIN,
        "theme": None,
        "title": (
            "Przemysł i nauka dla bezpieczeństwa Polski: gospodarka odporna na kryzysy",
            "Industry and science for Poland's security: an economy resilient to crises",
        ),
        "abstract": (
            "Wykład otwierający o tym, jak współpraca przemysłu, nauki i administracji wzmacnia "
            "odporność gospodarki na wstrząsy gospodarcze i geopolityczne. Jaką rolę mogą odegrać "
            "klastry w budowaniu bezpiecznych łańcuchów dostaw?",
            "An opening lecture on how cooperation between industry, science and administration "
            "makes the economy more resilient to economic and geopolitical shocks. What role can "
            "clusters play in building secure supply chains?",
        ),
        "speakers": [(_s("Piotr Malinowski-Stach"), KEYNOTE)],
    },
    {
        "slug": "przerwa-kawowa-1",
        "kind": "break",
        "date": D1,
        "start": "11:30",
        "end": "11:45",
        "room": None,
        "theme": None,
        "title": ("Przerwa kawowa", "Coffee break"),
        "abstract": ("", ""),
        "speakers": [],
    },
    {
        "slug": "przemysl-w-ekosystemie-innowacji",
        "kind": "panel",
        "date": D1,
        "start": "11:45",
        "end": "13:15",
        "room": MAIN,
        "theme": "integracja-przemyslu",
        "title": (
            "Przemysł w regionalnym ekosystemie innowacji: jak klastry łączą firmy, uczelnie "
            "i samorządy",
            "Industry in the regional innovation ecosystem: how clusters connect companies, "
            "universities and local governments",
        ),
        "abstract": (
            "Regiony o silnym przemyśle potrzebują sprawnej współpracy firm, uczelni i władz "
            "samorządowych. Paneliści opowiedzą, jak klastry pomagają budować takie ekosystemy "
            "i co robić, by współpraca nie kończyła się na jednym projekcie. Porozmawiamy także "
            "o doświadczeniach zza zachodniej granicy.",
            "Regions with strong industry need effective cooperation between companies, "
            "universities and local governments. The panellists will explain how clusters help "
            "build such ecosystems and how to keep cooperation going beyond a single project. We "
            "will also hear about experience from across the western border.",
        ),
        "speakers": [
            (_s("Agnieszka Sobczyk-Wrona"), MODERATOR),
            (_s("Marek Olejnik"), PANELIST),
            (_s("Ewa Kołodziejczyk"), PANELIST),
            (_s("Katrin Vogelsang"), PANELIST),
            (_s("Wojciech Szymczak"), PANELIST),
        ],
    },
    {
        "slug": "kosmos-uzyteczny",
        "kind": "panel",
        "date": D1,
        "start": "11:45",
        "end": "13:15",
        "room": ORBIT,
        "theme": "sektor-kosmiczny",
        "title": (
            "Kosmos użyteczny: polski sektor kosmiczny jako motor innowacji",
            "Useful space: the Polish space sector as a driver of innovation",
        ),
        "abstract": (
            "Technologie kosmiczne coraz częściej trafiają do rolnictwa, logistyki czy "
            "energetyki. Jak firmy z tradycyjnych branż mogą korzystać z danych satelitarnych "
            "i zostać dostawcami dla sektora kosmicznego? Dyskusja o barierach i pierwszych "
            "krokach.",
            "Space technologies increasingly find their way into agriculture, logistics and "
            "energy. How can companies from traditional industries use satellite data and become "
            "suppliers to the space sector? A discussion of the barriers and the first steps.",
        ),
        "speakers": [
            (_s("Paweł Grabski"), MODERATOR),
            (_s("Joanna Lipińska"), PANELIST),
            (_s("Pieter van Doorn"), PANELIST),
            (_s("Łukasz Wierzbicki"), PANELIST),
        ],
    },
    {
        "slug": "lunch-dzien-1",
        "kind": "break",
        "date": D1,
        "start": "13:15",
        "end": "14:15",
        "room": None,
        "theme": None,
        "title": ("Lunch", "Lunch"),
        "abstract": ("", ""),
        "speakers": [],
    },
    {
        "slug": "przemysl-cywilny-i-obronny",
        "kind": "panel",
        "date": D1,
        "start": "14:15",
        "end": "15:45",
        "room": MAIN,
        "theme": "bezpieczenstwo",
        "title": (
            "Przemysł cywilny i obronny razem: współpraca na rzecz bezpieczeństwa Europy",
            "Civil and defence industry together: cooperation for the security of Europe",
        ),
        "abstract": (
            "Rosnące wydatki na obronność to szansa dla firm, które dotąd pracowały wyłącznie "
            "dla rynku cywilnego. Rozmawiamy o technologiach podwójnego zastosowania, "
            "wymaganiach jakościowych i o tym, jak klastry mogą łączyć oba światy.",
            "Growing defence spending is an opportunity for companies that have so far worked "
            "only for the civil market. We discuss dual-use technologies, quality requirements "
            "and how clusters can bring the two worlds together.",
        ),
        "speakers": [
            (_s("Magdalena Rzepecka"), MODERATOR),
            (_s("Krzysztof Banach"), PANELIST),
            (_s("Lina Kazlauskaitė"), PANELIST),
            (_s("Piotr Malinowski-Stach"), PANELIST),
            (_s("Dorota Hajduk"), PANELIST),
        ],
    },
    {
        "slug": "ai-na-hali-produkcyjnej",
        "kind": "panel",
        "date": D1,
        "start": "14:15",
        "end": "15:45",
        "room": ORBIT,
        "theme": "cyfryzacja-ai",
        "title": (
            "Sztuczna inteligencja na hali produkcyjnej: od pilotażu do wdrożenia",
            "Artificial intelligence on the shop floor: from pilot to deployment",
        ),
        "abstract": (
            "Wiele firm testuje AI w kontroli jakości czy planowaniu produkcji, ale niewiele "
            "przechodzi od pilotażu do pełnego wdrożenia. Paneliści podzielą się praktycznymi "
            "doświadczeniami i wskażą, gdzie klastry mogą pomóc małym zakładom.",
            "Many companies test AI in quality control or production planning, but few move from "
            "a pilot to full deployment. The panellists will share practical experience and show "
            "where clusters can help small plants.",
        ),
        "speakers": [
            (_s("Tomasz Wilk-Rogalski"), MODERATOR),
            (_s("Aleksandra Kmiecik"), PANELIST),
            (_s("Łukasz Wierzbicki"), PANELIST),
            (_s("Petra Havlíková"), PANELIST),
        ],
    },
    {
        "slug": "przerwa-kawowa-2",
        "kind": "break",
        "date": D1,
        "start": "15:45",
        "end": "16:00",
        "room": None,
        "theme": None,
        "title": ("Przerwa kawowa", "Coffee break"),
        "abstract": ("", ""),
        "speakers": [],
    },
    {
        "slug": "zielona-transformacja-w-niespokojnych-czasach",
        "kind": "panel",
        "date": D1,
        "start": "16:00",
        "end": "17:30",
        "room": MAIN,
        "theme": "zielona-transformacja",
        "title": (
            "Zielona transformacja w niespokojnych czasach: energia, surowce i konkurencyjność",
            "The green transition in turbulent times: energy, raw materials and competitiveness",
        ),
        "abstract": (
            "Ceny energii, dostęp do surowców i napięcia geopolityczne zmieniają warunki zielonej "
            "transformacji. Jak połączyć cele klimatyczne z konkurencyjnością przemysłu? "
            "Dyskusja z udziałem ekspertów z Polski i Rumunii.",
            "Energy prices, access to raw materials and geopolitical tensions change the "
            "conditions of the green transition. How can climate goals be combined with the "
            "competitiveness of industry? A discussion with experts from Poland and Romania.",
        ),
        "speakers": [
            (_s("Barbara Nowicka-Szulc"), MODERATOR),
            (_s("Jakub Stępniak"), PANELIST),
            (_s("Monika Zawadzka-Pietras"), PANELIST),
            (_s("Elena Marinescu"), PANELIST),
        ],
    },
    {
        "slug": "klastry-na-rynkach-zagranicznych",
        "kind": "panel",
        "date": D1,
        "start": "16:00",
        "end": "17:30",
        "room": GALAXY,
        "theme": "eksport-inwestycje",
        "title": (
            "Klastry na rynkach zagranicznych: eksport i międzynarodowe partnerstwa",
            "Clusters on foreign markets: export and international partnerships",
        ),
        "abstract": (
            "Wspólne misje gospodarcze, stoiska na targach i partnerstwa z klastrami z innych "
            "krajów ułatwiają małym firmom wejście na nowe rynki. Paneliści pokażą, które formy "
            "współpracy przynoszą kontrakty.",
            "Joint trade missions, fair stands and partnerships with clusters from other "
            "countries make it easier for small companies to enter new markets. The panellists "
            "will show which forms of cooperation lead to contracts.",
        ),
        "speakers": [
            (_s("Natalia Borowiec"), MODERATOR),
            (_s("Rafał Kostrzewski"), PANELIST),
            (_s("Petra Havlíková"), PANELIST),
            (_s("Wojciech Szymczak"), PANELIST),
        ],
    },
    {
        "slug": "wieczor-networkingowy",
        "kind": "networking",
        "date": D1,
        "start": "19:00",
        "end": "22:00",
        "room": None,
        "theme": None,
        "title": ("Wieczór networkingowy", "Networking evening"),
        "abstract": (
            "Nieformalne spotkanie uczestników, prelegentów i partnerów Kongresu - czas na "
            "rozmowy biznesowe i nawiązanie nowych kontaktów. Miejsce i szczegóły przekażemy "
            "zarejestrowanym uczestnikom.",
            "An informal meeting of participants, speakers and partners of the Congress - time "
            "for business talks and new contacts. The place and details will be sent to "
            "registered participants.",
        ),
        "speakers": [],
    },
    # --- Day 2, 30 October ---
    {
        "slug": "poranna-kawa-dzien-2",
        "kind": "break",
        "date": D2,
        "start": "09:00",
        "end": "09:30",
        "room": None,
        "theme": None,
        "title": ("Poranna kawa", "Morning coffee"),
        "abstract": ("", ""),
        "speakers": [],
    },
    {
        "slug": "klastry-w-lancuchach-dostaw-obronnosci",
        "kind": "panel",
        "date": D2,
        "start": "09:30",
        "end": "11:00",
        "room": MAIN,
        "theme": "bezpieczenstwo",
        "title": (
            "Klastry w łańcuchach dostaw przemysłu obronnego: szanse dla MŚP",
            "Clusters in defence supply chains: opportunities for SMEs",
        ),
        "abstract": (
            "Jak mała lub średnia firma może zostać dostawcą dla przemysłu obronnego? "
            "Rozmawiamy o certyfikacji, bezpieczeństwie informacji i wspólnych ofertach "
            "klastrowych. Głos zabiorą producenci, poddostawcy i partnerzy z Niemiec.",
            "How can a small or medium-sized company become a supplier to the defence industry? "
            "We talk about certification, information security and joint cluster offers. "
            "Manufacturers, suppliers and partners from Germany will take the floor.",
        ),
        "speakers": [
            (_s("Dorota Hajduk"), MODERATOR),
            (_s("Krzysztof Banach"), PANELIST),
            (_s("Marek Olejnik"), PANELIST),
            (_s("Matthias Ebeling"), PANELIST),
        ],
    },
    {
        "slug": "od-laboratorium-do-linii-produkcyjnej",
        "kind": "panel",
        "date": D2,
        "start": "09:30",
        "end": "11:00",
        "room": ORBIT,
        "theme": "integracja-przemyslu",
        "title": (
            "Od laboratorium do linii produkcyjnej: współpraca nauki i przemysłu",
            "From the lab to the production line: science and industry working together",
        ),
        "abstract": (
            "Wyniki badań rzadko same trafiają do fabryk. Paneliści omówią modele współpracy "
            "uczelni z przedsiębiorstwami, wspólne laboratoria i rolę klastrów jako pośredników. "
            "Przedstawimy przykłady udanych wdrożeń.",
            "Research results rarely reach factories on their own. The panellists will discuss "
            "models of cooperation between universities and companies, joint laboratories and "
            "the role of clusters as brokers. We will present examples of successful "
            "implementations.",
        ),
        "speakers": [
            (_s("Ewa Kołodziejczyk"), MODERATOR),
            (_s("Katarzyna Dąbrowska-Lis"), PANELIST),
            (_s("Joanna Lipińska"), PANELIST),
            (_s("Agnieszka Sobczyk-Wrona"), PANELIST),
        ],
    },
    {
        "slug": "przerwa-kawowa-3",
        "kind": "break",
        "date": D2,
        "start": "11:00",
        "end": "11:30",
        "room": None,
        "theme": None,
        "title": ("Przerwa kawowa", "Coffee break"),
        "abstract": ("", ""),
        "speakers": [],
    },
    {
        "slug": "finansowanie-innowacji",
        "kind": "panel",
        "date": D2,
        "start": "11:30",
        "end": "13:00",
        "room": MAIN,
        "theme": "eksport-inwestycje",
        "title": (
            "Finansowanie innowacji: fundusze europejskie, kapitał prywatny i inwestycje "
            "zagraniczne",
            "Financing innovation: EU funds, private capital and foreign investment",
        ),
        "abstract": (
            "Skąd firmy i klastry mogą pozyskać środki na rozwój nowych produktów? Porównamy "
            "dotacje, fundusze kapitałowe i współpracę z inwestorami zagranicznymi. Omówimy też, "
            "czego inwestorzy oczekują od regionów.",
            "Where can companies and clusters find money to develop new products? We compare "
            "grants, equity funds and cooperation with foreign investors, and discuss what "
            "investors expect from regions.",
        ),
        "speakers": [
            (_s("Tomasz Wilk-Rogalski"), MODERATOR),
            (_s("Grzegorz Kalinowski"), PANELIST),
            (_s("Rafał Kostrzewski"), PANELIST),
            (_s("Pieter van Doorn"), PANELIST),
            (_s("Natalia Borowiec"), PANELIST),
        ],
    },
    {
        "slug": "cyberbezpieczenstwo-w-przemysle",
        "kind": "panel",
        "date": D2,
        "start": "11:30",
        "end": "13:00",
        "room": ORBIT,
        "theme": "cyfryzacja-ai",
        "title": (
            "Cyberbezpieczeństwo i odporność cyfrowa firm produkcyjnych",
            "Cybersecurity and digital resilience of manufacturing companies",
        ),
        "abstract": (
            "Cyfryzacja produkcji otwiera nowe możliwości, ale też nowe zagrożenia. Jak chronić "
            "maszyny, dane i łańcuchy dostaw przed atakami? Rozmowa o praktycznych krokach dla "
            "małych i średnich firm.",
            "Digital production opens up new opportunities but also new threats. How can "
            "machines, data and supply chains be protected from attacks? A talk about practical "
            "steps for small and medium-sized companies.",
        ),
        "speakers": [
            (_s("Aleksandra Kmiecik"), MODERATOR),
            (_s("Paweł Grabski"), PANELIST),
            (_s("Lina Kazlauskaitė"), PANELIST),
            (_s("Katarzyna Dąbrowska-Lis"), PANELIST),
        ],
    },
    {
        "slug": "sesja-plenarna-zamykajaca",
        "kind": "plenary",
        "date": D2,
        "start": "13:00",
        "end": "14:00",
        "room": MAIN,
        "theme": None,
        "title": (
            "Sesja plenarna: wnioski Kongresu i rekomendacje dla polityki klastrowej",
            "Plenary session: conclusions of the Congress and recommendations for cluster policy",
        ),
        "abstract": (
            "Moderatorzy paneli podsumowują dwa dni dyskusji i formułują rekomendacje dla "
            "polityki klastrowej. Sesja zamyka 11. Kongres Klastrów Polskich.",
            "Panel moderators sum up two days of discussion and put forward recommendations for "
            "cluster policy. The session closes the 11th Congress of Polish Clusters.",
        ),
        "speakers": [
            (_s("Barbara Nowicka-Szulc"), MODERATOR),
            (_s("Agnieszka Sobczyk-Wrona"), PANELIST),
            (_s("Magdalena Rzepecka"), PANELIST),
            (_s("Ewa Kołodziejczyk"), PANELIST),
        ],
    },
    {
        "slug": "lunch-dzien-2",
        "kind": "break",
        "date": D2,
        "start": "14:00",
        "end": "15:00",
        "room": None,
        "theme": None,
        "title": ("Lunch na zakończenie Kongresu", "Closing lunch"),
        "abstract": ("", ""),
        "speakers": [],
    },
    # --- Day 3, 31 October: study visits to (fictional) companies of Lubuski Klaster Metalowy ---
    {
        "slug": "wizyta-przykladowe-zaklady-mechaniczne",
        "kind": "study_visit",
        "date": D3,
        "start": "08:30",
        "end": "13:00",
        "room": None,
        "theme": None,
        "capacity": 40,
        "title": (
            "Wizyta studyjna: Przykładowe Zakłady Mechaniczne Sp. z o.o.",
            "Study visit: Przykładowe Zakłady Mechaniczne Sp. z o.o.",
        ),
        "abstract": _visit_abstract(
            "Producent konstrukcji stalowych i podzespołów maszyn, członek Lubuskiego Klastra "
            "Metalowego (firma fikcyjna). Zobaczymy zrobotyzowane spawanie i cięcie laserowe.",
            "A maker of steel structures and machine assemblies, a member of Lubuski Klaster "
            "Metalowy (a fictional company). We will see robotic welding and laser cutting.",
            "8:15",
            "8:30",
            "13:00",
        ),
        "speakers": [],
    },
    {
        "slug": "wizyta-przykladowa-obrobka-cnc",
        "kind": "study_visit",
        "date": D3,
        "start": "08:30",
        "end": "12:30",
        "room": None,
        "theme": None,
        "capacity": 30,
        "title": (
            "Wizyta studyjna: Przykładowa Obróbka Precyzyjna CNC Sp. z o.o.",
            "Study visit: Przykładowa Obróbka Precyzyjna CNC Sp. z o.o.",
        ),
        "abstract": _visit_abstract(
            "Precyzyjna obróbka CNC na centrach pięcioosiowych dla przemysłu lotniczego "
            "i kosmicznego (firma fikcyjna). Program obejmuje halę produkcyjną i laboratorium "
            "metrologiczne.",
            "Precision CNC machining on five-axis centres for the aerospace and space industries "
            "(a fictional company). The tour covers the production hall and the metrology "
            "laboratory.",
            "8:15",
            "8:30",
            "12:30",
        ),
        "speakers": [],
    },
    {
        "slug": "wizyta-przykladowe-systemy-obronne",
        "kind": "study_visit",
        "date": D3,
        "start": "09:00",
        "end": "13:30",
        "room": None,
        "theme": None,
        "capacity": 20,
        "title": (
            "Wizyta studyjna: Przykładowe Systemy Obronne S.A.",
            "Study visit: Przykładowe Systemy Obronne S.A.",
        ),
        "abstract": _visit_abstract(
            "Dostawca komponentów dla przemysłu obronnego (firma fikcyjna). Gospodarz wymaga "
            "podania danych z dowodu osobistego z wyprzedzeniem; na terenie zakładu obowiązuje "
            "zakaz fotografowania.",
            "A supplier of components for the defence industry (a fictional company). The host "
            "requires ID card details in advance; photography is not allowed on site.",
            "8:45",
            "9:00",
            "13:30",
        ),
        "speakers": [],
    },
    {
        "slug": "wizyta-przykladowy-integrator-automatyki",
        "kind": "study_visit",
        "date": D3,
        "start": "09:00",
        "end": "13:00",
        "room": None,
        "theme": None,
        "capacity": 30,
        "title": (
            "Wizyta studyjna: Przykładowy Integrator Automatyki Sp. z o.o.",
            "Study visit: Przykładowy Integrator Automatyki Sp. z o.o.",
        ),
        "abstract": _visit_abstract(
            "Integrator robotyki i systemów wizyjnych dla zakładów produkcyjnych (firma "
            "fikcyjna). Pokaz stanowisk zrobotyzowanych i systemu kontroli jakości opartego "
            "na AI.",
            "An integrator of robotics and vision systems for manufacturing plants (a fictional "
            "company). A demonstration of robotic cells and an AI-based quality control system.",
            "8:45",
            "9:00",
            "13:00",
        ),
        "speakers": [],
    },
]

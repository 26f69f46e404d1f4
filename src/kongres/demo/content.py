"""Demo content: the 11th Congress of Polish Clusters (Kongres Klastrów Polskich).

Facts come from the seed article (seed/000_478d5f031d4b338e.txt): names of the organisers and
partners, the venue, the motto, the dates, the host city, the ten panels and their six themes,
the study visits on 31 October. Everything the seed does not state (hours, rooms, titles,
speakers, host companies, media patrons) is made up and carries ``is_example_data=True``.
The registration set-up (categories, consents, questions, codes) and the example registrations
are made up as well; the people have example.org addresses and fictional organisations.

Plain data only. Translatable values are ``(polish, english)`` pairs; the loader turns them into
``{"pl": ..., "en": ...}``. Rooms are referred to by ``order``, themes and speakers by ``slug``.
"""

import datetime as dt
import re
import unicodedata

NDASH = "\u2013"  # en dash, written as an escape to keep the source free of ambiguous characters


def slugify_pl(text: str) -> str:
    """Lowercase ASCII slug of a Polish (or other European) text: "Łukasz Ś." -> "lukasz-s"."""
    text = text.replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- Organisation and series ----------------------------------------------------------------

PRIVACY_POLICY = (
    """Polityka prywatności serwisu Kongresu Klastrów Polskich

Uwaga: poniższy tekst jest przykładem przygotowanym dla danych demonstracyjnych platformy Kongres. \
Nie jest obowiązującą polityką prywatności organizatora.

1. Administrator danych
Administratorem danych osobowych jest Związek Pracodawców Klastry Polskie - organizator Kongresu \
Klastrów Polskich. W sprawach dotyczących danych osobowych można kontaktować się pod adresem \
rodo@example.org (adres przykładowy).

2. Cele i podstawy prawne przetwarzania
Przetwarzamy dane w celu:
- rejestracji uczestników, organizacji i obsługi Kongresu oraz wizyt studyjnych (art. 6 ust. 1 \
lit. b RODO - wykonanie umowy o udział w wydarzeniu);
- wypełnienia obowiązków prawnych, w tym rachunkowych i sprawozdawczych wobec instytucji \
finansujących (art. 6 ust. 1 lit. c RODO);
- kontaktu w sprawach organizacyjnych, zapewnienia bezpieczeństwa wydarzenia oraz dochodzenia \
i obrony roszczeń (art. 6 ust. 1 lit. f RODO - prawnie uzasadniony interes administratora);
- wysyłki informacji o kolejnych edycjach Kongresu oraz publikacji wizerunku uczestników na \
zdjęciach i nagraniach - wyłącznie na podstawie zgody (art. 6 ust. 1 lit. a RODO).

3. Odbiorcy danych
Dane mogą być powierzane podmiotom wspierającym organizację wydarzenia (np. dostawcom usług \
informatycznych i hostingowych, obsłudze recepcji) na podstawie umów powierzenia. Dane osób \
zapisanych na wizytę studyjną przekazujemy przyjmującemu przedsiębiorstwu w zakresie niezbędnym \
do jej organizacji.

4. Okres przechowywania
Dane przechowujemy przez czas potrzebny do organizacji i rozliczenia Kongresu, a następnie przez \
okres wymagany przepisami prawa lub umowami o dofinansowanie. Dane przetwarzane na podstawie zgody \
przechowujemy do jej wycofania. Po upływie tych okresów dane są usuwane lub anonimizowane.

5. Prawa osób, których dane dotyczą
Przysługuje Pani/Panu prawo dostępu do danych, ich sprostowania, usunięcia, ograniczenia \
przetwarzania, przenoszenia danych, wniesienia sprzeciwu oraz wycofania zgody w dowolnym momencie \
(bez wpływu na zgodność z prawem przetwarzania przed jej wycofaniem). Przysługuje również prawo \
wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych.

6. Dobrowolność podania danych
Podanie danych jest dobrowolne, ale niezbędne do rejestracji na Kongres. Dane nie są \
wykorzystywane do zautomatyzowanego podejmowania decyzji, w tym profilowania.

7. Pliki cookie
Serwis używa wyłącznie niezbędnych plików cookie (sesja, ochrona formularzy) i nie korzysta \
z narzędzi śledzących stron trzecich.""",
    """Privacy policy of the Congress of Polish Clusters website

Note: this text is an example prepared for the demo data of the Kongres platform. It is not the \
organiser's binding privacy policy.

1. Controller
The controller of personal data is Związek Pracodawców Klastry Polskie (the Employers' \
Association "Polish Clusters"), the organiser of the Congress of Polish Clusters. For matters \
concerning personal data please write to rodo@example.org (an example address).

2. Purposes and legal bases
We process personal data in order to:
- register participants, organise and run the Congress and the study visits (Art. 6(1)(b) GDPR - \
performance of the contract for participation in the event);
- comply with legal obligations, including accounting and reporting to funding bodies \
(Art. 6(1)(c) GDPR);
- contact participants about organisational matters, keep the event safe and establish or defend \
legal claims (Art. 6(1)(f) GDPR - the controller's legitimate interest);
- send information about future editions and publish participants' images in photos and \
recordings - only with consent (Art. 6(1)(a) GDPR).

3. Recipients
Data may be entrusted to processors that support the organisation of the event (e.g. IT and \
hosting providers, reception staff) under data processing agreements. Data of people signed up \
for a study visit are passed to the host company to the extent needed to organise the visit.

4. Retention
We keep data for as long as needed to organise and settle the Congress, and then for the period \
required by law or by funding agreements. Data processed on the basis of consent are kept until \
the consent is withdrawn. After these periods the data are deleted or anonymised.

5. Your rights
You have the right to access, rectify and erase your data, to restrict processing, to data \
portability, to object, and to withdraw consent at any time (without affecting the lawfulness of \
processing before the withdrawal). You may also lodge a complaint with the President of the \
Personal Data Protection Office (UODO).

6. Voluntary provision of data
Providing data is voluntary but necessary to register for the Congress. The data are not used for \
automated decision-making, including profiling.

7. Cookies
The website uses only strictly necessary cookies (session, form protection) and no third-party \
tracking tools.""",
)

ORGANISATION = {
    "slug": "klastry-polskie",
    "name": "Związek Pracodawców Klastry Polskie",
    "short_name": "Klastry Polskie",
    "website": "https://klastrypolskie.pl",
    "privacy_policy": PRIVACY_POLICY,
}

SERIES = {
    "slug": "kkp",
    "name": ("Kongres Klastrów Polskich", "Congress of Polish Clusters"),
    "description": (
        "Najważniejsze w kraju spotkanie przedstawicieli środowisk klastrowych, biznesu, nauki "
        "i administracji. Kongres co roku gości w innym województwie, aby pokazać potencjał "
        "regionalny i rolę klastrów w rozwoju gospodarki.",
        "The most important meeting in Poland of the cluster community, business, science and "
        "public administration. Every year the Congress visits another voivodeship to show the "
        "potential of the region and the role of clusters in the development of the economy.",
    ),
}

# --- Venue and editions ---------------------------------------------------------------------

VENUE = {
    # natural key: (name, city)
    "name": "Park Technologii Kosmicznych - Badań, Rozwoju i Innowacji Sp. z o.o.",
    "city": f"Nowy Kisielin {NDASH} Zielona Góra",
    "street": "",
    "postal_code": "66-002",
    "voivodeship": "lubuskie",
    "country": "PL",
    "latitude": "51.937000",
    "longitude": "15.597000",
    "description": (
        "Park Technologii Kosmicznych w Nowym Kisielinie w Zielonej Górze - centrum innowacji "
        "z zapleczem naukowym, miejsce 11. Kongresu Klastrów Polskich. Obrady plenarne i panele "
        "odbywają się w salach konferencyjnych Parku (nazwy i pojemności sal w programie są "
        "przykładowe).",
        "The Space Technology Park in Nowy Kisielin, Zielona Góra - a centre of innovation with "
        "scientific facilities and the venue of the 11th Congress of Polish Clusters. Plenary "
        "sessions and panels take place in the Park's conference rooms (room names and capacities "
        "in the program are example data).",
    ),
    "travel": (
        "Informacje o dojeździe są przykładowe - przed podróżą sprawdź aktualne rozkłady i "
        "komunikaty organizatora.\n\n"
        "Pociągiem: do stacji Zielona Góra Główna, dalej autobusem miejskim lub taksówką do "
        "Nowego Kisielina (ok. 15-20 minut).\n"
        "Samochodem: drogą ekspresową S3 (węzeł Zielona Góra) lub autostradą A2 i dalej S3; "
        "przy Parku dostępny jest parking dla uczestników.\n"
        "Samolotem: do lotniska Zielona Góra-Babimost, następnie taksówką lub samochodem "
        "(ok. 40 minut); dogodne są także lotniska w Poznaniu, Wrocławiu i Berlinie.",
        "Travel information is example data - check current timetables and the organiser's "
        "announcements before you travel.\n\n"
        "By train: to Zielona Góra Główna station, then by city bus or taxi to Nowy Kisielin "
        "(about 15-20 minutes).\n"
        "By car: the S3 expressway (Zielona Góra junction) or the A2 motorway and then the S3; "
        "parking for participants is available at the Park.\n"
        "By plane: to Zielona Góra-Babimost airport, then by taxi or car (about 40 minutes); "
        "the airports of Poznań, Wrocław and Berlin are convenient too.",
    ),
}

EDITION_11_DESCRIPTION = (
    "11. Kongres Klastrów Polskich to najważniejsze w kraju spotkanie przedstawicieli środowisk "
    "klastrowych, biznesu, nauki i administracji. Odbędzie się w dniach 29-30 października 2025 r. "
    "w Parku Technologii Kosmicznych - Badań, Rozwoju i Innowacji Sp. z o.o. w Nowym Kisielinie "
    "w Zielonej Górze.\n\n"
    "Wydarzenie organizuje Związek Pracodawców Klastry Polskie we współpracy z partnerem "
    "strategicznym Kongresu, Urzędem Marszałkowskim Województwa Lubuskiego, oraz Miastem Zielona "
    "Góra i Zielonogórskim Integratorem Biznesowym. Dodatkowo 31 października uczestnicy wezmą "
    "udział w wizytach studyjnych w innowacyjnych przedsiębiorstwach regionu należących do "
    "Lubuskiego Klastra Metalowego.\n\n"
    "Tegoroczna edycja odbywa się pod hasłem „Przemysł i nauka dla bezpieczeństwa Polski”, "
    "podkreślając rolę współpracy międzysektorowej w obliczu dynamicznych zmian gospodarczych "
    "i geopolitycznych.\n\n"
    "Kongres co roku gości w innym województwie, aby pokazać potencjał regionalny i rolę klastrów "
    "w rozwoju gospodarki. W 2025 roku jest to województwo lubuskie - region słynący z silnego "
    "przemysłu metalowego i maszynowego oraz unikalnego położenia przy granicy z Niemcami. "
    "Zielona Góra, jako centrum innowacji z Parkiem Technologii Kosmicznych i zapleczem "
    "naukowym, stanowi idealne miejsce do rozmów o bezpieczeństwie, digitalizacji i przyszłości "
    "przemysłu.\n\n"
    "W programie Kongresu zaplanowano 10 paneli dyskusyjnych, podczas których eksperci z Polski "
    "i Europy będą rozmawiać m.in. o integracji przemysłu z regionalnymi ekosystemami, roli "
    "polskiego sektora kosmicznego w rozwoju innowacji, współpracy przemysłu cywilnego "
    "i obronnego na rzecz bezpieczeństwa Europy, digitalizacji gospodarki i zastosowaniu AI "
    "w sektorze produkcyjnym, wyzwaniach zielonej transformacji w kontekście geopolitycznym oraz "
    "eksporcie, inwestycjach zagranicznych i finansowaniu innowacji.\n\n"
    "Kongres Klastrów Polskich to platforma wymiany wiedzy, doświadczeń i dobrych praktyk między "
    "sektorem prywatnym, jednostkami naukowymi i administracją publiczną. To także wyjątkowa "
    "okazja do spotkań z przedstawicielami rządu i instytucji centralnych odpowiedzialnych za "
    "politykę klastrową, promocji regionu i jego potencjału, nawiązywania kontaktów biznesowych "
    "i międzynarodowych partnerstw oraz bezpośredniego poznania przykładów innowacyjnych "
    "rozwiązań podczas wizyt studyjnych.\n\n"
    "Od wielu lat Kongresy Klastrów Polskich odbywają się przy aktywnym wsparciu lokalnych władz "
    "samorządowych. Urząd Marszałkowski Województwa Lubuskiego nie tylko współorganizuje "
    "tegoroczne wydarzenie, ale również konsekwentnie wspiera rozwój regionalnych inicjatyw "
    "klastrowych.\n\n"
    "Rejestracja uczestników jest dostępna na stronie: https://11kongres.klastrypolskie.pl/",
    "The 11th Congress of Polish Clusters is the most important meeting in Poland of "
    "representatives of the cluster community, business, science and public administration. It "
    "takes place on 29-30 October 2025 at Park Technologii Kosmicznych - Badań, Rozwoju "
    "i Innowacji Sp. z o.o. (the Space Technology Park) in Nowy Kisielin, Zielona Góra.\n\n"
    "The event is organised by Związek Pracodawców Klastry Polskie (the Employers' Association "
    "\"Polish Clusters\") in cooperation with the Congress's strategic partner, the Marshal's "
    "Office of the Lubuskie Voivodeship (Urząd Marszałkowski Województwa Lubuskiego), together "
    "with the City of Zielona Góra (Miasto Zielona Góra) and Zielonogórski Integrator Biznesowy. "
    "In addition, on 31 October participants will take part in study visits to innovative "
    "companies of the region that belong to Lubuski Klaster Metalowy (the Lubuskie Metal "
    "Cluster).\n\n"
    "This year's edition is held under the motto \"Industry and science for Poland's security\" "
    "(„Przemysł i nauka dla bezpieczeństwa Polski”), which stresses the role of cross-sector "
    "cooperation in the face of dynamic economic and geopolitical change.\n\n"
    "Every year the Congress visits a different voivodeship to show the potential of the region "
    "and the role of clusters in the development of the economy. In 2025 the host is the "
    "Lubuskie Voivodeship - a region known for its strong metal and machine industry and its "
    "unique location on the border with Germany. Zielona Góra, a centre of innovation with the "
    "Space Technology Park and scientific facilities, is an ideal place to talk about security, "
    "digitalisation and the future of industry.\n\n"
    "The program includes 10 panel discussions in which experts from Poland and Europe will "
    "discuss, among other things, the integration of industry with regional ecosystems, the role "
    "of the Polish space sector in the development of innovation, cooperation between the civil "
    "and defence industries for the security of Europe, the digitalisation of the economy and the "
    "use of AI in manufacturing, the challenges of the green transition in a geopolitical context, "
    "and export, foreign investment and the financing of innovation.\n\n"
    "The Congress of Polish Clusters is a platform for exchanging knowledge, experience and good "
    "practice between the private sector, research institutions and public administration. It is "
    "also a unique opportunity to meet representatives of the government and central institutions "
    "responsible for cluster policy, to promote the region and its potential, to make business "
    "contacts and international partnerships, and to see examples of innovative solutions first "
    "hand during the study visits.\n\n"
    "For many years the Congresses of Polish Clusters have been held with the active support of "
    "local governments. The Marshal's Office of the Lubuskie Voivodeship not only co-organises "
    "this year's event but also consistently supports the development of regional cluster "
    "initiatives.\n\n"
    "Registration is open at https://11kongres.klastrypolskie.pl/",
)

EDITIONS = [
    {
        "slug": "kkp-2025",
        "number": 11,
        "name": ("11. Kongres Klastrów Polskich", "11th Congress of Polish Clusters"),
        "start_date": dt.date(2025, 10, 29),
        "end_date": dt.date(2025, 10, 30),
        "host_voivodeship": "lubuskie",
        "host_city": "Zielona Góra",
        "venue": True,  # the VENUE above
        "motto": (
            "Przemysł i nauka dla bezpieczeństwa Polski",
            "Industry and science for Poland's security",
        ),
        "description": EDITION_11_DESCRIPTION,
        "status": "published",
        "locales": ["pl", "en"],
        "website": "https://11kongres.klastrypolskie.pl/",
    },
    {
        "slug": "kkp-2024",
        "number": 10,
        "name": ("10. Kongres Klastrów Polskich", "10th Congress of Polish Clusters"),
        "start_date": dt.date(2024, 11, 6),
        "end_date": dt.date(2024, 11, 7),
        "host_voivodeship": "podlaskie",
        "host_city": "Białystok",
        "venue": None,
        "motto": ("", ""),
        "description": (
            "10. Kongres Klastrów Polskich odbył się w dniach 6-7 listopada 2024 r. w Białymstoku "
            "(województwo podlaskie).",
            "The 10th Congress of Polish Clusters took place on 6-7 November 2024 in Białystok "
            "(Podlaskie Voivodeship).",
        ),
        "status": "archived",
        "locales": ["pl", "en"],
        "website": "",
    },
    {
        "slug": "kkp-2023",
        "number": 9,
        "name": ("9. Kongres Klastrów Polskich", "9th Congress of Polish Clusters"),
        "start_date": dt.date(2023, 11, 8),
        "end_date": dt.date(2023, 11, 9),
        "host_voivodeship": "pomorskie",
        "host_city": "Gdańsk",
        "venue": None,
        "motto": ("", ""),
        "description": (
            "9. Kongres Klastrów Polskich odbył się w dniach 8-9 listopada 2023 r. w Gdańsku "
            "(województwo pomorskie).",
            "The 9th Congress of Polish Clusters took place on 8-9 November 2023 in Gdańsk "
            "(Pomeranian Voivodeship).",
        ),
        "status": "archived",
        "locales": ["pl", "en"],
        "website": "",
    },
]

# Everything below belongs to the 11th edition.
DEMO_EDITION = "kkp-2025"

# --- Partners (natural key: name) -----------------------------------------------------------

PARTNERS = [
    {
        "name": "Związek Pracodawców Klastry Polskie",
        "role": "organiser",
        "order": 1,
        "url": "https://klastrypolskie.pl",
        "is_example_data": False,
        "description": (
            "Organizator Kongresu Klastrów Polskich - corocznego spotkania środowisk klastrowych, "
            "biznesu, nauki i administracji.",
            "The organiser of the Congress of Polish Clusters, the yearly meeting of the cluster "
            "community, business, science and public administration.",
        ),
    },
    {
        "name": "Urząd Marszałkowski Województwa Lubuskiego",
        "role": "strategic_partner",
        "order": 2,
        "url": "",
        "is_example_data": False,
        "description": (
            "Partner strategiczny 11. Kongresu. Urząd Marszałkowski Województwa Lubuskiego "
            "współorganizuje tegoroczne wydarzenie i konsekwentnie wspiera rozwój regionalnych "
            "inicjatyw klastrowych.",
            "Strategic partner of the 11th Congress. The Marshal's Office of the Lubuskie "
            "Voivodeship co-organises this year's event and consistently supports the development "
            "of regional cluster initiatives.",
        ),
    },
    {
        "name": "Miasto Zielona Góra",
        "role": "co_organiser",
        "order": 3,
        "url": "",
        "is_example_data": False,
        "description": (
            "Współorganizator 11. Kongresu. Zielona Góra - centrum innowacji z Parkiem Technologii "
            "Kosmicznych i zapleczem naukowym - jest miastem gospodarzem tegorocznej edycji.",
            "Co-organiser of the 11th Congress. Zielona Góra, a centre of innovation with the "
            "Space Technology Park and scientific facilities, is the host city of this year's "
            "edition.",
        ),
    },
    {
        "name": "Zielonogórski Integrator Biznesowy",
        "role": "co_organiser",
        "order": 4,
        "url": "",
        "is_example_data": False,
        "description": (
            "Współorganizator 11. Kongresu Klastrów Polskich w Zielonej Górze.",
            "Co-organiser of the 11th Congress of Polish Clusters in Zielona Góra.",
        ),
    },
    {
        "name": "Lubuski Klaster Metalowy",
        "role": "partner",
        "order": 5,
        "url": "",
        "is_example_data": True,
        "description": (
            "31 października uczestnicy Kongresu odwiedzą innowacyjne przedsiębiorstwa regionu "
            "należące do Lubuskiego Klastra Metalowego. Rola partnera jest przykładowa.",
            "On 31 October participants of the Congress will visit innovative companies of the "
            "region that belong to Lubuski Klaster Metalowy. The partner role is example data.",
        ),
    },
    {
        "name": "Przykładowy Portal Klastrowy",
        "role": "media_patron",
        "order": 6,
        "url": "",
        "is_example_data": True,
        "description": (
            "Fikcyjny patron medialny - dane przykładowe.",
            "A fictional media patron - example data.",
        ),
    },
    {
        "name": f"Magazyn Innowacje {NDASH} przykład",
        "role": "media_patron",
        "order": 7,
        "url": "",
        "is_example_data": True,
        "description": (
            "Fikcyjny patron medialny - dane przykładowe.",
            "A fictional media patron - example data.",
        ),
    },
]

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


# --- Registration: categories, consents, questions, invitation codes ------------------------
# Categories are data, not code: each edition defines its own. Registration opens on 2 June
# 2025 and has no closing date here, so that the demo's forms work whenever the demo is run.

REGISTRATION_OPENS = ("2025-06-02", "09:00")

CATEGORIES = [
    {
        "slug": "uczestnik",
        "order": 1,
        "name": ("Uczestnik", "Participant"),
        "description": (
            "Przedstawiciele klastrów, firm, uczelni, instytutów badawczych, administracji "
            "i organizacji pozarządowych. Udział jest bezpłatny.",
            "Representatives of clusters, companies, universities, research institutes, public "
            "administration and NGOs. Participation is free of charge.",
        ),
        "quota": 400,
        "requires_approval": False,
        "requires_invitation": False,
    },
    {
        "slug": "prelegent",
        "order": 2,
        "name": ("Prelegent", "Speaker"),
        "description": (
            "Dla osób zaproszonych do wystąpień i paneli; kod otrzymasz od organizatora.",
            "For people invited to speak or sit on a panel; the organiser sends you the code.",
        ),
        "quota": None,
        "requires_approval": False,
        "requires_invitation": True,
    },
    {
        "slug": "partner",
        "order": 3,
        "name": ("Partner", "Partner"),
        "description": (
            "Dla przedstawicieli partnerów i sponsorów Kongresu.",
            "For representatives of the Congress's partners and sponsors.",
        ),
        "quota": None,
        "requires_approval": False,
        "requires_invitation": True,
    },
    {
        "slug": "media",
        "order": 4,
        "name": ("Media", "Media"),
        "description": (
            "Dla dziennikarzy i fotoreporterów. Akredytację potwierdza biuro prasowe.",
            "For journalists and photographers. The press office confirms each accreditation.",
        ),
        "quota": 30,
        "requires_approval": True,
        "requires_invitation": False,
    },
    {
        "slug": "administracja-i-vip",
        "order": 5,
        "name": ("Administracja rządowa i VIP", "Government and VIP"),
        "description": (
            "Dla zaproszonych przedstawicieli administracji rządowej i samorządowej oraz gości "
            "specjalnych. Udział potwierdza organizator.",
            "For invited representatives of central and local government and for special "
            "guests. The organiser confirms each place.",
        ),
        "quota": 60,
        "requires_approval": True,
        "requires_invitation": True,
    },
    {
        "slug": "obsluga",
        "order": 6,
        "name": ("Obsługa", "Staff"),
        "description": (
            "Dla zespołu organizatora, wolontariuszy i obsługi technicznej.",
            "For the organiser's team, volunteers and technical staff.",
        ),
        "quota": None,
        "requires_approval": False,
        "requires_invitation": True,
    },
]

# Version 1 of each consent (natural key: kind and version). A new wording is a new version.
CONSENTS = [
    {
        "kind": "processing",
        "version": 1,
        "required": True,
        "text": (
            "Zapoznałam/zapoznałem się z polityką prywatności i przyjmuję do wiadomości, że "
            "Związek Pracodawców Klastry Polskie przetwarza moje dane osobowe w celu rejestracji "
            "i organizacji mojego udziału w 11. Kongresie Klastrów Polskich, w tym w wizytach "
            "studyjnych.",
            "I have read the privacy policy and understand that Związek Pracodawców Klastry "
            "Polskie processes my personal data to register me and to organise my participation "
            "in the 11th Congress of Polish Clusters, including the study visits.",
        ),
    },
    {
        "kind": "image",
        "version": 1,
        "required": False,
        "text": (
            "Zgadzam się na nieodpłatne utrwalenie i rozpowszechnianie mojego wizerunku na "
            "zdjęciach i nagraniach z Kongresu, publikowanych przez organizatora na stronie "
            "internetowej, w mediach społecznościowych i w materiałach promocyjnych.",
            "I agree that photos and recordings of the Congress showing me may be taken and "
            "published free of charge by the organiser on its website, in social media and in "
            "promotional materials.",
        ),
    },
    {
        "kind": "newsletter",
        "version": 1,
        "required": False,
        "text": (
            "Chcę otrzymywać e-mailem informacje o kolejnych Kongresach i innych wydarzeniach "
            "Związku Pracodawców Klastry Polskie. Zgodę mogę wycofać w każdej chwili.",
            "I would like to receive e-mails about future Congresses and other events of "
            "Związek Pracodawców Klastry Polskie. I can withdraw this consent at any time.",
        ),
    },
]

# Custom questions of the form (natural key: order). Answers are stored under the question's id.
QUESTIONS = [
    {
        "order": 1,
        "kind": "yes_no",
        "required": True,
        "label": (
            "Czy weźmiesz udział w wieczorze networkingowym?",
            "Will you join the networking evening?",
        ),
        "help_text": (
            "29 października, od 19:00 – pomoże nam zamówić odpowiednią liczbę miejsc.",
            "29 October, from 7 pm – it helps us book the right number of places.",
        ),
        "options": [],
    },
    {
        "order": 2,
        "kind": "choice",
        "required": False,
        "label": ("Skąd wiesz o Kongresie?", "How did you hear about the Congress?"),
        "help_text": ("", ""),
        "options": [
            {"value": "klaster", "label": {"pl": "Od mojego klastra", "en": "From my cluster"}},
            {
                "value": "newsletter",
                "label": {"pl": "Z newslettera", "en": "From the newsletter"},
            },
            {
                "value": "social",
                "label": {"pl": "Z mediów społecznościowych", "en": "From social media"},
            },
            {
                "value": "znajomi",
                "label": {"pl": "Od znajomych z branży", "en": "From colleagues"},
            },
            {"value": "inne", "label": {"pl": "Inaczej", "en": "Other"}},
        ],
    },
    {
        "order": 3,
        "kind": "text",
        "required": False,
        "label": (
            "Pytanie do panelistów (opcjonalnie)",
            "A question for the panellists (optional)",
        ),
        "help_text": (
            "Moderatorzy wybiorą kilka pytań do dyskusji.",
            "The moderators will pick a few questions for the discussion.",
        ),
        "options": [],
    },
]

# Natural key: code. Example codes; the organiser generates real ones in the back office.
INVITATION_CODES = [
    {
        "code": "PRELEGENT-2025",
        "category": "prelegent",
        "max_uses": 50,
        "note": "Dla prelegentów i panelistów (przykład)",
    },
    {
        "code": "PARTNER-2025",
        "category": "partner",
        "max_uses": 40,
        "note": "Dla partnerów i sponsorów (przykład)",
    },
    {
        "code": "VIP-2025",
        "category": "administracja-i-vip",
        "max_uses": 30,
        "note": "Dla zaproszonych gości (przykład)",
    },
    {
        "code": "OBSLUGA-2025",
        "category": "obsluga",
        "max_uses": 25,
        "note": "Dla zespołu i wolontariuszy (przykład)",
    },
]

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

# --- Example registrations -----------------------------------------------------------------
# About thirty made-up people (example.org addresses, fictional organisations), created through
# the registration services so that places, seats and waiting lists are what the services would
# make: the defence-industry visit (20 seats) is full with three people on its waiting list.
# "state" is where the loader takes each person: unverified (left as registered), confirmed,
# pending_approval, cancelled (by the participant) or rejected (by the organiser).

V_MECH = "wizyta-przykladowe-zaklady-mechaniczne"
V_CNC = "wizyta-przykladowa-obrobka-cnc"
V_DEF = "wizyta-przykladowe-systemy-obronne"
V_AUTO = "wizyta-przykladowy-integrator-automatyki"


def _person(first, last, organisation, position, organisation_type, voivodeship, **extra):
    person = {
        "first_name": first,
        "last_name": last,
        "email": f"{slugify_pl(first)}.{slugify_pl(last)}@example.org",
        "organisation": organisation,
        "position": position,
        "organisation_type": organisation_type,
        "voivodeship": voivodeship,
        "category": "uczestnik",
        "code": "",
        "visit": None,
        "state": "confirmed",
        "language": "pl",
        "country": "PL",
        "cluster_name": "",
        "phone": "",
        "dietary_needs": "",
        "accessibility_needs": "",
        "photos": True,
        "newsletter": False,
        "networking": True,
        "source": "klaster",
    }
    person.update(extra)
    person["cluster_member"] = bool(person["cluster_name"])
    return person


_KLASTER_METALOWY = "Przykładowy Klaster Metalowy"
_KLASTER_OBRONNY = "Przykładowy Klaster Technologii Obronnych"
_KLASTER_ICT = "Przykładowy Klaster ICT Pomorze"

REGISTRATIONS = [
    # The defence-industry visit: twenty seats taken, then three people on the waiting list.
    _person(
        "Katarzyna",
        "Nowicka",
        "Przykładowy Klaster Technologii Obronnych",
        "Koordynatorka klastra",
        "cluster",
        "mazowieckie",
        visit=V_DEF,
        cluster_name=_KLASTER_OBRONNY,
        phone="+48 000 000 101",
        newsletter=True,
    ),
    _person(
        "Tomasz",
        "Wieczorek",
        "Przykładowe Zakłady Elektroniczne Sp. z o.o.",
        "Prezes zarządu",
        "company",
        "mazowieckie",
        visit=V_DEF,
        cluster_name=_KLASTER_OBRONNY,
        phone="+48 000 000 102",
    ),
    _person(
        "Agnieszka",
        "Zielińska",
        "Fikcyjna Politechnika Lubuska",
        "Prorektorka ds. współpracy z gospodarką",
        "science",
        "lubuskie",
        visit=V_DEF,
        phone="+48 000 000 103",
        dietary_needs="wegetariańska",
    ),
    _person(
        "Piotr",
        "Kaczmarek",
        "Przykładowe Odlewnie Metali Sp. z o.o.",
        "Dyrektor techniczny",
        "company",
        "lubuskie",
        visit=V_DEF,
        cluster_name=_KLASTER_METALOWY,
        phone="+48 000 000 104",
    ),
    _person(
        "Magdalena",
        "Lewandowska",
        "Przykładowy Klaster Lotniczy",
        "Menedżerka klastra",
        "cluster",
        "podkarpackie",
        visit=V_DEF,
        cluster_name="Przykładowy Klaster Lotniczy",
        phone="+48 000 000 105",
        newsletter=True,
    ),
    _person(
        "Marcin",
        "Szymański",
        "Przykładowa Agencja Rozwoju Regionalnego",
        "Specjalista ds. innowacji",
        "public_administration",
        "lubuskie",
        visit=V_DEF,
        phone="+48 000 000 106",
    ),
    _person(
        "Joanna",
        "Wójcik",
        "Przykładowe Systemy Łączności Sp. z o.o.",
        "Kierowniczka działu B+R",
        "company",
        "pomorskie",
        visit=V_DEF,
        cluster_name=_KLASTER_ICT,
        phone="+48 000 000 107",
        dietary_needs="bezglutenowa",
    ),
    _person(
        "Krzysztof",
        "Kamiński",
        "Przykładowa Optyka Precyzyjna S.A.",
        "Dyrektor ds. rozwoju",
        "company",
        "dolnoslaskie",
        visit=V_DEF,
        phone="+48 000 000 108",
    ),
    _person(
        "Ewa",
        "Dąbrowska",
        "Fikcyjny Instytut Materiałów",
        "Kierowniczka laboratorium",
        "science",
        "malopolskie",
        visit=V_DEF,
        phone="+48 000 000 109",
        source="newsletter",
    ),
    _person(
        "Michał",
        "Kozłowski",
        "Przykładowy Klaster Technologii Obronnych",
        "Analityk",
        "cluster",
        "mazowieckie",
        visit=V_DEF,
        cluster_name=_KLASTER_OBRONNY,
        phone="+48 000 000 110",
    ),
    _person(
        "Anna",
        "Jankowska",
        "Przykładowe Kompozyty Sp. z o.o.",
        "Właścicielka",
        "company",
        "wielkopolskie",
        visit=V_DEF,
        phone="+48 000 000 111",
        dietary_needs="wegańska",
    ),
    _person(
        "Paweł",
        "Mazur",
        "Przykładowa Fundacja Przemysłu 4.0",
        "Prezes fundacji",
        "ngo",
        "slaskie",
        visit=V_DEF,
        phone="+48 000 000 112",
    ),
    _person(
        "Monika",
        "Krawczyk",
        "Przykładowe Napędy Elektryczne Sp. z o.o.",
        "Kierowniczka sprzedaży",
        "company",
        "lubuskie",
        visit=V_DEF,
        cluster_name=_KLASTER_METALOWY,
        phone="+48 000 000 113",
    ),
    _person(
        "Grzegorz",
        "Piotrowski",
        "Fikcyjna Akademia Wojskowa",
        "Adiunkt",
        "science",
        "mazowieckie",
        visit=V_DEF,
        phone="+48 000 000 114",
    ),
    _person(
        "Barbara",
        "Grabowska",
        "Przykładowy Park Przemysłowy",
        "Dyrektorka",
        "public_administration",
        "opolskie",
        visit=V_DEF,
        phone="+48 000 000 115",
        accessibility_needs="Poruszam się o kulach; proszę o miejsce blisko wejścia.",
    ),
    _person(
        "Łukasz",
        "Pawłowski",
        "Przykładowe Drony Sp. z o.o.",
        "Założyciel",
        "company",
        "lodzkie",
        visit=V_DEF,
        phone="+48 000 000 116",
        source="social",
    ),
    _person(
        "Aleksandra",
        "Michalska",
        "Przykładowa Obróbka Plastyczna Sp. z o.o.",
        "Inżynierka procesu",
        "company",
        "lubuskie",
        visit=V_DEF,
        cluster_name=_KLASTER_METALOWY,
        phone="+48 000 000 117",
    ),
    _person(
        "Jakub",
        "Król",
        "Przykładowy Klaster Technologii Obronnych",
        "Ekspert ds. zamówień",
        "cluster",
        "mazowieckie",
        category="prelegent",
        code="PRELEGENT-2025",
        visit=V_DEF,
        cluster_name=_KLASTER_OBRONNY,
        phone="+48 000 000 118",
    ),
    _person(
        "Natalia",
        "Wróblewska",
        "Ministerstwo Przykładowe",
        "Naczelniczka wydziału",
        "public_administration",
        "mazowieckie",
        category="administracja-i-vip",
        code="VIP-2025",
        visit=V_DEF,
        phone="+48 000 000 119",
    ),
    _person(
        "Rafał",
        "Jabłoński",
        "Przykładowe Systemy Radarowe Sp. z o.o.",
        "Członek zarządu",
        "company",
        "pomorskie",
        category="partner",
        code="PARTNER-2025",
        visit=V_DEF,
        cluster_name=_KLASTER_ICT,
        phone="+48 000 000 120",
    ),
    _person(
        "Dorota",
        "Nowakowska",
        "Przykładowe Stalownie Sp. z o.o.",
        "Specjalistka BHP",
        "company",
        "slaskie",
        visit=V_DEF,
        phone="+48 000 000 121",
        networking=False,
    ),
    _person(
        "Adam",
        "Olszewski",
        "Przykładowa Izba Gospodarcza",
        "Doradca",
        "ngo",
        "lubuskie",
        visit=V_DEF,
        phone="+48 000 000 122",
    ),
    _person(
        "Jana",
        "Nováková",
        "Příkladový klastr strojírenský",
        "Cluster manager",
        "cluster",
        "",
        visit=V_DEF,
        cluster_name="Příkladový klastr strojírenský",
        country="CZ",
        language="en",
        phone="+420 000 000 123",
        source="znajomi",
    ),
    # Other visits and no visit at all.
    _person(
        "Marek",
        "Zawadzki",
        "Przykładowe Zakłady Mechaniczne Sp. z o.o.",
        "Kierownik produkcji",
        "company",
        "lubuskie",
        category="obsluga",
        code="OBSLUGA-2025",
        visit=V_MECH,
        cluster_name=_KLASTER_METALOWY,
        phone="+48 000 000 124",
    ),
    _person(
        "Karolina",
        "Sikora",
        "Przykładowy Klaster Spożywczy",
        "Menedżerka projektów",
        "cluster",
        "warminsko-mazurskie",
        visit=V_MECH,
        cluster_name="Przykładowy Klaster Spożywczy",
        phone="+48 000 000 125",
        dietary_needs="Wegetariańska",
    ),
    _person(
        "Wojciech",
        "Baran",
        "Przykładowe Konstrukcje Stalowe Sp. z o.o.",
        "Dyrektor handlowy",
        "company",
        "zachodniopomorskie",
        visit=V_MECH,
        phone="+48 000 000 126",
        state="cancelled",
    ),
    _person(
        "Sylwia",
        "Górecka",
        "Fikcyjny Uniwersytet Zielonogórski",
        "Doktorantka",
        "science",
        "lubuskie",
        visit=V_CNC,
        phone="+48 000 000 127",
        dietary_needs="bez laktozy",
        newsletter=True,
    ),
    _person(
        "Oliver",
        "Bennett",
        "Example Aerospace Cluster",
        "International relations",
        "cluster",
        "",
        visit=V_CNC,
        cluster_name="Example Aerospace Cluster",
        country="GB",
        language="en",
        phone="+44 0000 000128",
        source="inne",
    ),
    _person(
        "Beata",
        "Kwiatkowska",
        "Przykładowy Urząd Marszałkowski",
        "Dyrektorka departamentu",
        "public_administration",
        "lubuskie",
        category="administracja-i-vip",
        code="VIP-2025",
        visit=V_AUTO,
        phone="+48 000 000 129",
        state="pending_approval",
    ),
    _person(
        "Hubert",
        "Lis",
        "Przykładowy Portal Gospodarczy",
        "Dziennikarz",
        "media",
        "mazowieckie",
        category="media",
        state="pending_approval",
        photos=False,
        networking=False,
        source="inne",
    ),
    _person(
        "Iwona",
        "Czarnecka",
        "Przykładowe Radio Regionalne",
        "Reporterka",
        "media",
        "lubuskie",
        category="media",
        state="rejected",
        networking=False,
        source="inne",
    ),
    _person(
        "Daniel",
        "Wysocki",
        "Przykładowe Oprogramowanie Sp. z o.o.",
        "Programista",
        "company",
        "pomorskie",
        cluster_name=_KLASTER_ICT,
        state="unverified",
        source="social",
    ),
    _person(
        "Emilia",
        "Kubiak",
        "Przykładowy Inkubator Technologiczny",
        "Koordynatorka",
        "ngo",
        "podlaskie",
        state="unverified",
        photos=False,
        networking=False,
    ),
]

"""The organiser, the congress series, the venue, the editions and the partners."""

import datetime as dt

from kongres.demo.content.text import NDASH

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

"""Demo content of B2B matchmaking at the 11th Congress of Polish Clusters.

Every organisation and person here is fictional ("Przykładowy…", "Fikcyjny…", "Example…",
addresses at example.org); profiles, sessions and consultation hosts are flagged
``is_example_data``. The sectors are real PKD 2007 divisions (a global taxonomy, not example
data). Profiles are keyed by the e-mail address of their registration.
"""

import datetime as dt

from kongres.demo.content import _person

DAY_1 = dt.date(2025, 10, 29)

SETTINGS = {
    "enabled": True,
    "request_mode": "accept",
    # The demo congress lies in the past, so no slot can be picked any more when accepting;
    # the organiser's scheduler places accepted meetings whatever the date.
    "scheduling_mode": "organiser",
    "booking_opens_at": (dt.date(2025, 9, 15), "09:00"),
    "booking_closes_at": None,
    "request_expiry_hours": 120,
    "max_pending_requests": 10,
    "default_max_meetings": 8,
    "allow_session_limit": True,
    "follow_up_after_hours": 72,
}

# natural key: code; 12 slots of 20 minutes and 15 tables each
SESSIONS = [
    {
        "code": "A",
        "name": ("Spotkania B2B – sesja poranna", "B2B meetings – morning session"),
        "starts_at": (DAY_1, "10:00"),
        "ends_at": (DAY_1, "14:00"),
        "slot_minutes": 20,
        "tables": 15,
        "location": "Strefa B2B, hol główny",
        "order": 1,
    },
    {
        "code": "B",
        "name": ("Spotkania B2B – sesja popołudniowa", "B2B meetings – afternoon session"),
        "starts_at": (DAY_1, "14:30"),
        "ends_at": (DAY_1, "18:30"),
        "slot_minutes": 20,
        "tables": 15,
        "location": "Strefa B2B, hol główny",
        "order": 2,
    },
]

# PKD 2007 divisions (kind "pkd"), natural key: kind and code.
SECTORS = [
    ("10", "Produkcja artykułów spożywczych", "Manufacture of food products"),
    ("21", "Produkcja leków i wyrobów farmaceutycznych", "Manufacture of pharmaceuticals"),
    (
        "25",
        "Produkcja metalowych wyrobów gotowych, z wyłączeniem maszyn i urządzeń",
        "Manufacture of fabricated metal products, except machinery and equipment",
    ),
    (
        "26",
        "Produkcja komputerów, wyrobów elektronicznych i optycznych",
        "Manufacture of computer, electronic and optical products",
    ),
    ("28", "Produkcja maszyn i urządzeń", "Manufacture of machinery and equipment"),
    (
        "29",
        "Produkcja pojazdów samochodowych, przyczep i naczep",
        "Manufacture of motor vehicles, trailers and semi-trailers",
    ),
    (
        "30",
        "Produkcja pozostałego sprzętu transportowego",
        "Manufacture of other transport equipment",
    ),
    ("32", "Pozostała produkcja wyrobów", "Other manufacturing"),
    (
        "35",
        "Wytwarzanie i zaopatrywanie w energię elektryczną, gaz, parę wodną i gorącą wodę",
        "Electricity, gas, steam and air conditioning supply",
    ),
    (
        "62",
        "Działalność związana z oprogramowaniem i doradztwem w zakresie informatyki",
        "Computer programming, consultancy and related activities",
    ),
    ("72", "Badania naukowe i prace rozwojowe", "Scientific research and development"),
    (
        "84",
        "Administracja publiczna i obrona narodowa",
        "Public administration and defence",
    ),
]

# Extra demo people who take part in matchmaking (confirmed, no study visit).
REGISTRATIONS = [
    _person("Bartosz", "Adamczyk", "Przykładowa Obróbka CNC Sp. z o.o.", "Prezes zarządu",
            "company", "lubuskie"),
    _person("Marta", "Sadowska", "Przykładowy Klaster Energetyczny", "Koordynatorka klastra",
            "cluster", "opolskie"),
    _person("Kamil", "Jasiński", "Przykładowe Magazyny Energii Sp. z o.o.", "Dyrektor techniczny",
            "company", "dolnoslaskie"),
    _person("Paulina", "Wilk", "Przykładowe Instalacje OZE Sp. z o.o.", "Kierowniczka projektów",
            "company", "wielkopolskie"),
    _person("Robert", "Chmielewski", "Przykładowe Urządzenia Medyczne Sp. z o.o.",
            "Dyrektor ds. rozwoju", "company", "malopolskie"),
    _person("Justyna", "Borkowska", "Przykładowy Klaster Medyczny", "Menedżerka klastra",
            "cluster", "lodzkie"),
    _person("Dawid", "Kowalczyk", "Przykładowa Diagnostyka Obrazowa Sp. z o.o.", "Założyciel",
            "company", "pomorskie"),
    _person("Weronika", "Sokołowska", "Przykładowa Mleczarnia Spółdzielcza",
            "Kierowniczka eksportu", "company", "podlaskie"),
    _person("Artur", "Górski", "Przykładowe Przetwórstwo Owoców Sp. z o.o.", "Właściciel",
            "company", "lubelskie"),
    _person("Patrycja", "Laskowska", "Przykładowe Opakowania Spożywcze Sp. z o.o.",
            "Specjalistka ds. sprzedaży", "company", "kujawsko-pomorskie"),
    _person("Sebastian", "Urban", "Przykładowe Komponenty Motoryzacyjne Sp. z o.o.",
            "Kierownik zakupów", "company", "slaskie"),
    _person("Izabela", "Kalinowska", "Przykładowy Klaster Motoryzacyjny", "Dyrektorka klastra",
            "cluster", "slaskie"),
    _person("Mateusz", "Czerwiński", "Przykładowe Centrum Obróbki Skrawaniem Sp. z o.o.",
            "Technolog", "company", "lubuskie"),
    _person("Klaudia", "Szulc", "Przykładowe Satelity Sp. z o.o.", "Inżynierka systemów",
            "company", "mazowieckie"),
    _person("Filip", "Baranowski", "Przykładowy Klaster Kosmiczny", "Menedżer klastra",
            "cluster", "malopolskie"),
    _person("Lena", "Fischer", "Beispiel Maschinenbau GmbH", "Purchasing manager", "company",
            "", country="DE", language="en", source="inne"),
    _person("Olena", "Kovalenko", "Example Defence Tech LLC", "Business development",
            "company", "", country="UA", language="en", source="inne"),
    _person("Szymon", "Wróbel", "Przykładowe Cyberbezpieczeństwo Sp. z o.o.",
            "Kierownik zespołu", "company", "mazowieckie"),
    _person("Alicja", "Mróz", "Przykładowy Software House Sp. z o.o.", "Dyrektorka handlowa",
            "company", "pomorskie"),
    _person("Henryk", "Zając", "Przykładowa Spawalnia Przemysłowa Sp. z o.o.",
            "Kierownik produkcji", "company", "lubuskie"),
]  # fmt: skip

ALL = ["A", "B"]
MORNING = ["A"]
AFTERNOON = ["B"]


def _profile(email, sectors, cooperation, languages, available, description, listings, **extra):
    return {
        "email": email,
        "sectors": sectors,
        "cooperation_types": cooperation,
        "languages": languages,
        "available": available,
        "description": description,
        "listings": listings,
        "max_meetings": extra.get("max_meetings", 8),
    }


def _offer(title, text=""):
    return ("offer", title, text)


def _want(title, text=""):
    return ("request", title, text)


PL = ["pl"]
PL_EN = ["pl", "en"]

# 40 profiles; "available" names sessions (every slot of them) or slot codes.
PROFILES = [
    # --- defence industry -------------------------------------------------------------------
    _profile(
        "katarzyna.nowicka@example.org", ["30", "84"], ["rd_partner", "other"], PL_EN, ALL,
        "Klaster zrzeszający firmy i uczelnie pracujące dla przemysłu obronnego i bezpieczeństwa "
        "państwa. Łączymy członków w konsorcja do zamówień i projektów badawczych.",
        [
            _offer("Wejście do konsorcjów obronnych",
                   "Pomagamy MŚP wejść w łańcuchy dostaw przemysłu obronnego i przygotować "
                   "się do audytów jakości."),
            _want("Poddostawcy obróbki metali i elektroniki",
                  "Szukamy firm z certyfikatem AQAP do wspólnych ofert dla przemysłu "
                  "obronnego."),
        ],
    ),
    _profile(
        "tomasz.wieczorek@example.org", ["26"], ["supplier", "rd_partner"], PL_EN, ALL,
        "Projektujemy i produkujemy moduły elektroniczne do systemów łączności i sterowania "
        "dla obronności.",
        [
            _offer("Moduły elektroniczne odporne na warunki polowe",
                   "Płytki, zasilacze i sterowniki zgodne z normami wojskowymi."),
            _want("Obudowy frezowane z aluminium",
                  "Potrzebujemy dostawcy precyzyjnej obróbki CNC obudów w małych seriach."),
        ],
    ),
    _profile(
        "lukasz.pawlowski@example.org", ["30", "26"], ["customer", "investment"], PL_EN, ALL,
        "Start-up budujący bezzałogowe statki powietrzne do obserwacji i logistyki.",
        [
            _offer("Drony obserwacyjne klasy mini", "Konstrukcja, integracja i testy w locie."),
            _want("Inwestor branżowy i partner produkcyjny",
                  "Szukamy finansowania serii próbnej oraz kooperanta do produkcji ram "
                  "kompozytowych."),
            _want("Composite frame suppliers", "Carbon-fibre frames, small series."),
        ],
    ),
    _profile(
        "rafal.jablonski@example.org", ["26", "62"], ["supplier", "export_partner"], PL_EN, ALL,
        "Systemy radarowe i oprogramowanie do przetwarzania sygnałów dla obrony powietrznej.",
        [
            _offer("Przetwarzanie sygnałów radarowych",
                   "Algorytmy i oprogramowanie czasu rzeczywistego."),
            _want("Partnerzy eksportowi w Europie Środkowej",
                  "Dystrybutorzy i integratorzy systemów bezpieczeństwa."),
        ],
    ),
    _profile(
        "grzegorz.piotrowski@example.org", ["72", "84"], ["rd_partner"], PL, MORNING,
        "Zespół badawczy uczelni wojskowej: materiały balistyczne, testy i certyfikacja.",
        [
            _offer("Badania odporności balistycznej", "Stanowiska badawcze i raporty z testów."),
            _want("Firmy do wspólnych projektów B+R dla obronności",
                  "Chętnie przygotujemy wniosek do programu badań na rzecz obronności."),
        ],
    ),
    _profile(
        "olena.kovalenko@example.org", ["30", "26"], ["customer", "rd_partner", "export_partner"],
        ["en", "uk"], ALL,
        "Defence technology company looking for Polish suppliers and joint R&D for unmanned "
        "systems.",
        [
            _want("CNC machining for the defence industry",
                  "Precision machined parts in aluminium and titanium, series of 50-500."),
            _offer("Field testing of unmanned systems", "Test ranges and operator feedback."),
        ],
    ),
    # --- CNC machining and metal ------------------------------------------------------------
    _profile(
        "bartosz.adamczyk@example.org", ["25", "28"], ["supplier", "subcontractor"], PL_EN, ALL,
        "Zakład obróbki skrawaniem z parkiem maszyn 5-osiowych. Pracujemy dla przemysłu "
        "obronnego, lotniczego i maszynowego.",
        [
            _offer("Obróbka CNC dla przemysłu obronnego",
                   "Frezowanie 5-osiowe i toczenie CNC elementów ze stali, aluminium i tytanu; "
                   "serie od prototypu do kilku tysięcy sztuk, pełna dokumentacja jakości."),
            _offer("5-axis CNC machining", "Aluminium, steel and titanium parts."),
            _want("Odbiorcy z branży obronnej i lotniczej",
                  "Szukamy stałych zamówień i udziału w konsorcjach."),
        ],
    ),
    _profile(
        "mateusz.czerwinski@example.org", ["25"], ["supplier", "subcontractor"], PL, AFTERNOON,
        "Centrum obróbki skrawaniem: toczenie, frezowanie, szlifowanie.",
        [
            _offer("Toczenie i frezowanie CNC w krótkich seriach",
                   "Szybkie prototypy dla automatyki, motoryzacji i obronności."),
            _want("Zlecenia kooperacyjne", "Wolne moce przerobowe na drugiej zmianie."),
        ],
    ),
    _profile(
        "piotr.kaczmarek@example.org", ["25"], ["supplier"], PL, MORNING,
        "Odlewnia stopów aluminium i żeliwa dla przemysłu maszynowego i motoryzacji.",
        [
            _offer("Odlewy ciśnieniowe z aluminium", "Od 0,1 do 20 kg, z obróbką wykańczającą."),
            _want("Obróbka mechaniczna odlewów", "Szukamy kooperanta z obrabiarkami CNC."),
        ],
    ),
    _profile(
        "aleksandra.michalska@example.org", ["25", "29"], ["supplier"], PL, ALL,
        "Tłoczenie i gięcie blach dla motoryzacji i AGD.",
        [
            _offer("Tłoczenie blach na prasach do 400 t", "Narzędzia własne, serie wielkoseryjne."),
            _want("Automatyzacja linii tłoczenia", "Roboty do podawania detali."),
        ],
    ),
    _profile(
        "henryk.zajac@example.org", ["25"], ["subcontractor", "supplier"], PL, ALL,
        "Spawanie konstrukcji stalowych z certyfikatem EN 1090 i dla obronności.",
        [
            _offer("Spawanie konstrukcji i zbiorników", "Metody MIG/MAG i TIG, badania NDT."),
            _want("Obróbka CNC elementów spawanych", "Frezowanie po spawaniu, duże gabaryty."),
        ],
    ),
    _profile(
        "lena.fischer@example.org", ["28"], ["customer", "export_partner"], ["en", "de"], ALL,
        "German machine builder looking for reliable Polish subcontractors.",
        [
            _want("CNC machined components for machine tools",
                  "Turned and milled steel parts, yearly contracts."),
            _want("Welded frames", "Steel frames up to 3 m, painted."),
        ],
    ),
    _profile(
        "jana.novakova@example.org", ["28", "25"], ["export_partner", "rd_partner"], ["en", "cs"],
        AFTERNOON,
        "Czech engineering cluster seeking Polish partners for joint projects in Interreg.",
        [
            _offer("Access to Czech machinery companies", "Matchmaking with our 60 members."),
            _want("Polish clusters for cross-border projects", "Interreg and Horizon Europe."),
        ],
    ),
    # --- ICT -----------------------------------------------------------------------------------
    _profile(
        "joanna.wojcik@example.org", ["26", "62"], ["rd_partner", "supplier"], PL_EN, ALL,
        "Systemy łączności radiowej i sieci prywatne 5G dla przemysłu i służb.",
        [
            _offer("Prywatne sieci 5G dla zakładów", "Projekt, wdrożenie i utrzymanie."),
            _want("Partner do projektu B+R z cyberbezpieczeństwa", "Testy penetracyjne sieci."),
        ],
    ),
    _profile(
        "szymon.wrobel@example.org", ["62"], ["supplier", "rd_partner"], PL_EN, ALL,
        "Cyberbezpieczeństwo systemów przemysłowych (OT) i audyty zgodności z NIS2.",
        [
            _offer("Audyty cyberbezpieczeństwa OT i NIS2", "Dla energetyki i produkcji."),
            _want("Klastry do wspólnych szkoleń", "Programy podnoszenia kompetencji."),
        ],
    ),
    _profile(
        "alicja.mroz@example.org", ["62"], ["supplier", "distributor"], PL_EN, AFTERNOON,
        "Software house: aplikacje przemysłowe, systemy MES i analityka danych produkcyjnych.",
        [
            _offer("Wdrożenia MES i cyfrowe bliźniaki", "Integracja z maszynami CNC i PLC."),
            _want("Zakłady produkcyjne do pilotażu", "Pilotaż systemu monitorowania maszyn."),
        ],
    ),
    _profile(
        "pawel.mazur@example.org", ["72"], ["other", "rd_partner"], PL, MORNING,
        "Fundacja wspierająca transformację w stronę Przemysłu 4.0.",
        [
            _offer("Audyty dojrzałości cyfrowej", "Bezpłatne dla członków klastrów."),
            _want("Firmy gotowe na automatyzację", "Do programu mentoringowego."),
        ],
    ),
    # --- energy ----------------------------------------------------------------------------------
    _profile(
        "marta.sadowska@example.org", ["35"], ["rd_partner", "other"], PL_EN, ALL,
        "Klaster energii skupiający gminy, wytwórców OZE i przemysł.",
        [
            _offer("Lokalne bilansowanie energii", "Doświadczenie we wspólnotach energetycznych."),
            _want("Dostawcy magazynów energii", "Magazyny 0,5–5 MWh dla członków klastra."),
        ],
    ),
    _profile(
        "kamil.jasinski@example.org", ["35", "26"], ["supplier", "investment"], PL_EN, ALL,
        "Produkujemy bateryjne magazyny energii dla przemysłu i OZE.",
        [
            _offer("Magazyny energii dla zakładów",
                   "Systemy 100 kWh–5 MWh z zarządzaniem energią."),
            _want("Spawane obudowy kontenerowe", "Kooperant do konstrukcji stalowych."),
        ],
    ),
    _profile(
        "paulina.wilk@example.org", ["35"], ["customer", "supplier"], PL, AFTERNOON,
        "Projektujemy i budujemy farmy fotowoltaiczne i instalacje dla przemysłu.",
        [
            _offer("Instalacje PV dla zakładów", "Od audytu po serwis."),
            _want("Magazyny energii i systemy EMS", "Do projektów hybrydowych."),
        ],
    ),
    _profile(
        "marcin.szymanski@example.org", ["84"], ["investment", "other"], PL, MORNING,
        "Regionalna agencja rozwoju: tereny inwestycyjne i wsparcie dla inwestorów w Lubuskiem.",
        [
            _offer("Tereny inwestycyjne i ulgi", "Obsługa inwestora od pierwszej rozmowy."),
            _want("Inwestorzy z branży energetycznej i obronnej", "Zakłady produkcyjne."),
        ],
    ),
    # --- medtech ----------------------------------------------------------------------------------
    _profile(
        "robert.chmielewski@example.org", ["32", "26"], ["supplier", "export_partner"], PL_EN,
        ALL,
        "Produkujemy urządzenia do rehabilitacji i monitorowania pacjentów.",
        [
            _offer("Urządzenia rehabilitacyjne z certyfikatem MDR", "Produkcja kontraktowa."),
            _want("Precyzyjne części z tworzyw i aluminium", "Obróbka CNC i wtrysk."),
        ],
    ),
    _profile(
        "justyna.borkowska@example.org", ["32", "21"], ["other", "rd_partner"], PL_EN, ALL,
        "Klaster medyczny: szpitale, uczelnie i producenci wyrobów medycznych.",
        [
            _offer("Dostęp do szpitali do testów klinicznych", "Walidacja wyrobów medycznych."),
            _want("Start-upy medtech", "Do programu akceleracji klastra."),
        ],
    ),
    _profile(
        "dawid.kowalczyk@example.org", ["62", "32"], ["rd_partner", "investment"], PL_EN,
        MORNING,
        "Oprogramowanie AI do analizy obrazów medycznych (TK, MR).",
        [
            _offer("AI for medical imaging", "CE-marked software for radiology workflows."),
            _want("Szpitale i partnerzy kliniczni", "Do badań walidacyjnych."),
        ],
    ),
    # --- food -------------------------------------------------------------------------------------
    _profile(
        "karolina.sikora@example.org", ["10"], ["other", "export_partner"], PL, ALL,
        "Klaster spożywczy z Warmii i Mazur: przetwórcy, rolnicy i uczelnia.",
        [
            _offer("Wspólne stoiska na targach zagranicznych", "Promocja eksportu członków."),
            _want("Dostawcy opakowań ekologicznych", "Opakowania z recyklingu."),
        ],
    ),
    _profile(
        "weronika.sokolowska@example.org", ["10"], ["export_partner", "distributor"], PL_EN,
        AFTERNOON,
        "Spółdzielnia mleczarska: sery dojrzewające i mleko w proszku.",
        [
            _offer("Sery dojrzewające na eksport", "Certyfikaty IFS i BRC."),
            _want("Distributors in Germany and Scandinavia", "Long-term partners."),
        ],
    ),
    _profile(
        "artur.gorski@example.org", ["10"], ["customer", "supplier"], PL, ALL,
        "Przetwórstwo owoców: soki NFC, przeciery i susze.",
        [
            _offer("Soki tłoczone i przeciery", "Również marka własna odbiorcy."),
            _want("Linia do pakowania aseptycznego", "Dostawca maszyn i serwisu."),
        ],
    ),
    _profile(
        "patrycja.laskowska@example.org", ["10", "32"], ["supplier"], PL, ALL,
        "Opakowania do żywności z tworzyw biodegradowalnych i papieru.",
        [
            _offer("Opakowania biodegradowalne", "Tacki, kubki i folie do żywności."),
            _want("Przetwórcy spożywczy", "Testy nowych opakowań."),
        ],
    ),
    # --- automotive -------------------------------------------------------------------------------
    _profile(
        "sebastian.urban@example.org", ["29"], ["customer", "supplier"], PL_EN, ALL,
        "Komponenty do układów napędowych pojazdów elektrycznych.",
        [
            _want("Dostawcy części toczonych i odlewów", "Zgodność z IATF 16949."),
            _offer("Montaż podzespołów", "Wolne moce na liniach montażowych."),
        ],
    ),
    _profile(
        "izabela.kalinowska@example.org", ["29"], ["other", "rd_partner"], PL_EN, ALL,
        "Klaster motoryzacyjny: elektromobilność i transformacja dostawców.",
        [
            _offer("Program transformacji dostawców do elektromobilności",
                   "Doradztwo i szkolenia."),
            _want("Producenci magazynów energii i napędów", "Do wspólnego projektu."),
        ],
    ),
    _profile(
        "monika.krawczyk@example.org", ["29", "28"], ["supplier", "export_partner"], PL, ALL,
        "Silniki i napędy elektryczne do pojazdów użytkowych i maszyn.",
        [
            _offer("Napędy elektryczne do pojazdów użytkowych", "Moc 10–150 kW."),
            _want("Obróbka wałów i obudów", "Kooperacja CNC."),
        ],
    ),
    _profile(
        "anna.jankowska@example.org", ["29", "30"], ["supplier", "rd_partner"], PL, ALL,
        "Kompozyty węglowe i szklane dla motoryzacji, lotnictwa i dronów.",
        [
            _offer("Ramy i osłony kompozytowe", "Prepregi, infuzja, autoklaw."),
            _want("Partnerzy z branży dronów", "Wspólne projekty konstrukcji lekkich."),
        ],
    ),
    # --- space and aerospace ----------------------------------------------------------------------
    _profile(
        "klaudia.szulc@example.org", ["30", "26"], ["rd_partner", "customer"], PL_EN, ALL,
        "Budujemy mikrosatelity obserwacyjne i ich podsystemy.",
        [
            _offer("Platformy mikrosatelitarne", "Podsystemy zasilania i komunikacji."),
            _want("Precyzyjna obróbka elementów ze stopów lotniczych", "Części kwalifikowane."),
        ],
    ),
    _profile(
        "filip.baranowski@example.org", ["30", "72"], ["other", "rd_partner"], PL_EN, ALL,
        "Klaster kosmiczny: firmy i instytuty sektora kosmicznego w Polsce.",
        [
            _offer("Wprowadzenie do projektów ESA", "Pomoc przy pierwszym zgłoszeniu."),
            _want("Firmy z przemysłu precyzyjnego",
                   "Kandydaci do łańcucha dostaw sektora kosmicznego."),
        ],
    ),
    _profile(
        "magdalena.lewandowska@example.org", ["30"], ["other", "export_partner"], PL_EN, ALL,
        "Klaster lotniczy z Podkarpacia: producenci części i usług dla lotnictwa.",
        [
            _offer("Łańcuch dostaw lotnictwa", "Kontakty z integratorami."),
            _want("Poddostawcy obróbki skrawaniem", "Części do samolotów i śmigłowców."),
        ],
    ),
    _profile(
        "oliver.bennett@example.org", ["30"], ["export_partner", "rd_partner"], ["en"], ALL,
        "UK aerospace cluster looking for Polish partners in space and defence supply chains.",
        [
            _offer("UK aerospace supply chain introductions", "Events and buyer meetings."),
            _want("Polish companies for the space supply chain", "Machining, electronics, optics."),
        ],
    ),
    _profile(
        "krzysztof.kaminski@example.org", ["26"], ["supplier", "rd_partner"], PL_EN, ALL,
        "Optyka precyzyjna dla przemysłu kosmicznego, obronnego i medycznego.",
        [
            _offer("Soczewki i układy optyczne", "Projektowanie i produkcja."),
            _want("Mechanika precyzyjna do opraw optyki", "Obróbka CNC z tolerancją 5 µm."),
        ],
    ),
    # --- science ----------------------------------------------------------------------------------
    _profile(
        "agnieszka.zielinska@example.org", ["72"], ["rd_partner"], PL_EN, MORNING,
        "Uczelnia techniczna: laboratoria materiałowe, mechatronika i energetyka.",
        [
            _offer("Współpraca B+R z uczelnią", "Wspólne projekty, doktoraty wdrożeniowe."),
            _want("Firmy do doktoratów wdrożeniowych",
                   "Tematy z przemysłu obronnego i energetyki."),
        ],
    ),
    _profile(
        "ewa.dabrowska@example.org", ["72"], ["rd_partner"], PL_EN, AFTERNOON,
        "Instytut badawczy: nowe materiały, powłoki i badania zmęczeniowe.",
        [
            _offer("Badania materiałowe i certyfikacja", "Akredytowane laboratorium."),
            _want("Partnerzy przemysłowi do projektów", "Powłoki ochronne dla energetyki."),
        ],
    ),
    _profile(
        "sylwia.gorecka@example.org", ["72", "35"], ["rd_partner"], PL, ["A01", "A02", "A03",
                                                                          "A04", "B01", "B02"],
        "Doktorantka: modelowanie systemów magazynowania energii.",
        [
            _want("Dane z pracy magazynów energii", "Do badań nad prognozowaniem."),
        ],
        max_meetings=3,
    ),
]  # fmt: skip

# Requests between profiles (by the e-mail's first part), in order. States: pending,
# accepted (a meeting is placed: earliest common slot with a free table), declined, expired,
# cancelled. ``outcome`` = (outcome of the sender, outcome of the recipient) for held meetings.
REQUESTS = [
    ("olena.kovalenko", "bartosz.adamczyk", "accepted",
     "We are looking for a CNC supplier for the defence industry. Can we meet?",
     ("cooperation", "cooperation")),
    ("tomasz.wieczorek", "bartosz.adamczyk", "accepted",
     "Potrzebujemy obudów frezowanych, porozmawiajmy o cenach.", ("held", "cooperation")),
    ("lena.fischer", "bartosz.adamczyk", "accepted",
     "We need turned parts for machine tools.", ("held", "held")),
    ("katarzyna.nowicka", "bartosz.adamczyk", "accepted",
     "Zapraszamy do konsorcjum obronnego.", None),
    ("krzysztof.kaminski", "bartosz.adamczyk", "accepted",
     "Szukamy obróbki opraw optycznych.", None),
    ("lena.fischer", "mateusz.czerwinski", "accepted", "Short series for machine tools?",
     ("no_show", "")),
    ("henryk.zajac", "mateusz.czerwinski", "accepted", "Frezowanie po spawaniu?", None),
    ("lukasz.pawlowski", "anna.jankowska", "accepted", "Ramy kompozytowe do dronów.",
     ("cooperation", "cooperation")),
    ("grzegorz.piotrowski", "katarzyna.nowicka", "accepted", "Wspólny projekt B+R.", None),
    ("rafal.jablonski", "oliver.bennett", "accepted", "Export partners in the UK?",
     ("held", "no_cooperation")),
    ("klaudia.szulc", "krzysztof.kaminski", "accepted", "Optyka do mikrosatelitów.", None),
    ("filip.baranowski", "klaudia.szulc", "accepted", "Projekt ESA dla członków.", None),
    ("oliver.bennett", "filip.baranowski", "accepted", "Cluster cooperation UK–Poland.", None),
    ("marta.sadowska", "kamil.jasinski", "accepted", "Magazyny energii dla gmin klastra.",
     ("cooperation", "held")),
    ("paulina.wilk", "kamil.jasinski", "accepted", "Projekt hybrydowy PV + magazyn.", None),
    ("kamil.jasinski", "henryk.zajac", "accepted", "Obudowy kontenerowe.", None),
    ("szymon.wrobel", "marta.sadowska", "accepted", "Audyt NIS2 dla członków.", None),
    ("izabela.kalinowska", "monika.krawczyk", "accepted", "Projekt elektromobilności.", None),
    ("sebastian.urban", "piotr.kaczmarek", "accepted", "Odlewy do obudów napędów.", None),
    ("robert.chmielewski", "mateusz.czerwinski", "accepted", "Części do urządzeń medycznych.",
     None),
    ("dawid.kowalczyk", "justyna.borkowska", "accepted", "Partnerzy kliniczni dla AI.", None),
    ("karolina.sikora", "patrycja.laskowska", "accepted", "Opakowania ekologiczne.", None),
    ("weronika.sokolowska", "karolina.sikora", "accepted", "Wspólne stoisko na targach.", None),
    ("artur.gorski", "alicja.mroz", "accepted", "Monitoring linii produkcyjnej.", None),
    ("jana.novakova", "magdalena.lewandowska", "accepted", "Interreg project partners?", None),
    ("agnieszka.zielinska", "joanna.wojcik", "accepted", "Doktorat wdrożeniowy 5G.", None),
    # pending
    ("olena.kovalenko", "lukasz.pawlowski", "pending", "Joint testing of drones?", None),
    ("sebastian.urban", "bartosz.adamczyk", "pending", "Części toczone do napędów.", None),
    ("ewa.dabrowska", "marta.sadowska", "pending", "Powłoki dla energetyki.", None),
    ("alicja.mroz", "aleksandra.michalska", "pending", "Pilotaż MES w tłoczni?", None),
    ("justyna.borkowska", "robert.chmielewski", "pending", "Program akceleracji.", None),
    ("marcin.szymanski", "kamil.jasinski", "pending", "Teren pod fabrykę magazynów.", None),
    ("sylwia.gorecka", "paulina.wilk", "pending", "Dane do badań.", None),
    ("pawel.mazur", "aleksandra.michalska", "pending", "Audyt dojrzałości cyfrowej.", None),
    # declined, expired, cancelled
    ("joanna.wojcik", "rafal.jablonski", "declined", "Wspólna oferta łączności?", None),
    ("patrycja.laskowska", "artur.gorski", "declined", "Nowe opakowania do soków.", None),
    ("monika.krawczyk", "mateusz.czerwinski", "declined", "Obróbka wałów.", None),
    ("justyna.borkowska", "dawid.kowalczyk", "declined", "Akcelerator.", None),
    ("marcin.szymanski", "rafal.jablonski", "expired", "Inwestycja w Lubuskiem?", None),
    ("pawel.mazur", "izabela.kalinowska", "expired", "Mentoring dla dostawców.", None),
    ("weronika.sokolowska", "lena.fischer", "expired", "Cheese for Germany?", None),
    ("grzegorz.piotrowski", "olena.kovalenko", "cancelled", "Ballistic testing.", None),
    ("aleksandra.michalska", "sebastian.urban", "cancelled", "Tłoczenie detali.", None),
]  # fmt: skip

CONSULTATION_HOSTS = [
    {
        "name": "Zofia Przykładowa",
        "role": (
            "Ministerstwo Rozwoju i Technologii (osoba przykładowa)",
            "Ministry of Development and Technology (example person)",
        ),
        "topic": (
            "Polityka klastrowa i Krajowe Klastry Kluczowe",
            "Cluster policy and the National Key Clusters",
        ),
        "location": "Sala konsultacji 1",
        "order": 1,
        "slots": (DAY_1, "11:00", 8, 15),  # day, first start, count, minutes
        "booked": ["adam.olszewski", "barbara.grabowska"],
    },
    {
        "name": "Tadeusz Przykładowy",
        "role": (
            "Polska Agencja Rozwoju Przedsiębiorczości (osoba przykładowa)",
            "Polish Agency for Enterprise Development (example person)",
        ),
        "topic": (
            "Programy wsparcia dla klastrów i MŚP",
            "Support programmes for clusters and SMEs",
        ),
        "location": "Sala konsultacji 2",
        "order": 2,
        "slots": (DAY_1, "15:00", 8, 15),
        "booked": ["natalia.wroblewska"],
    },
]

"""How an entity is named in English text: identity (the corpus alias table's canonical) -> English name.

An entity has one identity across languages (``kronik.lang.id.aliases``: "AS", "US" and "United States"
are all "Amerika Serikat"), which is what the store keys, facets and entity pages use; an English article
shows it under its English name.  Every name here is the identity itself or one of its alias variants, so
a name shown is always one the resolver reads back to the same identity (tests check it).  An identity
missing here is shown as it is (names of people and most organisations are the same in both languages).
"""

DISPLAY: dict[str, str] = {
    # countries and regions
    "Amerika Serikat": "United States", "Tiongkok": "China", "Inggris": "United Kingdom", "Rusia": "Russia",
    "Ukraina": "Ukraine", "Korea Utara": "North Korea", "Korea Selatan": "South Korea", "Jepang": "Japan",
    "Jerman": "Germany", "Prancis": "France", "Belanda": "Netherlands", "Arab Saudi": "Saudi Arabia",
    "Uni Emirat Arab": "United Arab Emirates", "Filipina": "Philippines", "Singapura": "Singapore",
    "Myanmar": "Myanmar", "Selandia Baru": "New Zealand", "Mesir": "Egypt", "Turki": "Turkey",
    "Palestina": "Palestine", "Suriah": "Syria", "Yordania": "Jordan", "Irak": "Iraq", "Timor Leste": "East Timor",
    "Papua Nugini": "Papua New Guinea", "Afrika Selatan": "South Africa", "Brasil": "Brazil", "Spanyol": "Spain",
    "Italia": "Italy", "Swiss": "Switzerland", "Yunani": "Greece", "Uni Eropa": "European Union",
    "Timur Tengah": "Middle East", "Jalur Gaza": "Gaza Strip", "Tepi Barat": "West Bank",
    # cities
    "Moskwa": "Moscow", "Jenewa": "Geneva", "Den Haag": "The Hague", "Mekkah": "Mecca", "Madinah": "Medina",
    "Yerusalem": "Jerusalem", "Kairo": "Cairo", "Roma": "Rome", "Brussel": "Brussels", "Wina": "Vienna",
    "Lisabon": "Lisbon", "Sumatera": "Sumatra",
    # international organisations
    "Perserikatan Bangsa-Bangsa": "United Nations", "Organisasi Kesehatan Dunia": "World Health Organization",
    "Dana Moneter Internasional": "International Monetary Fund", "Bank Dunia": "World Bank",
    "Gedung Putih": "White House", "Hizbullah": "Hezbollah", "ISIS": "Islamic State",
}

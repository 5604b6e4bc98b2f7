"""Synthetic name lists and distributions for the demo data: plausible, common names, never real people.

Every list is plain data. Names carry their usual diacritics (Öztürk, Nguyễn, Touré, Jovanović) so
that the demo shows accent-insensitive search; aliases add transliteration variants and the
European names of false documents (Mühlenberg, Lefèvre).
"""

# Nationality distribution of the demo caseload (ISO 3166-1 alpha-3, weight in %, name group, languages).
# The 2025 report (seeds/003) names Syria as by far the largest current group (about 180 Syrian cases a
# week, 945 Syrian departures in 2025) and mentions Morocco and Georgia; its top-10 table is an image,
# so this distribution is our own plausible choice: Syria first, then the usual countries of origin of
# rejected asylum seekers and irregular migrants, and a long tail. Self-registrations raise the Syrian
# share further (see cases.SYRIAN_SELF_REGISTRATION_SHARE), to about a quarter of all cases.
# Languages: (weight, [ISO 639-1 or 639-3 codes]); the first code is the interpreter's language.
NATIONALITIES = [
    ("SYR", 20.0, "levant", [(80, ["ar"]), (15, ["kmr", "ar"]), (5, ["ar", "en"])]),
    ("MAR", 7.5, "maghreb", [(60, ["ar"]), (25, ["rif", "ar"]), (15, ["ar", "fr"])]),
    ("DZA", 6.0, "maghreb", [(70, ["ar", "fr"]), (20, ["ar"]), (10, ["kab", "fr"])]),
    ("ERI", 6.0, "horn", [(90, ["ti"]), (10, ["ti", "ar"])]),
    ("AFG", 6.0, "persian", [(55, ["prs"]), (40, ["ps"]), (5, ["prs", "en"])]),
    ("IRQ", 5.0, "levant", [(55, ["ar"]), (35, ["ckb"]), (10, ["kmr", "ar"])]),
    ("TUR", 5.0, "turkish", [(75, ["tr"]), (25, ["kmr", "tr"])]),
    ("GEO", 4.0, "georgian", [(90, ["ka"]), (10, ["ka", "ru"])]),
    ("NGA", 3.5, "westafrica_en", [(60, ["en"]), (15, ["yo", "en"]), (15, ["ig", "en"]), (10, ["ha", "en"])]),
    ("IRN", 3.5, "persian", [(85, ["fa"]), (15, ["fa", "en"])]),
    # The long tail.
    ("TUN", 2.0, "maghreb", [(70, ["ar"]), (30, ["ar", "fr"])]),
    ("SOM", 2.0, "somali", [(100, ["so"])]),
    ("ETH", 1.5, "horn", [(55, ["am"]), (30, ["om"]), (15, ["ti"])]),
    ("YEM", 1.5, "levant", [(100, ["ar"])]),
    ("LBY", 1.0, "levant", [(100, ["ar"])]),
    ("EGY", 1.0, "levant", [(100, ["ar"])]),
    ("SDN", 1.0, "levant", [(100, ["ar"])]),
    ("PSE", 0.5, "levant", [(100, ["ar"])]),
    ("LBN", 0.5, "levant", [(100, ["ar", "fr"])]),
    ("JOR", 0.3, "levant", [(100, ["ar"])]),
    ("PAK", 1.2, "southasia", [(70, ["ur"]), (30, ["pa", "ur"])]),
    ("BGD", 0.8, "southasia", [(100, ["bn"])]),
    ("IND", 0.8, "southasia", [(50, ["hi"]), (30, ["pa"]), (20, ["en"])]),
    ("LKA", 0.4, "southasia", [(70, ["ta"]), (30, ["si"])]),
    ("NPL", 0.3, "southasia", [(100, ["ne"])]),
    ("CHN", 1.0, "chinese", [(100, ["zh"])]),
    ("VNM", 0.8, "vietnamese", [(100, ["vi"])]),
    ("MNG", 0.7, "mongolian", [(100, ["mn"])]),
    ("PHL", 0.4, "filipino", [(70, ["tl"]), (30, ["en"])]),
    ("ALB", 1.5, "albanian", [(100, ["sq"])]),
    ("SRB", 0.6, "balkan", [(100, ["sr"])]),
    ("BIH", 0.4, "balkan", [(100, ["bs"])]),
    ("MKD", 0.3, "balkan", [(100, ["mk"])]),
    ("MDA", 0.8, "eastern", [(70, ["ro"]), (30, ["ru"])]),
    ("RUS", 0.8, "eastern", [(100, ["ru"])]),
    ("ARM", 1.0, "armenian", [(85, ["hy"]), (15, ["hy", "ru"])]),
    ("AZE", 0.7, "azeri", [(85, ["az"]), (15, ["az", "ru"])]),
    ("GHA", 0.8, "westafrica_en", [(70, ["en"]), (30, ["tw", "en"])]),
    ("SLE", 0.5, "westafrica_en", [(60, ["en"]), (40, ["kri"])]),
    ("LBR", 0.3, "westafrica_en", [(100, ["en"])]),
    ("GMB", 0.5, "westafrica_en", [(60, ["en"]), (40, ["wo"])]),
    ("GIN", 1.0, "westafrica_fr", [(50, ["fr"]), (30, ["ff"]), (20, ["sus"])]),
    ("SEN", 0.6, "westafrica_fr", [(50, ["wo"]), (50, ["fr"])]),
    ("MLI", 0.4, "westafrica_fr", [(60, ["bm"]), (40, ["fr"])]),
    ("CIV", 0.5, "westafrica_fr", [(70, ["fr"]), (30, ["dyu"])]),
    ("CMR", 0.5, "westafrica_fr", [(70, ["fr"]), (30, ["en"])]),
    ("COD", 0.5, "westafrica_fr", [(60, ["fr"]), (40, ["ln"])]),
    ("UGA", 0.3, "eastafrica", [(70, ["en"]), (30, ["lg"])]),
    ("KEN", 0.3, "eastafrica", [(60, ["en"]), (40, ["sw"])]),
    ("BRA", 0.6, "latin_pt", [(100, ["pt"])]),
    ("COL", 0.6, "latin_es", [(100, ["es"])]),
    ("VEN", 0.3, "latin_es", [(100, ["es"])]),
    ("DOM", 0.2, "latin_es", [(100, ["es"])]),
]

# Dutch country names for the interview summaries.
COUNTRY_NAMES_NL = {
    "SYR": "Syrië",
    "MAR": "Marokko",
    "DZA": "Algerije",
    "ERI": "Eritrea",
    "AFG": "Afghanistan",
    "IRQ": "Irak",
    "TUR": "Turkije",
    "GEO": "Georgië",
    "NGA": "Nigeria",
    "IRN": "Iran",
    "TUN": "Tunesië",
    "SOM": "Somalië",
    "ETH": "Ethiopië",
    "ALB": "Albanië",
    "CHN": "China",
    "ARM": "Armenië",
    "GIN": "Guinee",
    "PAK": "Pakistan",
}

# Given names per group: (male, female). Surnames per group.
# fmt: off
GIVEN_NAMES = {
    "levant": (
        ["Mohammed", "Ahmad", "Omar", "Khaled", "Yousef", "Hassan", "Ali", "Mahmoud", "Bassel", "Tarek", "Rami",
         "Karim", "Fadi", "Samir", "Ziad", "Anas", "Hamza", "Mustafa", "Ibrahim", "Walid"],
        ["Fatima", "Aisha", "Rania", "Huda", "Noor", "Layla", "Amal", "Rasha", "Dima", "Hiba", "Mariam", "Salma",
         "Rima", "Lina", "Yasmin"],
    ),
    "maghreb": (
        ["Youssef", "Mehdi", "Hamza", "Anouar", "Bilal", "Rachid", "Nabil", "Karim", "Mustapha", "Soufiane", "Ayoub",
         "Abdelkader", "Redouane", "Saïd", "Ilyas"],
        ["Naïma", "Khadija", "Samira", "Houda", "Leïla", "Soumaya", "Zineb", "Imane", "Fatiha", "Malika"],
    ),
    "horn": (
        ["Yonas", "Dawit", "Filmon", "Samuel", "Habtom", "Mussie", "Robel", "Tesfalem", "Kibrom", "Biniam", "Henok",
         "Abel"],
        ["Senait", "Helen", "Selam", "Merhawit", "Saba", "Tsega", "Luwam", "Ruta", "Feven", "Hiwet"],
    ),
    "somali": (
        ["Abdirahman", "Abdullahi", "Mohamed", "Abdi", "Hassan", "Ahmed", "Yusuf", "Farah", "Liban", "Said"],
        ["Hodan", "Hawa", "Fadumo", "Ayaan", "Sahra", "Amina", "Ifrah", "Nasra"],
    ),
    "persian": (
        ["Ahmad", "Mohammad", "Ali", "Reza", "Hamid", "Farid", "Mustafa", "Javad", "Mehdi", "Omid", "Amir", "Sohrab",
         "Zabihullah", "Hamed"],
        ["Sahar", "Maryam", "Zahra", "Fereshteh", "Parisa", "Shabnam", "Nilofar", "Roya", "Mahsa", "Marzieh"],
    ),
    "turkish": (
        ["Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "Murat", "Emre", "Burak", "Ömer", "Yusuf",
         "Serkan", "Oğuz"],
        ["Zeynep", "Elif", "Ayşe", "Fatma", "Emine", "Gül", "Büşra", "Şeyma", "Hatice", "Özlem"],
    ),
    "georgian": (
        ["Giorgi", "Davit", "Levan", "Irakli", "Zurab", "Nika", "Lasha", "Tornike", "Gela", "Mamuka"],
        ["Nino", "Tamar", "Mariam", "Ana", "Ketevan", "Salome", "Eka", "Natia"],
    ),
    "armenian": (
        ["Aram", "Hayk", "Armen", "Tigran", "Gevorg", "Narek", "Vahe", "Karen"],
        ["Anahit", "Lilit", "Ani", "Gayane", "Mane", "Narine"],
    ),
    "azeri": (
        ["Elvin", "Rashad", "Elnur", "Kamran", "Farid", "Orkhan", "Tural"],
        ["Aysel", "Gunel", "Leyla", "Nigar", "Sevinj"],
    ),
    "westafrica_en": (
        ["Chinedu", "Emeka", "Oluwaseun", "Kwame", "Kofi", "Ibrahim", "Samuel", "Daniel", "Musa", "Tunde", "Kelvin",
         "Lamin", "Ebrima"],
        ["Blessing", "Grace", "Chioma", "Ngozi", "Abena", "Esther", "Joy", "Mariama", "Fatou", "Isatou"],
    ),
    "westafrica_fr": (
        ["Mamadou", "Ibrahima", "Ousmane", "Abdoulaye", "Moussa", "Alpha", "Sékou", "Lamine", "Boubacar",
         "Jean-Baptiste", "Serge", "Cheikh"],
        ["Aminata", "Fatoumata", "Mariama", "Kadiatou", "Aïssatou", "Awa", "Bintou", "Clarisse", "Hawa"],
    ),
    "eastafrica": (
        ["Brian", "Kevin", "Joseph", "Ivan", "Emmanuel", "Peter"],
        ["Faith", "Mercy", "Sarah", "Winnie", "Esther"],
    ),
    "southasia": (
        ["Muhammad", "Imran", "Bilal", "Rahul", "Gurpreet", "Harpreet", "Arjun", "Rashed", "Tanvir", "Kasun", "Suresh",
         "Bikash"],
        ["Ayesha", "Sana", "Priya", "Simran", "Nusrat", "Farzana", "Dilani", "Sita"],
    ),
    "chinese": (
        ["Wei", "Jun", "Hao", "Lei", "Qiang", "Jian", "Tao"],
        ["Fang", "Li Na", "Xiu Ying", "Mei", "Jing", "Yan"],
    ),
    "vietnamese": (
        ["Văn Minh", "Đức Anh", "Quốc Bảo", "Văn Hùng", "Thành Long", "Minh Tuấn"],
        ["Thị Lan", "Thanh Hương", "Thị Mai", "Ngọc Anh", "Thu Trang"],
    ),
    "mongolian": (
        ["Batbayar", "Ganbold", "Enkhbold", "Temuulen", "Bat-Erdene"],
        ["Oyunchimeg", "Sarangerel", "Enkhjargal", "Bolormaa"],
    ),
    "filipino": (
        ["Jose", "Mark Anthony", "John Paul", "Rodel", "Jerome"],
        ["Maria Cristina", "Rowena", "Marites", "Jennylyn", "Analyn"],
    ),
    "albanian": (
        ["Arben", "Besnik", "Driton", "Klodjan", "Ergys", "Ilir", "Gëzim", "Fatmir"],
        ["Elira", "Ermira", "Blerta", "Anila", "Mirela", "Dorina"],
    ),
    "balkan": (
        ["Marko", "Nikola", "Stefan", "Dragan", "Miloš", "Emir", "Goran", "Aleksandar"],
        ["Jelena", "Milica", "Ana", "Amra", "Snežana", "Dragana"],
    ),
    "eastern": (
        ["Ion", "Vasile", "Andrei", "Sergei", "Dmitri", "Alexei", "Vladimir", "Nicolae"],
        ["Elena", "Natalia", "Olga", "Tatiana", "Irina", "Ludmila"],
    ),
    "latin_pt": (
        ["João", "José", "Lucas", "Thiago", "Rafael", "Marcos"],
        ["Luíza", "Ana", "Fernanda", "Camila", "Juliana"],
    ),
    "latin_es": (
        ["Andrés", "Sebastián", "Juan Carlos", "Luis", "José Miguel", "Carlos"],
        ["María José", "Daniela", "Valentina", "Carolina", "Luz Marina"],
    ),
}
# fmt: on

# fmt: off
SURNAMES = {
    "levant": ["Al-Hassan", "Haddad", "Khalil", "Mansour", "Nasser", "Al-Khatib", "Saleh", "Hamdan", "Darwish",
        "Abboud", "Al-Ahmad", "Khoury", "Youssef", "Ibrahim", "Othman", "Al-Masri", "Qassem", "Sabbagh", "Barakat",
        "Zein", "Al-Halabi", "Hamoud", "Jaber", "Al-Shami", "Suleiman", "Al-Ali", "Hussein", "Abdallah", "Kanaan",
        "Al-Rifai"],
    "maghreb": ["El Amrani", "Benali", "Bouzid", "El Idrissi", "Boukhari", "Cherif", "Haddouchi", "Belkacem",
        "Mansouri", "Zerrouki", "Benhaddou", "Lahlou", "Tazi", "Brahimi", "Saïdi", "Aït Ahmed", "Ouali", "Bensaïd",
        "Hamidi", "El Ouardi", "Boudjema", "Ben Salah", "Trabelsi", "Jebali"],
    "horn": ["Gebremariam", "Tesfamariam", "Haile", "Tesfay", "Weldemichael", "Gebrehiwet", "Berhane", "Kidane",
        "Abraha", "Mehari", "Tekle", "Ghebremedhin", "Yohannes", "Asfaha", "Negash", "Woldu", "Tsegay", "Bekele",
        "Tadesse", "Girma"],
    "somali": ["Mohamed", "Abdi", "Hassan", "Warsame", "Farah", "Jama", "Osman", "Ali", "Yusuf", "Nur", "Hersi", "Aden",
        "Egal", "Omar"],
    "persian": ["Ahmadi", "Hosseini", "Rahimi", "Karimi", "Sadeghi", "Mohammadi", "Rezaei", "Jafari", "Nazari",
        "Haidari", "Sultani", "Azizi", "Noori", "Popal", "Wardak", "Safi", "Stanekzai", "Mirzaei", "Ghorbani",
        "Rostami", "Sharifi", "Amiri", "Habibi", "Naderi"],
    "turkish": ["Öztürk", "Çelik", "Şahin", "Yılmaz", "Kaya", "Demir", "Yıldız", "Aydın", "Özdemir", "Arslan", "Doğan",
        "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat", "Güneş", "Erdem", "Tekin",
        "Acar"],
    "georgian": ["Beridze", "Kapanadze", "Gelashvili", "Maisuradze", "Giorgadze", "Lomidze", "Tsiklauri",
        "Kvaratskhelia", "Japaridze", "Mchedlishvili", "Khutsishvili", "Natsvlishvili", "Abashidze", "Chkheidze",
        "Dolidze"],
    "armenian": ["Hakobyan", "Petrosyan", "Grigoryan", "Sargsyan", "Harutyunyan", "Khachatryan", "Vardanyan",
        "Mkrtchyan", "Avetisyan"],
    "azeri": ["Mammadov", "Aliyev", "Huseynov", "Guliyev", "Hasanov", "Ismayilov", "Abbasov", "Rzayev"],
    "westafrica_en": ["Okafor", "Adeyemi", "Okonkwo", "Eze", "Ogunleye", "Mensah", "Boateng", "Owusu", "Sesay",
        "Kamara", "Jallow", "Ceesay", "Bangura", "Obi", "Nwachukwu", "Adebayo", "Asante", "Danso"],
    "westafrica_fr": ["Diallo", "Bah", "Barry", "Sow", "Camara", "Ndiaye", "Diop", "Touré", "Traoré", "Koné",
        "Coulibaly", "Fofana", "Keïta", "Sylla", "Kaboré", "Mbemba", "Nkemdirim", "Kabila"],
    "eastafrica": ["Okello", "Mugisha", "Namukasa", "Otieno", "Kamau", "Wanjiru", "Ochieng"],
    "southasia": ["Khan", "Hussain", "Rahman", "Hossain", "Chowdhury", "Singh", "Kaur", "Sharma", "Perera", "Fernando",
        "Silva", "Gurung", "Thapa", "Malik", "Butt", "Iqbal"],
    "chinese": ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"],
    "vietnamese": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Huỳnh"],
    "mongolian": ["Batsaikhan", "Dorj", "Gantulga", "Tsogt", "Erdenebat", "Purevdorj"],
    "filipino": ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Villanueva"],
    "albanian": ["Hoxha", "Shehu", "Krasniqi", "Gashi", "Berisha", "Çela", "Dervishi", "Leka", "Kola", "Shkëmbi",
        "Morina"],
    "balkan": ["Jovanović", "Petrović", "Nikolić", "Đorđević", "Marković", "Hodžić", "Begić", "Stojanovski", "Ilić",
        "Popović"],
    "eastern": ["Rusu", "Ceban", "Țurcanu", "Munteanu", "Ivanov", "Petrov", "Kuznetsov", "Smirnov", "Popescu",
        "Volkov"],
    "latin_pt": ["Silva", "Santos", "Oliveira", "Souza", "Conceição", "Araújo", "Pereira", "Gonçalves"],
    "latin_es": ["Rodríguez", "Gómez", "Hernández", "Muñoz", "Martínez", "Peña", "Castaño", "Jiménez"],
}
# fmt: on

# Spellings that the same name takes in different documents (transliteration from Arabic, Tigrinya…).
SPELLING_VARIANTS = {
    "Mohammed": ["Mohamed", "Muhammad", "Mohammad"],
    "Mohamed": ["Mohammed", "Mohamad"],
    "Muhammad": ["Mohammed", "Mohamed"],
    "Youssef": ["Yousef", "Yusuf", "Youcef"],
    "Yousef": ["Youssef", "Yusuf"],
    "Yusuf": ["Youssef", "Yousuf"],
    "Ahmad": ["Ahmed", "Ahmet"],
    "Ahmed": ["Ahmad"],
    "Hussein": ["Husain", "Hussain"],
    "Al-Hassan": ["Alhassan", "El Hassan"],
    "Al-Khatib": ["Alkhatib", "El Khatib"],
    "Al-Masri": ["Almasri", "El Masri"],
    "El Amrani": ["Amrani", "Elamrani"],
    "El Idrissi": ["Idrissi", "Elidrissi"],
    "Gebremariam": ["Gebremarian", "Ghebremariam"],
    "Tesfamariam": ["Tesfamarian"],
    "Weldemichael": ["Woldemichael", "Weldemikael"],
    "Haile": ["Hayle"],
    "Fatima": ["Fatma", "Fatimah"],
    "Aisha": ["Aicha", "Ayesha"],
    "Khaled": ["Khalid"],
    "Omar": ["Umar"],
}

# European names of false or borrowed documents, as aliases only (and with their diacritics).
FALSE_DOCUMENT_NAMES = [
    ("Mühlenberg", "Jan"),
    ("Schäfer", "Thomas"),
    ("Lefèvre", "Michel"),
    ("Søndergaard", "Peter"),
    ("García", "José Luis"),
    ("Kowalski", "Marek"),
    ("Moreau", "Antoine"),
    ("Rossi", "Marco"),
    ("Dubois", "Pierre"),
    ("Novák", "Tomáš"),
]

# Dutch names for the synthetic staff, law offices and partner contacts.
# fmt: off
DUTCH_GIVEN = [
    "Sanne", "Lotte", "Daan", "Sem", "Fleur", "Bram", "Anouk", "Ruben", "Iris", "Thijs", "Noor", "Joost", "Eva", "Koen",
    "Femke", "Maarten", "Sophie", "Pieter", "Lisa", "Jeroen", "Esther", "Wouter", "Marloes", "Niels", "Ilse", "Hamza",
    "Yasmina", "Mehmet", "Samira", "Dewi", "Rachid", "Priya",
]
# fmt: on
# fmt: off
DUTCH_SURNAMES = [
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
    "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen",
    "van den Broek", "Verbeek", "Kuipers", "Schouten", "Willems", "Hoekstra", "Kramer", "Postma", "Prins", "Huisman",
    "Koster", "El Idrissi", "Yıldız", "Ramdin", "Bouzid",
]
# fmt: on

# DT&V works from about a hundred locations (seeds/003); the synthetic teams are named after them.
# fmt: off
LOCATIONS = [
    "Amsterdam", "Den Haag", "Utrecht", "Zwolle", "Arnhem", "Budel", "Gilze", "Almere", "Assen", "Groningen",
    "Leeuwarden", "Eindhoven", "Maastricht", "Venlo", "Nijmegen", "Den Bosch", "Tilburg", "Breda", "Middelburg",
    "Haarlem", "Leiden", "Dordrecht", "Enschede", "Hengelo", "Deventer", "Apeldoorn", "Emmen", "Heerlen", "Roermond",
    "Amersfoort", "Hilversum", "Lelystad", "Den Helder", "Alkmaar", "Hoorn", "Zaandam", "Gouda", "Delft", "Zoetermeer",
    "Helmond", "Oss", "Cuijk", "Goes", "Vlissingen", "Sittard", "Doetinchem", "Ede", "Wageningen", "Harderwijk",
    "Kampen", "Meppel", "Hoogeveen", "Drachten", "Sneek", "Heerenveen", "Veendam", "Winschoten", "Delfzijl", "Zevenaar",
    "Alphen aan den Rijn", "Purmerend", "Hoofddorp", "Spijkenisse", "Schiedam", "Vlaardingen", "Capelle aan den IJssel",
    "Rijswijk", "Nieuwegein", "Veenendaal", "Zeist", "Tiel", "Culemborg", "Gorinchem", "Roosendaal", "Bergen op Zoom",
    "Terneuzen", "Waalwijk", "Uden", "Veghel", "Weert", "Kerkrade", "Venray", "Zutphen", "Winterswijk", "Almelo",
    "Oldenzaal", "Steenwijk", "Emmeloord", "Dronten", "Harlingen", "Dokkum", "Stadskanaal", "Hoogezand", "Coevorden",
    "Beverwijk", "Heerhugowaard", "Enkhuizen", "Woerden", "Houten", "Barneveld", "Nijkerk", "Rhenen", "Zaltbommel",
    "Oisterwijk", "Boxtel", "Best", "Valkenswaard", "Geleen",
]
# fmt: on

LAW_OFFICE_FORMS = ["Advocatenkantoor {a} & {b}", "{a} {b} Advocaten", "Rechtsbijstand {a}", "{a} & {b} advocaten"]

INTERVIEW_SUMMARIES = {
    "cooperating": [
        "Betrokkene wil meewerken aan zelfstandig vertrek naar {land}. Besproken: ondersteuning door IOM, "
        "benodigde reisdocumenten en de planning.",
        "Betrokkene heeft aangegeven terug te willen keren en vraagt om terugkeerondersteuning. Afgesproken dat "
        "betrokkene identiteitsdocumenten aanlevert.",
        "Betrokkene werkt mee; familie in {land} kan helpen bij het verkrijgen van een paspoort. Vertrekdatum "
        "voorlopig besproken.",
    ],
    "not_cooperating": [
        "Betrokkene weigert mee te werken aan vertrek en verklaart geen documenten te hebben. Gewezen op de "
        "gevolgen: toezichtmaatregel en gedwongen vertrek.",
        "Betrokkene stelt niet terug te kunnen naar {land} en wil de uitkomst van de procedure afwachten. "
        "Vertrekplicht en mogelijkheid van gedwongen vertrek uitgelegd.",
        "Betrokkene verschijnt te laat en wil niet over vertrek praten. Meldplicht besproken.",
    ],
    "undecided": [
        "Betrokkene twijfelt en wil eerst overleggen met familie en gemachtigde. Informatie gegeven over IOM en "
        "vertrekondersteuning.",
        "Betrokkene overweegt vertrek naar {land} maar maakt zich zorgen over de veiligheid. Vervolggesprek gepland.",
        "Betrokkene staat open voor vertrek als er ondersteuning bij herintegratie is. Mogelijkheden toegelicht.",
    ],
}
FOLLOW_UP_SENTENCES = [
    " Stand van zaken LP-aanvraag besproken.",
    " Afspraken uit het vorige gesprek doorgenomen.",
    " Gemachtigde was telefonisch aanwezig.",
    "",
]
NO_INTERPRETER_REASONS = [
    "Betrokkene spreekt goed Nederlands; tolk niet nodig geacht.",
    "Geen tolk beschikbaar op korte termijn; gesprek in het Engels gevoerd op verzoek van betrokkene.",
    "Betrokkene weigerde het gesprek met tolk en wilde in het Engels spreken.",
]

AGREED_ACTIONS = [
    ("Paspoort of ander identiteitsdocument inleveren", "foreign_national"),
    ("Contact opnemen met IOM over vertrekondersteuning", "foreign_national"),
    ("Aanvraagformulier laissez-passer invullen en ondertekenen", "foreign_national"),
    ("Familie in het land van herkomst vragen om een geboorteakte", "foreign_national"),
    ("Medische gegevens aanleveren voor de BMA", "foreign_national"),
    ("LP-aanvraag indienen bij de ambassade", "case_officer"),
    ("Gemachtigde informeren over de vertrekplanning", "case_officer"),
    ("Aanvraag terugkeerondersteuning beoordelen", "case_officer"),
    ("Intakegesprek bij IOM plannen", "other"),
    ("Ambassade bevestigt de afspraak voor presentatie", "other"),
]

CASE_NOTES = [
    "Betrokkene belde over de stand van zaken; uitgelegd dat de vertrektermijn is verstreken.",
    "Ambassade gebeld over de LP-aanvraag; nog geen reactie.",
    "Gemachtigde meldt dat beroep is ingesteld; afschrift opgevraagd.",
    "COA meldt dat betrokkene niet meer op de locatie verblijft.",
    "Overleg met teamleider over een toezichtmaatregel; eerst meldplicht.",
    "Betrokkene heeft kopie van een identiteitskaart ingeleverd.",
    "IOM bevestigt dat betrokkene zich heeft aangemeld voor terugkeerondersteuning.",
    "Medische situatie besproken met de BMA; geen beletsel voor vertrek gemeld.",
    "Betrokkene is niet verschenen op de afspraak; nieuwe uitnodiging verstuurd.",
    "Vertrekgesprek verzet op verzoek van de tolkendienst.",
]

TERM_REASONS_ZERO = ["Risico op onttrekken aan het toezicht", "Risico op onttrekken; eerder met onbekende bestemming"]
TERM_REASONS_EXTENDED = [
    "Verlengd in verband met medische omstandigheden",
    "Verlengd: gezin met schoolgaande kinderen",
    "Verlengd in afwachting van de reisdocumenten",
]

"""Ready statements from the seminars that ran these exercises, in the seminar's language.

They are content, copied into an item's statements when the facilitator picks them (and then
edited freely), not interface text: each is written out per language from the seed's own words
(Odsherred's dilemmas, the Kommunen 1.0/2.0/3.0 model, KS' ten points of good leadership).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Preset:
    key: str
    kind: str  # the exercise it is made for
    name: object  # lazily translated, for the facilitator's choice
    # language -> [(text, low, middle, high)]
    statements: dict


def _pairs(rows):
    return [("", low, "", high) for low, high in rows]


DILEMMAS = Preset(
    "dilemmas",
    "dilemma",
    _("Dilemmas at play (saving or quality, counting or trust ...)"),
    {
        "da": _pairs(
            [
                ("Spare", "Udvikle kvalitet"),
                ("Dokumentationskrav", "Afvikle bureaukrati"),
                ("Standardisering", "Borgerinddragelse og empowerment"),
                ("Stordrift", "Mangfoldighed og fleksibilitet"),
                ("Styringskæde", "Autonomi"),
                ("Tællelighedslogik", "Tillidslogik"),
            ]
        ),
        "nb": _pairs(
            [
                ("Spare", "Utvikle kvalitet"),
                ("Dokumentasjonskrav", "Bygge ned byråkrati"),
                ("Standardisering", "Innbyggermedvirkning og myndiggjøring"),
                ("Stordrift", "Mangfold og fleksibilitet"),
                ("Styringskjede", "Autonomi"),
                ("Tellbarhetslogikk", "Tillitslogikk"),
            ]
        ),
        "sv": _pairs(
            [
                ("Spara", "Utveckla kvalitet"),
                ("Dokumentationskrav", "Avveckla byråkrati"),
                ("Standardisering", "Medborgardelaktighet och egenmakt"),
                ("Storskalighet", "Mångfald och flexibilitet"),
                ("Styrkedja", "Autonomi"),
                ("Mätbarhetslogik", "Tillitslogik"),
            ]
        ),
        "en": _pairs(
            [
                ("Save money", "Develop quality"),
                ("Documentation requirements", "Cut red tape"),
                ("Standardisation", "Citizen involvement and empowerment"),
                ("Economies of scale", "Diversity and flexibility"),
                ("Chain of command", "Autonomy"),
                ("The logic of counting", "The logic of trust"),
            ]
        ),
    },
)

MUNICIPALITY_30 = Preset(
    "municipality-3.0",
    "self_assessment",
    _("The municipality 1.0, 2.0, 3.0: from authority to local community"),
    {
        "da": [
            ("Kommunen er …", "en myndighed", "en organisation", "et lokalsamfund"),
            (
                "Kommunen møder borgerne som …",
                "undersåtter",
                "kunder",
                "resursestærke, aktive samfundsborgere",
            ),
            (
                "Politikernes opgave er …",
                "at afgøre enkeltsager",
                "at styre organisationen",
                "at lede lokalsamfundet",
            ),
            (
                "Politikerne virker ved at …",
                "behandle sager på formelle møder med formelle dagsordener",
                "sætte mål og økonomiske rammer i dialog med fagfolk og kunder",
                "præge dagsordenerne og stimulere aktiviteten i lokalsamfundet",
            ),
            (
                "Politikerne har kontakt med …",
                "få borgere gennem afgørelser af enkeltsager",
                "flere borgere gennem dialog med brugerråd og borgerinvolvering i planlægning",
                "mange flere borgere gennem events, bevægelser og kommuneinvolvering fra aktive"
                " borgere",
            ),
            (
                "Succeskriteriet for den gode kommune er …",
                "retssikkerhed",
                "faglig kvalitet, kundetilfredshed og effektivitet",
                "et attraktivt og innovativt lokalsamfund, hvor alles resurser er i spil",
            ),
            (
                "Den gode medarbejder er fagligt dygtig og er …",
                "optaget af det korrekte og retfærdige",
                "serviceminded, imødekommende og kan leve sig ind i borgerens behov",
                "optaget af at finde resurserne hos alle, bringe mennesker sammen i fællesskaber,"
                " facilitere og støtte",
            ),
            (
                "Den gode leder er …",
                "god til at huske reglerne",
                "god til styring",
                "god til ledelse",
            ),
        ],
        "nb": [
            ("Kommunen er …", "en myndighet", "en organisasjon", "et lokalsamfunn"),
            (
                "Kommunen møter innbyggerne som …",
                "undersåtter",
                "kunder",
                "ressurssterke, aktive samfunnsborgere",
            ),
            (
                "Politikernes oppgave er …",
                "å avgjøre enkeltsaker",
                "å styre organisasjonen",
                "å lede lokalsamfunnet",
            ),
            (
                "Politikerne virker ved å …",
                "behandle saker i formelle møter med formelle sakslister",
                "sette mål og økonomiske rammer i dialog med fagfolk og brukere",
                "prege dagsordenen og stimulere aktiviteten i lokalsamfunnet",
            ),
            (
                "Politikerne har kontakt med …",
                "få innbyggere gjennom avgjørelser i enkeltsaker",
                "flere innbyggere gjennom dialog med brukerråd og innbyggermedvirkning i"
                " planleggingen",
                "mange flere innbyggere gjennom arrangementer, bevegelser og engasjement fra aktive"
                " innbyggere",
            ),
            (
                "Suksesskriteriet for den gode kommunen er …",
                "rettssikkerhet",
                "faglig kvalitet, brukertilfredshet og effektivitet",
                "et attraktivt og nyskapende lokalsamfunn der alles ressurser er i spill",
            ),
            (
                "Den gode medarbeideren er faglig dyktig og er …",
                "opptatt av det korrekte og rettferdige",
                "serviceinnstilt, imøtekommende og kan sette seg inn i innbyggerens behov",
                "opptatt av å finne ressursene hos alle, bringe mennesker sammen i fellesskap,"
                " legge til rette og støtte",
            ),
            (
                "Den gode lederen er …",
                "flink til å huske reglene",
                "flink til styring",
                "flink til ledelse",
            ),
        ],
        "sv": [
            ("Kommunen är …", "en myndighet", "en organisation", "ett lokalsamhälle"),
            (
                "Kommunen möter medborgarna som …",
                "undersåtar",
                "kunder",
                "resursstarka, aktiva samhällsmedborgare",
            ),
            (
                "Politikernas uppgift är …",
                "att avgöra enskilda ärenden",
                "att styra organisationen",
                "att leda lokalsamhället",
            ),
            (
                "Politikerna verkar genom att …",
                "behandla ärenden på formella möten med formella dagordningar",
                "sätta mål och ekonomiska ramar i dialog med professionen och kunderna",
                "påverka dagordningen och stimulera aktiviteten i lokalsamhället",
            ),
            (
                "Politikerna har kontakt med …",
                "få medborgare genom beslut i enskilda ärenden",
                "fler medborgare genom dialog med brukarråd och medborgardelaktighet i planeringen",
                "många fler medborgare genom evenemang, rörelser och engagemang från aktiva"
                " medborgare",
            ),
            (
                "Framgångskriteriet för den goda kommunen är …",
                "rättssäkerhet",
                "professionell kvalitet, kundnöjdhet och effektivitet",
                "ett attraktivt och innovativt lokalsamhälle där allas resurser tas tillvara",
            ),
            (
                "Den goda medarbetaren är yrkeskunnig och …",
                "mån om det korrekta och rättvisa",
                "serviceinriktad, tillmötesgående och kan sätta sig in i medborgarens behov",
                "mån om att hitta resurserna hos alla, föra samman människor i gemenskaper,"
                " underlätta och stötta",
            ),
            (
                "Den goda ledaren är …",
                "bra på att komma ihåg reglerna",
                "bra på styrning",
                "bra på ledarskap",
            ),
        ],
        "en": [
            ("The municipality is …", "an authority", "an organisation", "a local community"),
            (
                "The municipality meets its citizens as …",
                "subjects",
                "customers",
                "resourceful, active citizens",
            ),
            (
                "The politicians' task is …",
                "to decide individual cases",
                "to run the organisation",
                "to lead the local community",
            ),
            (
                "The politicians work by …",
                "handling cases at formal meetings with formal agendas",
                "setting goals and budgets in dialogue with professionals and customers",
                "shaping the agenda and stimulating activity in the local community",
            ),
            (
                "The politicians are in contact with …",
                "few citizens, through decisions in individual cases",
                "more citizens, through user boards and citizen involvement in planning",
                "many more citizens, through events, movements and active citizens' involvement",
            ),
            (
                "The good municipality's measure of success is …",
                "legal certainty",
                "professional quality, customer satisfaction and efficiency",
                "an attractive, innovative local community where everyone's resources are in play",
            ),
            (
                "The good employee is professionally skilled and …",
                "concerned with what is correct and fair",
                "service-minded, obliging and able to see the citizen's needs",
                "concerned with finding everyone's resources, bringing people together,"
                " facilitating and supporting",
            ),
            (
                "The good leader is …",
                "good at remembering the rules",
                "good at management",
                "good at leadership",
            ),
        ],
    },
)


def _points(rows):
    return [(text, "", "", "") for text in rows]


KS_TEN_POINTS = Preset(
    "ks-ten-points",
    "rating",
    _("KS' ten points of good leadership in municipalities"),
    {
        "nb": _points(
            [
                "Skape forståelse for oppdraget: ansvaret for en helhetlig utvikling av"
                " lokalsamfunnet og velferdstjenester",
                "Skape forståelse og aksept for folkevalgtes oppgave og demokratiske prosesser",
                "Formidle sektorens egenart og kvaliteter og utvikle positivt omdømme",
                "Skape en virksomhet som er orientert mot utvikling og nyskapning",
                "Bidra til at medarbeiderne har kunnskap om brukere, innbyggere, partnere, deres"
                " ressurser, forventninger og krav til medvirkning",
                "Utvikle dialogarenaer for samhandling",
                "Involvere og legge til rette for medvirkning og utløse medarbeidernes kunnskap,"
                " kreativitet og engasjement",
                "Arbeide for at åpenhet og integritet kjennetegner våre handlinger og holdninger",
                "Levere resultater i tråd med politiske vedtak",
                "Akseptere ansvar og myndighet som følger av lederrollen",
            ]
        ),
        "da": _points(
            [
                "Skabe forståelse for opgaven: ansvaret for en helhedsorienteret udvikling af"
                " lokalsamfundet og velfærdsydelserne",
                "Skabe forståelse og accept af de folkevalgtes opgave og de demokratiske processer",
                "Formidle sektorens egenart og kvaliteter og udvikle et positivt omdømme",
                "Skabe en organisation, der er orienteret mod udvikling og nytænkning",
                "Bidrage til, at medarbejderne kender brugere, borgere og samarbejdspartnere, deres"
                " ressourcer, forventninger og krav om medindflydelse",
                "Udvikle dialogfora for samarbejde",
                "Involvere, give plads til medindflydelse og sætte medarbejdernes viden,"
                " kreativitet og engagement i spil",
                "Arbejde for, at åbenhed og integritet præger vores handlinger og holdninger",
                "Levere resultater i overensstemmelse med de politiske beslutninger",
                "Påtage sig det ansvar og den myndighed, der følger med lederrollen",
            ]
        ),
        "sv": _points(
            [
                "Skapa förståelse för uppdraget: ansvaret för en helhetlig utveckling av"
                " lokalsamhället och välfärdstjänsterna",
                "Skapa förståelse och acceptans för de förtroendevaldas uppgift och de demokratiska"
                " processerna",
                "Förmedla sektorns särart och kvaliteter och bygga ett gott anseende",
                "Skapa en verksamhet som är inriktad på utveckling och förnyelse",
                "Bidra till att medarbetarna känner brukare, medborgare och partner, deras"
                " resurser, förväntningar och krav på delaktighet",
                "Utveckla mötesplatser för dialog och samverkan",
                "Involvera, ge utrymme för delaktighet och ta tillvara medarbetarnas kunskap,"
                " kreativitet och engagemang",
                "Verka för att öppenhet och integritet präglar våra handlingar och"
                " förhållningssätt",
                "Leverera resultat i linje med de politiska besluten",
                "Ta det ansvar och den befogenhet som följer med ledarrollen",
            ]
        ),
        "en": _points(
            [
                "Build an understanding of the mission: responsibility for the whole development"
                " of the local community and its welfare services",
                "Build understanding and acceptance of the elected representatives' task and of"
                " democratic processes",
                "Convey the sector's particular nature and qualities, and build a good reputation",
                "Create an organisation geared to development and innovation",
                "Help employees know users, citizens and partners: their resources, expectations"
                " and wish to take part",
                "Develop arenas for dialogue and collaboration",
                "Involve, make room for participation and release the employees' knowledge,"
                " creativity and commitment",
                "Work so that openness and integrity mark our actions and attitudes",
                "Deliver results in line with political decisions",
                "Accept the responsibility and authority that come with the leadership role",
            ]
        ),
    },
)

PRESETS = {preset.key: preset for preset in (DILEMMAS, MUNICIPALITY_30, KS_TEN_POINTS)}


def presets_for(kind):
    return [preset for preset in PRESETS.values() if preset.kind == kind]


def default_for(kind):
    found = presets_for(kind)
    return found[0] if found else None


def statements_of(preset, language):
    return preset.statements.get(language) or preset.statements["en"]

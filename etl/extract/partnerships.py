"""Partnerships and milestones named in a sentence, with the kind names of the data model.

A 'named span' is a run of capitalised words that may contain lower-case connectors ('International
Decade for the Rapprochement of Cultures', 'Security Council Resolution 2347'); its head word and the
sentence around it decide the kind. World Heritage and intangible heritage inscriptions are found from an
inscription verb plus a World Heritage property from the gazetteer, or a quoted name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import Found
from .reference import Reference
from .text import CYRILLIC, by_first_letter, first_letters, fold, guarded, holds_any_case, key_words, token_key, tokens

CONNECTORS = r"(?:of|for|the|on|and|to|de|du|des|la|'s)"
CAPWORD = r"(?:[A-Z][\w'’.\-]*(?:\+\d+)?|\d{4}[-–]\d{4}|\d+(?:st|nd|rd|th)?|EXPO-\d{4}|Expo-\d{4}|[“\"][A-Z][^”\"]{2,80}[”\"])"
SPAN = guarded(r'[A-Z\d“"]', rf"{CAPWORD}(?:\s+(?:{CONNECTORS}\s+)*{CAPWORD})*")
QUOTED = re.compile(r"[“\"«]([^”\"»]{3,120})[”\"»]")

NESTED_PROGRAMME = re.compile(r"\b(International (?:Decade|Year)\b.*)$")
C2C_CONTEXT = re.compile(r"category\s*(?:2|II|two)\b|under the auspices of UNESCO", re.I)
# a centre that carries UNESCO's name as a regional or international one, opened, launched or hosted, is a category 2
# centre without the words ('the launch of the UNESCO Regional Center for ...'; not a visit of another country's centre)
UNESCO_CENTRE = re.compile(r"(?:the\s+)?UNESCO\s+(?:regional|international|sub-?regional)\s+(?:centre|center)\b", re.I)
CENTRE_FOUNDED = re.compile(r"\b(?:launch|open|establish|creat|found|host|set(?:ting)?\s+up|inaugurat)", re.I)
WH_LIST = guarded(r"[wсо]",
                  r"World Heritage (?:List|site|sites|property|properties|status)|(?:спис\w*|объект\w*) всемирного наследия", re.I)
INSCRIBE = guarded(r"[iaeljbrdpвпд]",
                   r"\b(inscri\w*|added to|entered|included in|listed|joined the|became|recogni[sz]ed|designat\w*|proclaimed|"
                   r"incorporated)\b|(?<![\w-])(?:включ\w*|внес\w*|внесен\w*|вош(?:ел|ла|ли)|призна\w*|добавлен\w*)(?![\w-])", re.I)
NOMINATE = guarded(r"[ntcdb]", r"\b(nominat\w*|nomination|Tentative List|candidacy|dossier|bid|chances?\s+(?:of|to|for)|candidate\s+"
                   r"(?:for|to))\b", re.I)
# 'X may be inscribed on the List if the Committee approves': still to be decided, a nomination (Russian: RU_PLANNED)
MODAL_INSCRIPTION = guarded(r"[mcsw]", r"\b(?:may|might|could|should|would)\s+(?:(?:soon|also|then|one day|eventually)\s+)?be\s+"
                                     r"(?:inscribed|added to|included in|listed)\b")
FOR_INSCRIPTION = re.compile(r"\b(?:present\w*|submit\w*|propos\w*|put\s+forward|considered|recommended)\s+(?:[^.;:]{0,80}?\s)?for\s+"
                             r"(?:the\s+)?inscription\b", re.I)
ICH = guarded(r"[ir]", r"intangible (?:cultural )?heritage|Representative List", re.I)
MEMORANDUM = re.compile(r"\b(memorandum of understanding|memorandum|agreement|action plan|roadmap|road map|aide-m[ée]moire)(?![\w-])",
                        re.I)
SIGN = guarded(r"[scraApdр]",
               r"\b(sign\w*|conclu\w*|ratif\w*|adopt\w*|agreed (?:on|to|upon)|approv\w*|(?:agreed that [^.;]{0,60}?)?(?:prepare|draw up|"
               r"drew up|drawn up|draft)\s+(?:an?|the)?\s*(?:\w+\s+){0,2}(?:action plan|roadmap|road map|memorandum|agreement))\b", re.I)
GENERIC_NAMES = {"unesco", "united nations", "the united nations", "un", "general conference", "executive board", "security council",
                 "the organization", "conference", "forum", "centre", "center", "institute", "session", "assembly", "programme",
                 "global geopark", "unesco global geopark", "unesco global geoparks", "world network of biosphere reserves",
                 "united nations general assembly", "general assembly", "world heritage committee", "un general assembly",
                 "international year", "un year", "decade", "international decade", "the decade", "network", "agreement",
                 "memorandum", "roadmap", "action plan", "year", "convention",
                 # other UN bodies named 'Programme', not a programme of the cooperation
                 "united nations development programme", "un development programme", "united nations environment programme",
                 "un environment programme", "world food programme"}
TRIM_LEADING = re.compile(r"^(?:The|This|A|An|Its|Their|In|On|At|During|Under|As|By|For|With|UNESCO's|UNESCO)\s+")


@dataclass
class Partnership:
    name: str
    kind: str
    year: int | None
    evidence: str
    sentence_index: int
    rule: str = "span"  # which rule found it: the key of its confidence in calibration.json
    confidence: float | None = None  # how often a partnership found by this rule was right on the dev part
    countries: list[str] = field(default_factory=list)  # the countries of its own sentence (or paragraph)
    themes: list[str] = field(default_factory=list)  # the themes of its own paragraph

    @property
    def signature(self) -> str:
        """The features its confidence is looked up by: the rule that found it and the kind."""
        return f"partnership|rule:{self.rule}|kind:{self.kind}" + ("|ru" if CYRILLIC.search(self.evidence) else "")


NAMED_DOCUMENT = re.compile(r"\b(?:Agreement|Memorandum(?: of Understanding)?|Framework Agreement)\s+(?:between|on|of)\s")
FINITE_VERB = r"(?:was|were|is|are|has|have|had|will|would|took|takes|came|comes|covers|covered|provides|provided|sets|remains|remained)\b"
OWN_PLAN = re.compile(r"\b(?:national|its own|their own|(?:government|ministry|state)['’]s|governmental)\s+(?:\w+\s+)?$", re.I)
OWN_KEY_KINDS = {"world_heritage_danger_listing", "world_heritage_nomination", "tentative_list"}  # next to an inscription
BACK_TO_PROPERTY = re.compile(r"\b(?:the|its|their) (?:part of the )?(?:property|site|nomination)\b|(?<![\w-])(?i:номинаци\w*|"
                              r"(?:свою|его|её|ее) част\w* объект\w*|этот объект|данный объект)(?![\w-])")
CENTRE_SUFFIX = re.compile(r"\s+\(|\s+under the auspices\b")
PROPOSAL = re.compile(r"\b(?:propos\w*|seek\w*|bid|appl(?:y|ied|ication)|candida\w*|creat\w* of|establish\w*|set(?:ting)? up)\b", re.I)
GEOPARK_PROPOSED = re.compile(r"\b(?:an?\s+)?(?:aspiring\s+)?UNESCO Global Geopark\s+(?:in|for)\s+(?:the\s+)?"
                              r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
CENTRE_IN_CITY = re.compile(r"\b(UNESCO\s+(?:regional|international|subregional)\s+(?:centre|center)\s+in\s+[A-Z][\w'’-]+)")
NOMINATION_OF = re.compile(r"\bnomination(?:\s+(?:file|dossier))?\s+(?:of|for)\s+(?:the\s+)?((?:[A-Z][\w'’-]*:?)(?:\s+(?:(?:of|the|and|within)\s+)*"
                           r"[A-Z][\w'’-]*:?)*)")
QUOTED_NOMINATION = re.compile(r"\b(?:dossier|nomination(?: file)?)\s+[“\"]([^”\"]{3,120})[”\"]|(?<![\w-])(?i:досье)\s+"
                               r"(?:[а-яё]+\s+){0,4}[“\"«]([^”\"»]{3,120})[”\"»]", re.I)


def _year(span: str, start: int, end: int, dates: list[Found], sentence: str) -> int | None:
    """The year a named span states, else the first date after it (within 150 characters), else the nearest date
    before it in the same clause (no comma between)."""
    match = re.search(r"\b((?:19|20)\d{2})\b", span)
    if match:
        return int(match.group(1))
    after = [d for d in dates if 0 <= d.start - end <= 150]
    if after:
        return after[0].year
    before = [d for d in dates if 0 <= start - d.end <= 100 and "," not in sentence[d.end : start]]
    return before[-1].year if before else None


def _clean(name: str) -> str:
    name = TRIM_LEADING.sub("", name.strip(" ,.;:")).strip()
    name = re.sub(r"\s+(of|for|the|on|and|in|to|at)$", "", name)
    return name


ORDINAL_WORDS = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
                 "fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth")
# 'the 45th session of the World Heritage Committee', 'the fifteenth session of the Intergovernmental Committee ...',
# 'The World Heritage Committee, at its 38th session', '37-й сессии Комитета всемирного наследия'
BODY = r"(?:UNESCO\s+)?((?:[A-Z][\w'’-]*)(?:\s+(?:(?:of|for|the|on|and)\s+)*[A-Z][\w'’-]*)*)"
SESSION_OF = guarded(r"\d|(?i:[fstenw])",
                     r"\b(\d{1,3}(?:st|nd|rd|th)|(?i:" + ORDINAL_WORDS + r"))\s+(?:\(?(?:extended|ordinary|extraordinary|special)\)?\s+)?"
                     r"[Ss]ession\s+of\s+(?:the\s+)?" + BODY)
MEETING_OF = re.compile(r"\b(\d{1,3}(?:st|nd|rd|th)|(?i:" + ORDINAL_WORDS + r"))\s+(?:annual\s+)?meeting\s+of\s+(?:the\s+)?(?:UNESCO['’]s\s+)?"
                        + BODY)
SESSION_ITS = re.compile(r"\b(?:its|his|her|their)\s+(?:\(?(?:extended|ordinary|extraordinary|special)\)?\s+)?(\d{1,3}(?:st|nd|rd|th)|(?i:"
                         + ORDINAL_WORDS + r"))\s+(?:\(?(?:extended|ordinary|extraordinary|special)\)?\s+)?session\b")
BODY_BEFORE = re.compile(r"(?:the\s+)?(?:UNESCO\s+)?((?:[A-Z][\w'’-]*)(?:\s+(?:(?:of|for|the|on|and)\s+)*[A-Z][\w'’-]*)*\s+"
                         r"(?:Committee|Conference|Board|Council|Assembly)(?:\s+(?:(?:of|for|the|on|and)\s+)*[A-Z][\w'’-]*)*)")
RU_STOP = r"(?:в|во|на|и|по|с|со|к|о|об|а|что|как|для|при|из|от|до|за|у|который|которая|которое|которые)"
RU_NOT_STOP = r"(?!" + RU_STOP + r"(?![\w-]))"
SESSION_POSSESSIVE = re.compile(r"\b(?:UNESCO\s+)?((?:[A-Z][\w-]*\s+(?:(?:of|for|the|on|and)\s+)*)*(?:Committee|Conference|Board|Council|"
                                r"Assembly|Commission))['’]s\s+(\d{1,3}(?:st|nd|rd|th)|(?i:" + ORDINAL_WORDS + r"))\s+"
                                r"(?:\(?(?:extended|ordinary|extraordinary|special)\)?\s+)?session\b")
RU_SESSION = re.compile(r"(\d{1,3})(?:-?(?:я|й|ой|ая|ом|ю|ий))?\s+((?:внеочередн\w+\s+|расширенн\w+\s+)?сесси\w+)"
                           r"((?:\s+[А-ЯЁ][\w-]*(?:\s+" + RU_NOT_STOP + r"(?![а-яё-]*(?:ла|ло|ли)(?![\w-]))[а-яё][\w-]*(?:ого|его|ых|их|ия|ии|ей|ов|ев|ы|и|а|я|ой|ий))"
                           r"{0,3})(?:\s+(?:ЮНЕСКО|ООН))?)?(?=[\s,.;:)]|$)")  # the body's words in the genitive ('… наследия', not 'объект')
RU_BODY_BEFORE = re.compile(r"([А-ЯЁ][а-яё]+(?:\s+[а-яё]+){0,3}\s+(?:комитет|совет|конференци|ассамбле)\w*(?:\s+" + RU_NOT_STOP +
                            r"[а-яё]+){0,3}|(?:Комитет|Совет|Конференци|Ассамбле)\w*(?:\s+" + RU_NOT_STOP + r"[а-яё]+){0,3})")
SESSION = re.compile(r"\b(\d{1,2}(?:st|nd|rd|th))\s+session\s+of\s+(?:the\s+)?(?:UNESCO\s+)?(General Conference|Executive Board|"
                     r"World Heritage Committee|Intergovernmental Committee[^,.;]*)", re.I)
MEMBERSHIP = guarded(r"[jbimhw]",
                     r"\b(?:joined (?:UNESCO|the Organi[sz]ation)|(?:became|becoming|is|has been|was|been) (?:a )?(?:Member State|member) "
                     r"of (?:UNESCO|the Organi[sz]ation)|membership (?:of|in) (?:UNESCO|the Organi[sz]ation))", re.I)
NUMBERED_RESOLUTION = re.compile(r"\b(?:(General Assembly|Security Council)\s+)?[Rr]esolution\s+((?:A/RES/)?\d+(?:/\d+)?)\b")
PROCLAIMING = re.compile(r"\bresolution\s+(?:proclaiming|declaring|establishing|on)\b[^.;]*?\b(International (?:Day|Year|Decade) "
                         r"(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of|for|the|and|[A-Z][\w'’-]*))*)")
# 'a resolution declaring 3 March "World Felt Day"': the day in quotes, after what it names (a date, a year)
QUOTED_PROCLAIMED = re.compile(r"\bresolutions?\s+(?:proclaiming|declaring|establishing)\s+(?:[^.;“\"]{0,40}?\s)?(?:as\s+)?(?:the\s+)?"
                               r"[“\"]([A-Z][^”\"]{2,100}?\b(?:Day|Year|Decade|Week))[”\"]")
NOMINATION_BRACKET = re.compile(r"\b([A-Z][\w'’-]*(?:\s+[\w'’-]+){0,6}?)\s+\((?:(?:trans)?national|joint|serial|"
                                r"transnational serial|extended)\s+nomination\)")
COMPONENT_OF = re.compile(r"(?:^|[\s,:;])(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?!one\b)[\w'’-]+){0,4}),\s+one of the (?:elements|components|"
                          r"parts|sites) of which (?:is|are)\s+(?:the\s+)?$")
NATIONAL_COMMITTEE = re.compile(r"\b(National\s+(?:[A-Z][\w'’-]*\s+){0,3}Committee(?:\s+(?:for|on)\s+(?:the\s+)?(?:UNESCO\s+)?"
                                r"[A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’-]*){0,4})?)\s+(?:(?:was|were|has been|had been)\s+)?"
                                r"(?:established|set up|created|founded|formed)\b")
RU_NATIONAL_COMMITTEE = re.compile(r"(?<![\w-])(?i:национальн\w+)\s+комитет\w*\s+(по\s+[а-яё\s]{3,60}?ЮНЕСКО)")
RU_COMMITTEE_CREATED = re.compile(r"(?<![\w-])(?i:национальн\w+)\s+комитет\s+(?:был\s+)?(?:создан|учрежд[её]н|образован)(?![\w-])")
ORGAN_OF = re.compile(r"(?:the\s+)?(?:Secretariat|Executive Office|Office|Bureau|Presidium|Headquarters|Organi[sz]ing Committee)\s+of\s")
LOWER_CENTRE = re.compile(r"\b((?:UNESCO|a UNESCO|an? UNESCO)\s+(?:(?:regional|international|national)\s+)?(?:centre|center|institute)"
                          r"\s+(?:for|of|on)\s+[a-z][^,.;()]{3,70}?)(?=\s+(?:in|at|and|which|that|to|was|will|with)\s|[,.;()]|$)")
PARTICIPLE = re.compile(r"(?:\bincludes?|\bincluding|,\s+and|\band)\s+(?:the\s+)?([A-Za-z][^,;:]{1,60}?),\s+(?:the\s+[^,]{2,80},\s+)?"
                        r"(?:inscribed|proclaimed) (?:in|on)\b")
QUOTED_ONE_TAIL = re.compile(r"\b(?:nomination|file|element|dossier|tradition|practice|candidacy)\s+[“\"]([^”\"]{3,120})[”\"]$")
QUOTED_ELEMENT_LIST = re.compile(r"\b(?:inscriptions?\s+of|(?:multinational\s+|joint\s+)?nominations)\s+((?:(?:the\s+)?[“\"][^”\"]{3,120}"
                                 r"[”\"](?:\s*,\s*(?:and\s+)?|\s+and\s+)){1,}(?:the\s+)?[“\"][^”\"]{3,120}[”\"])\s+(?:to|on|in|into)\s+"
                                 r"(?:the\s+)?(?:UNESCO\s+)?(?:Representative|World Cultural Heritage|Intangible|List)")
QUOTED_TAIL = re.compile(r"(?:[“\"][^”\"]{3,120}[”\"](?:\s*,\s*|\s+and\s+)?){2,}$")  # '"A", "B" and "C"' ending a clause
INSCRIBED_VERB = re.compile(r"\s+(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?(?:also\s+)?(?:\w+ly\s+)?"
                            r"(?:inscribed|proclaimed|added|included|entered|registered|listed)\b")
QUANTITY = re.compile(r"^(?:in\s+all,?\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|several|many|some|all|both|these|those|its|their|"
                      r"the three|the two|\d+)\b", re.I)
LOWER_EVENT = re.compile(r"\b((?:(?:international|regional|high-level|world|global|anniversary|Central Asian|Asian|annual)\s+)+"
                         r"(?:conference|forum|symposium|summit|festival)\s+(?:on|of|for)\s+[^,.;()]{3,90}?)"
                         r"(?=\s+(?:in|at|and|which|that|to|was|will|with|together)\s|[,.;()]|$)")
QUOTED_PROJECT = re.compile(r"\b(?:project|programme|program|initiative)\s+[“\"]([^”\"]{3,120})[”\"]|[“\"]([^”\"]{3,120})[”\"]\s+"
                            r"(?:project|programme|program|initiative)\b", re.I)
BIOSPHERE_LIST = re.compile(r"((?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)(?:(?:,\s*|\s+and\s+)(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*))*)"
                            r"\s+(?:[Bb]iosphere [Rr]eserves?\b(?!\s+Network)|(?:now\s+)?(?:belong|belongs|joined|join|joins)\s+(?:to\s+)?"
                            r"(?:UNESCO's\s+)?the\s+World Network of Biosphere Reserves)")
DELEGATION = re.compile(r"\b(?:opened|opens|established|establishes|set up|sets up|inaugurated)\s+(?:a|an|its|the)\s+(?:new\s+)?"
                        r"Permanent (Delegation|Mission) to UNESCO\b")
DESIGNATED_AS_RESERVE = re.compile(r"\b(?:designat\w*|declar\w*|nam(?:ed|es))\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:as\s+)?"
                                   r"(?:an?|the|its)\s+(?:\w+\s+){0,2}?(?:UNESCO\s+)?[Bb]iosphere [Rr]eserve\b")  # 'UNESCO designated X a …'
DESIGNATED_RESERVE = re.compile(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:has been|have been|was|were|is|had been|became|has become)\s+"
                                r"(?:(?:designated|named|declared|recogni[sz]ed|listed)\s+)?(?:as\s+)?(?:an?|the|its|[A-Z][\w-]+['’]s)\s+(?:\w+\s+){0,2}?"
                                r"(?:UNESCO\s+)?[Bb]iosphere [Rr]eserve\b")
NOT_ELEMENTS = {"the committee", "committee", "the list", "list", "unesco", "the element", "the representative list", "it", "they",
                "the nomination", "the file", "the tradition", "this", "the decision", "the epic", "the art"}


# a named agreement that is only its head: what follows in lower case ('between ...', 'on ...') is its name
BARE_AGREEMENTS = {"memorandum of understanding", "memorandum", "agreement", "framework agreement", "cooperation agreement",
                   "agreement on cooperation", "action plan", "roadmap", "road map"}
# 'the Five Continents medal', 'the Beruniy prize': a capitalised name before a lower-case medal, prize or award
# an event with a quoted title: 'the international conference "Dialogue – a guarantee of peace"'
QUOTED_EVENT = re.compile(r"\b((?i:(?:(?:international|regional|sub-regional|subregional|high-level|scientific|national|annual|"
                          r"scientific-practical)\s+)*(?:conference|forum|symposium|seminar|workshop|festival|exhibition|congress|"
                          r"summit|round table|roundtable|expedition)))\s+[“\"«]([^”\"»]{3,120})[”\"»]")
# an action plan or roadmap named by its years, signed or not: 'the joint action plan for 2021-2023'
ACTION_PLAN_YEARS = re.compile(r"\b((?:(?:joint|national|programmatic|common|comprehensive)\s+)?(?:action plan|plan of action|"
                               r"work ?plan)\s+(?:for|of)\s+(?:the\s+(?:years?|period)\s+)?((?:19|20)\d{2})\s*[–-]\s*"
                               r"(?:19|20)?\d{2})")
ROADMAP_YEARS = re.compile(r"\b((?:(?!(?:the|a|an|its|their|this|that|national)\b)[a-z][\w-]+\s+)?road ?map\s+(?:for|of)\s+"
                           r"(?:the\s+(?:years?|period)\s+)?((?:19|20)\d{2})\s*[–-]\s*(?:19|20)?\d{2})")
# Russian elements written as common nouns after the verb that puts them on a list (RU_ENTERED)
RU_ENTERED = re.compile(r"(?<![\w-])(?:вош(?:ло|ла|ли|ел)|включен\w*|внесен\w*|включил\w*|внес(?:ла|ли)?)(?![\w-])", re.I)
RU_LOWER_ELEMENT = re.compile(r"(?<![\w-])((?:искусств|мастерств|ремесл|традици|обряд|праздни|эпос|танц|танец|ритуал|обыча|"
                              r"технологи|знани)[а-яё]*\s+[а-яё][^,.;:–—«»]{2,150}?)(?=\s*(?:[,.;:]|$|\s+а\s+|\s+[–—]\s+))")
# a UNESCO Chair in Russian: 'кафедры ЮНЕСКО «Устойчивый исторический туризм на Шелковом пути»', 'кафедра ЮНЕСКО по ...',
# or with no title, as the English 'a UNESCO Chair at the university' ('кафедры ЮНЕСКО в университете')
RU_CHAIR = re.compile(r"(?<![\w-])(?i:кафедр\w*)\s+ЮНЕСКО(\s+«[^»]{3,120}»|\s+по\s+[а-яё]+(?:\s+(?!(?:и|в|во|на|при|с|со|для|у|из)(?![\w-]))[а-яё]+){0,4})?")
LOWER_PRIZE = re.compile(r"\b((?:[A-Z][\w'’-]+\s+)+)(medal|prize|award)\b")
# 'a UNESCO academy for women's leadership': a proposed academy of UNESCO (not a centre)
LOWER_ACADEMY = re.compile(r"\b((?:an?\s+)?UNESCO\s+(?:(?:regional|international)\s+)?academy\s+(?:for|of|on)\s+[a-z][^,.;()]{3,60}?)"
                           r"(?=\s+(?:in|at|and|which|that|to|was|will|with)\s|[,.;()]|$)")
FOCUS_ISO3 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
OFFICE_TRANSFORMED = re.compile(r"\b(?:transform\w*|conver\w*|upgrad\w*|turn\w*)\s+(?:of\s+)?(?:the\s+)?(UNESCO\s+(?:(?:[A-Z][\w'’-]+\s+){1,3}"
                                r"Office|(?:[A-Z][\w'’-]+\s+){0,2}office\s+in\s+[A-Z][\w'’-]+))\s+into\s+((?:an?|the)\s+(?:[A-Z][\w'’-]+\s+){1,3}Office)\b")
OFFICE_HINT = re.compile(r"open|establish|set up|setting up|открыт|открыв|созда|учрежд")
OFFICE_OPENED = re.compile(r"\b(?:open(?:s|ed|ing)?|establish(?:es|ed|ing|ment)?|set(?:ting)? up)\s+(?:of\s+)?(?:a|an|the)\s+(?:new\s+)?"
                           r"(UNESCO\s+(?:(?:national|country|field|liaison|project|regional|cluster)\s+)?[Oo]ffice)\s+in\s+"
                           r"(?:the\s+country\b|([A-Z][\w'’-]+))|(?<![\w-])(?i:открыт\w*|открыва\w*|созда\w*|учрежд\w*|учред\w*)\s+"
                           r"((?i:бюро|офис\w*|представительств\w*))\s+ЮНЕСКО\s+(?:в|во)\s+([А-ЯЁ][\w-]+)")
ACADEMY_WITHIN = re.compile(r"\b(?:establish\w*|creat\w*|set(?:ting)? up|found(?:ing|ed)?|open(?:ing|ed)?)\s+(?:of\s+)?(?:an?|the)\s+"
                            r"((?:(?:international|regional|new|global)\s+)*(?:academy|university)\s+(?:for|of|on)\s+[a-z][\w'’-]*"
                            r"(?:\s+(?!within\b|under\b|at\b)[\w'’-]+){0,5}\s+(?:within|under the auspices of|of)\s+UNESCO)\b")
RU_ACADEMY = re.compile(r"(?<![\w-])(?i:созда\w*|открыт\w*|открыть|учред\w*|основа\w*)\s+(?:[^.;«»]{0,40}?\s)??"
                        r"((?:(?i:международн|региональн)[а-яё]*\s+)?(?i:университет|академи)[а-яё]*)\s+ЮНЕСКО(?![\w-])")
# 'to seek UNESCO Global Geopark status for the Issyk-Kul area'
GEOPARK_STATUS = re.compile(r"\b(?:UNESCO\s+)?Global\s+Geopark\s+status\s+for\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
# 'agreed to adopt and jointly implement a country programme': a programme of cooperation adopted or signed
ADOPTED_PROGRAMME = re.compile(r"\b((?:country|cooperation|joint)\s+programme(?:\s+(?:of|for)\s+cooperation)?|programme of cooperation)"
                               r"(?:\s+(?:for|of)\s+(\d{4}\s*[-–]\s*\d{4}))?\b", re.I)


def find_partnerships(sentence: str, index: int, dates: list[Found], ref: Reference, heritage_names: list[str],
                      heritage_list: str | None = None, countries: list[tuple[str, int, int]] = (),
                      focus: str | None = None, folded=None, context: dict | None = None) -> list[Partnership]:
    """Partnerships named in one sentence. heritage_names: World Heritage properties the gazetteer found in it;
    heritage_list: 'wh' or 'ich', the list the release last spoke of (for 'X was inscribed in 2005'); context: what the
    release said before ('places' of this sentence with offsets, 'anniversaries' when it speaks of UNESCO's list of
    anniversaries, 'last_body' the body a short word such as 'the Board' last stood for)."""
    context = {} if context is None else context
    found: list[Partnership] = []
    lowered = sentence.lower()
    heads_ = ref.heads
    has_head = _has_head(sentence, heads_)
    if not has_head and not CYRILLIC.search(sentence) and not PARTNERSHIP_CUE.search(lowered):
        return found  # no head word and no cue of any rule below
    rule = "span"  # set before each rule below; add() reads it when called
    seen: set[str] = set()

    def add(name: str, kind: str, year: int | None, exact: bool = False) -> None:
        name = name if exact else _clean(name)
        key = fold(name) + ("|" + kind if kind in OWN_KEY_KINDS else "") + (f"|{year}" if kind == "committee_membership" else "")
        if key in seen or (not exact and (len(key) < 3 or key in GENERIC_NAMES or key in ref.countries or key in NOT_ELEMENTS
                                          or _standing(name, ref) or key_words(fold(name)) in RU_GENERIC)):
            return
        seen.add(key)
        if kind == "intangible_heritage_inscription":
            context.setdefault("inscribed", set()).add(fold(name))
        found.append(Partnership(name, kind, year, sentence, index, rule))

    def year_at(position: int) -> int | None:
        after = [d for d in dates if d.end_year is None and 0 <= d.start - position <= 150]
        if after:
            return after[0].year
        before = [d for d in dates if d.end_year is None and d.end <= position]
        if before:
            return before[-1].year
        ranges = [d for d in dates if d.end_year is not None]  # '(2025–2029)': a term takes its first year
        return ranges[0].year if ranges else None

    year_here = next((d.year for d in dates if d.end_year is None), None)
    listed = "wh" if ("eritage" in sentence or "наслед" in lowered) and WORLD_HERITAGE.search(sentence) else \
        ("ich" if (("ntangible" in sentence or "Representative" in sentence) and ICH.search(sentence)) or "нематериальн" in lowered
         else heritage_list)
    inscribes = INSCRIBE.search(sentence) if listed or "Memory of the World" in sentence else None

    # World Heritage: a property from the gazetteer (or a quoted name) and an inscription word
    rule = "wh-inscription"
    tentative = ("entative" in sentence or "предварит" in lowered) and TENTATIVE.search(sentence) and \
        (not re.search(r"\binscri|включ|внес", sentence, re.I) or (RU_INTO_TENTATIVE.search(sentence) and not RU_INTO_LIST.search(sentence)))
    # ('включил в Предварительный список': onto the Tentative List; '…, внесён в Список всемирного наследия': inscribed)
    danger = ref.danger_lists.search(sentence) if heritage_names and ref.danger_lists is not None else None
    if heritage_names:
        context["last_property"] = heritage_names[-1]
    # 'the nomination', 'its part of the property', 'номинацию', 'свою часть объекта': the property the release named last
    back = [context["last_property"]] if not heritage_names and context.get("last_property") and \
        (tentative or listed == "wh" or context.get("world_heritage")) and BACK_TO_PROPERTY.search(sentence) else []
    masked = sentence[: danger.start()] + sentence[danger.end():] if danger else sentence
    # 'These sites are: A, B (Kazakhstan), C …' in a release about the List: each property of the list is on it
    listed_sites = listed == "wh" and heritage_names and ":" in sentence and \
        LIST_LEAD.search(sentence[: sentence.index(":")]) and not NOMINATE.search(sentence)
    if (listed == "wh" and ((inscribes and not danger) or back or WH_LIST.search(masked) or NOMINATE.search(sentence)
                            or listed_sites)) or \
            (tentative and (heritage_names or back or TENTATIVE_NAME.search(sentence))) or back:
        # 'will present a property … for inscription', 'to be considered for the inscription': still a nomination
        for_inscription = FOR_INSCRIPTION.search(sentence)
        unmasked = FOR_INSCRIPTION.sub(" ", sentence) if for_inscription else sentence
        nominated = ((NOMINATE.search(sentence) or for_inscription) and not re.search(r"\binscri", unmasked, re.I)) or \
            (RU_PLANNED.search(sentence) and not RU_DONE.search(sentence)) or bool(MODAL_INSCRIPTION.search(sentence))
        kind = "tentative_list" if tentative else "world_heritage_nomination" if nominated else "world_heritage_inscription"
        rule = "tentative" if tentative else "wh-inscription"
        names = heritage_names or back or [_site_like(q, ref) for q in QUOTED.findall(sentence)]
        if not names and tentative:  # 'a Tentative List submission for the Fann Mountains', 'X was added to its Tentative List'
            names = [m.group(1) or m.group(2) or m.group(3) for m in TENTATIVE_NAME.finditer(sentence)]
            names = [TRIM_LEADING.sub("", re.sub(r"^the\s+", "", n)) for n in names]
            names = [n for n in names if key_words(fold(n)) not in ref.countries]
        for name in names:
            position = sentence.find(name.split(":")[-1].strip().split()[0]) if name else 0
            add(name, kind, year_at(max(position, 0)))
    rule = "danger-listing"
    for name in heritage_names if danger else ():  # 'kept the Historic Centre of Shakhrisyabz on the List of World Heritage in Danger'
        add(name, "world_heritage_danger_listing", year_at(danger.start()) or year_here, exact=True)
    # intangible heritage: the element named as subject or object of the inscription
    rule = "ich-inscription"
    if listed == "ich" and (inscribes or re.search(r"\bcertificates? for\b|\bnomination of\b", sentence)):
        kind = "intangible_heritage_inscription" if inscribes else "other"
        for name, end in _inscribed_elements(sentence):
            if fold(name) in ref.countries or any(fold(name) == fold(h) for h in heritage_names) or QUANTITY.match(name):
                continue
            if "Memory of the World" in sentence[end : end + 80]:
                continue  # 'X was added to the Memory of the World Register': an entry of that register (rule mow)
            if GENERIC_PLURAL.search(name):
                continue  # 'two Kyrgyz elements', 'three sites': a count of things, the names are elsewhere
            for part in _split_known(name, ref):  # 'Kok boru and Ala-kiyiz and shyrdak': a known element and another
                add(part, kind, year_at(end))
    rule = "quoted-elements"
    if (listed == "ich" or heritage_list == "ich") and ('"' in sentence or "“" in sentence):
        # 'the inscription of "A" and "B" to the List', 'introducing the nominations "A", "B", "C" to the Representative
        # List': each quoted name of the list
        for m in QUOTED_ELEMENT_LIST.finditer(sentence):
            for name in QUOTED.findall(m.group(1)):
                add(name, "intangible_heritage_inscription", year_at(m.end()))
    # heritage elements and register entries that data/ records, named in a sentence about a list or a certificate
    rule = "known-element"
    about_list = listed == "ich" or (any(w in lowered for w in HERITAGE_HINTS) and HERITAGE_CONTEXT.search(sentence))
    # a Tentative List entry of data/ where the release speaks of Tentative Lists and this sentence of putting it on one
    # ('Tajikistan placed the Zorkul State Reserve on its list on 4 April 2006')
    on_tentative = bool(context.get("tentative")) and bool(TENTATIVE.search(sentence) or TENTATIVE_VERB.search(sentence))
    if ref.elements and (about_list or on_tentative):
        # 'wished the nomination of X success': still a nomination ('nominated jointly with' says who, not when)
        nominated_only = NOMINATION_WORD.search(sentence) and \
            not re.search(r"inscri|proclaim", sentence, re.I)
        for name, kind, end in _known_elements(sentence, ref, folded):
            if kind == "tentative_list":
                rule = "tentative-entry"
                if on_tentative:
                    add(name, kind, year_at(end), exact=True)
                rule = "known-element"
            elif about_list:
                names = [set(fold(name).replace("/", " ").split())] + [set(fold(v).split()) for v in name.split("/")[1:]] + \
                    [set(fold(name.split("/")[0]).split())]
                if kind == "intangible_heritage_inscription" and fold(name) not in context.get("inscribed", ()) and any(
                        words and words <= set(other.replace("/", " ").split()) for other in context.get("inscribed", ())
                        for words in (names if "/" in name else names[:1])):
                    continue  # '"Aitys/Aitysh, art of improvisation" was inscribed', 'Novruz/Navruz' in '"International Novruz
                    # Holiday"': the quoted name the release gave
                if nominated_only and kind == "intangible_heritage_inscription" and fold(name) in context.get("inscribed", ()):
                    continue  # 'X is the third nomination of …' after X was inscribed: the same element, not a pending nomination
                add(name, "other" if nominated_only and kind == "intangible_heritage_inscription" else kind, year_at(end), exact=True)
    # a list after a colon in a sentence about the Tentative List, or right after one: 'Заявки подготовило министерство: A в …,
    # объект «B», C и D', 'The four sites are: A, B and C' (each item a quoted name or a capitalised name up to where it lies)
    rule = "tentative-list"
    tentative_here = bool(tentative) or (("entative" in sentence or "редварительн" in sentence) and TENTATIVE.search(sentence))
    if ":" in sentence and context.get("tentative") and (tentative_here or (context.get("tentative_at") == index - 1 and
                                                                            LIST_LEAD.search(sentence[: sentence.index(":")]))):
        for name in _colon_list(sentence, ref):
            add(name, "tentative_list", year_here or context.get("tentative_year"), exact=True)
    if tentative_here:
        context["tentative_at"] = index
        context["tentative_year"] = year_here
    # Memory of the World: the entry named as subject of the inscription
    rule = "mow"
    if "Memory of the World" in sentence and inscribes:
        for name, end in _inscribed_elements(sentence):
            if not QUANTITY.match(name) and fold(name) not in ref.countries:
                add(name, "other", year_at(end))
    rule = "network"
    for name, end in _network_members(sentence, ref, folded, context.get("places") or ()):
        add(name, "other", year_at(end) or year_here, exact=True)
    rule = "reserve-place"
    if "biospher" in lowered or "биосферн" in lowered:  # a reserve of the gazetteer named where biosphere reserves are spoken of
        for place, start, _end in context.get("places") or ():
            if place.kind in ("national_park", "nature_reserve", "lake"):
                # 'Altyn-Emel National Park became a biosphere reserve': the reserve of places.csv with the same name
                bare = re.sub(r"\s+(?:National Park|Nature Reserve|State Nature Reserve|Reserve)$", "", place.name)
                place = ref.places.get(fold(bare.replace("Lake ", "") + " Biosphere Reserve"), place)
            if place.kind == "biosphere_reserve":
                add(place.name, "biosphere_reserve", year_at(start), exact=True)
    rule = "centre-place"
    for place, start, _end in context.get("places") or ():
        if place.kind == "category_2_centre":  # 'the Central Asian Regional Glaciological Centre', 'Международного центра ...'
            add(CENTRE_SUFFIX.split(place.name)[0], "category_2_centre", year_at(start), exact=True)
    # named spans classified by their head word
    rule = "span"
    spans = list(_spans(sentence, ref)) if has_head else []  # a named span needs a head word
    listed_places = [(s, e) for place, s, e in context.get("places") or () if place.kind in ("world_heritage_site", "biosphere_reserve")]
    if listed_places:  # 'the Routes Network of Chang'an-Tianshan Corridor' is the property (its own rules), not a programme
        spans = [m for m in spans if not any(s < m.end() and m.start() < e for s, e in listed_places)]
    for match in spans:
        span = match.group(0)
        lead = LEADING_DATE.match(span) if span[0].isdigit() or span.split(" ", 1)[0] in LEAD_WORDS else None
        if lead:  # 'On 7 November the General Conference ...', '22 September the International Day of ...'
            match = _Part(span[lead.end():], match.start() + lead.end())
            span = match.group(0)
        if span.endswith(" of the United Nations Educational"):  # 'of the United Nations Educational, Scientific and …': UNESCO's
            span = span[: -len(" of the United Nations Educational")]  # own name, cut at its comma, is no part of the name
            match = _Part(span, match.start())
        if " the " in span and TITLE_HINT.search(span):
            span = TITLE_IN_SPAN.sub("", span)  # 'Advisor to the President and ... for the Issyk-Kul Forum' -> the forum
        words = span.split()
        if len(words) < 2 and not span.startswith(("EXPO", "Expo")):
            continue
        if span.startswith("UNESCO Chair"):  # 'a UNESCO Chair on Water Resources Management', 'the first UNESCO Chairs'
            add(span, "other", _year(span, match.start(), match.end(), dates, sentence), exact=True)
            continue
        if span.startswith("International Day"):
            add(span, "resolution" if re.search(r"\bresolution\b|\bproclaim", sentence, re.I) else "other",
                _year(span, match.start(), match.end(), dates, sentence))
            continue
        if not _has_head(span, heads_) or not heads_.any.search(span):
            continue  # most spans are names of people and places
        heads = sorted((m.start(), order, kind) for order, (pattern, kind) in enumerate(heads_.kinds) for m in [pattern.search(span)] if m
                       and not (m.group(0) == "Network" and span[0] in "\"“«"))  # 'Network of Routes' in a quoted title
        if not heads:
            continue
        kind = heads[0][2]  # the head word that comes first: 'Conference on the ... Decade' is a conference
        if kind == "category_2_centre" and not C2C_CONTEXT.search(sentence) and not (
                UNESCO_CENTRE.match(span) and CENTRE_FOUNDED.search(sentence)):
            continue
        if kind == "event" and (re.fullmatch(r"(?:the\s+)?(?:UNESCO\s+)?(?:General Conference|Executive Board|World Heritage "
                                             r"Committee|United Nations General Assembly|General Assembly|Security Council)", span, re.I)
                                or STATES_PARTIES.match(span)):
            continue  # a statutory body, not one of its sessions ('the General Assembly of the States Parties to the Convention')
        if kind == "event" and ORGAN_OF.match(span):
            continue  # 'the Secretariat of the Congress of …': an organ that runs the event, not the event
        if kind == "convention" and (parties := PARTIES_TO.match(span)):
            span = span[parties.end():]  # 'the States Parties to the 2003 Convention': the convention, not its parties
            if BARE_CONVENTION.fullmatch(span):
                continue  # 'the States Parties to the Convention' names none
        if kind == "category_2_centre" and any(p.kind == kind and _centre_key(p.name) in _centre_key(span) for p in found):
            continue  # 'the … Glaciological Center of Category 2': the centre of places.csv, found already
        add(span, kind, _year(span, match.start(), match.end(), dates, sentence))
        nested = NESTED_PROGRAMME.search(span)
        if nested and kind != "programme" and nested.start() > 0:
            add(nested.group(1), "programme", _year(nested.group(1), match.start(), match.end(), dates, sentence))
    rule = "session"
    for name, position in _sessions(sentence, context.get("last_body")) if ("session" in lowered or "сесси" in lowered or "meeting of" in lowered) else ():
        add(name, "event", year_at(position) or year_here, exact=True)
    rule = "russian"
    if CYRILLIC.search(sentence):
        for name, kind, end in find_ru_inscriptions(sentence, ref):
            if kind == "biosphere_reserve" and CYRILLIC.search(name):
                name = _reserve_of(name, ref) or name  # 'Биосферный заповедник Алаколь' -> Alakol Biosphere Reserve
            if "наследи" in name and RU_LOWER_WORDS.fullmatch(name):
                continue  # 'включение культурного, нематериального и природного наследия страны в Список': heritage, no property
            if not _standing(name, ref):  # 'внесено в реестр «Память мира»': the register, not an entry
                add(name, kind, year_at(end), exact=True)
        for m in RU_FUNDED_PROJECT.finditer(sentence) if "ЮНЕСКО" in sentence and ("роект" in sentence or "рограмм" in sentence) else ():
            if "ЮНЕСКО" in m.group(1):
                add(f"Проект {m.group(1)}{m.group(2)}", "programme", year_at(m.end()), exact=True)
        for m in RU_NOMINATION.finditer(sentence) if "оминац" in sentence else ():
            if key_words(fold(m.group(1))) not in ref.countries:  # 'будущие номинации Таджикистана': whose, not which
                add(m.group(1)[0].upper() + m.group(1)[1:], "other", year_at(m.end()), exact=True)
        proclaimed = holds_any_case(RU_PROCLAIMED, sentence)
        for name, kind, start, end in find_ru_partnerships(sentence, ref.countries):
            if proclaimed and kind == "programme" and re.match(r"(?i:международн\w*\s+(?:год|десятилети|дн))", name):
                kind = "resolution"  # a year or decade proclaimed by a resolution, as in English
            if re.search(r"сесси", name, re.I) or any(fold(name) in fold(p.name) for p in found):
                continue
            if kind == "programme" and RU_NETWORK.search(name) and _standing_start(name, ref):
                continue  # 'Всемирную сеть биосферных резерватов два объекта ...': a standing network, the name ran on
            place = _place_in_name(name, ref)
            add(place.name if place is not None and kind == "category_2_centre" else name, kind, year_at(end) or
                (year_here if kind in ("agreement", "resolution") else None))
        for m in RU_RESOLUTION_ON.finditer(sentence) if "резолюци" in lowered and RU_ADOPTED.search(sentence) else ():
            add(f"Резолюция {m.group(1)} {m.group(2)}", "resolution", year_at(m.end()) or year_here, exact=True)
            more = RU_RESOLUTION_AND.match(sentence, m.end())
            while more:  # 'резолюции о безопасности журналистов и об открытой науке': two resolutions
                add(f"Резолюция {more.group(1)} {more.group(2)}", "resolution", year_at(more.end()) or year_here, exact=True)
                more = RU_RESOLUTION_AND.match(sentence, more.end())
        rule = "russian-elements"
        verb = RU_ENTERED.search(sentence) if ((listed == "ich" or context.get("intangible")) and "спис" in lowered) else None
        for m in RU_LOWER_ELEMENT.finditer(sentence, verb.end()) if verb else ():
            # 'в него вошло искусство ручного ковроткачества, а в 2021 году – мастерство изготовления дутара ...': elements
            # written as common nouns after the verb that puts them on the list
            name = m.group(1).strip()
            if len(name.split()) >= 2 and not any(fold(name) in fold(p.name) for p in found):
                add(name[0].upper() + name[1:], "intangible_heritage_inscription", year_at(m.start()), exact=True)
        rule = "russian-chair"
        for m in RU_CHAIR.finditer(sentence) if "кафедр" in lowered else ():
            add("Кафедра ЮНЕСКО" + (m.group(1) or ""), "other", year_at(m.end()) or year_here, exact=True)
        rule = "russian-nested"
        for m in RU_NESTED_PROGRAMME.finditer(sentence) if "еждународн" in sentence else ():
            # 'конференция по Международному десятилетию действий «Вода ...»': the decade is a programme of its own
            name = _ru_nominative(m.group(1)) + m.group(2)
            key = key_words(fold(name))
            if not any(p.kind in ("programme", "resolution") and (key in key_words(fold(p.name)) or key_words(fold(p.name)) in key)
                       for p in found):
                add(name, "resolution" if proclaimed and "резолюци" in lowered else "programme", year_at(m.end()), exact=True)
        rule = "russian-centre"
        for m in RU_PROPOSED_CENTRE.finditer(sentence) if "центр" in lowered else ():
            add(_ru_nominative(m.group(1)) + m.group(2), "category_2_centre", year_at(m.end()), exact=True)
        rule = "biosphere-list"
        for name in _ru_reserve_list(sentence, ref) if "биосферн" in lowered else ():
            add(name, "biosphere_reserve", year_here, exact=True)
        rule = "russian-described"
        for m in RU_DESCRIBED.finditer(sentence) if RU_EVENT_HINT.search(lowered) else ():
            name = m.group(1)
            if name[0].islower() and not any(fold(name) in fold(p.name) or fold(p.name) in fold(name) for p in found):
                head = RU_EVENT_PHRASE.match(name)  # 'регионального семинара по …' -> 'Региональный семинар по …'
                name = _ru_event_nominative(head.group(1)) + name[head.end():] if head else name[0].upper() + name[1:]
                add(name, "event", year_at(m.end()) or year_here)
        rule = "geopark-status"
        for m in RU_GEOPARK.finditer(sentence) if "геопарк" in lowered and RU_GEOPARK_CUE.search(sentence) else ():
            # 'представила концепцию геопарка в национальном парке «Бурабай»', '«Бурабай» станет первым глобальным геопарком
            # ЮНЕСКО': the proposal or designation of that geopark
            add(f"Геопарк «{m.group(1) or m.group(2)}»", "geopark", year_at(m.end()) or year_here, exact=True)
        rule = "quoted-project"
        for m in RU_QUOTED_PROJECT.finditer(sentence) if "«" in sentence and ("проект" in lowered or "программ" in lowered or
                                                                             "инициатив" in lowered) else ():
            # 'в рамках проекта ЕС и ЮНЕСКО «Коридоры наследия Шелкового пути …»': a project by its own title (not a standing
            # programme: 'программа «Человек и биосфера»')
            title = m.group(2)
            if not (_standing(title, ref) or _standing(f"{m.group(1)} «{title}»", ref) or _standing(f"программа «{title}»", ref)) and \
                    not any(fold(title) in fold(p.name) for p in found):
                add(title, "programme", year_at(m.end()) or None, exact=True)
        rule = "russian-event"
        for m in RU_NAMED_EVENT.finditer(sentence) if ("«" in sentence or "посвящ" in lowered or "приурочен" in lowered) and \
                RU_EVENT_HEAD_HINT.search(lowered) else ():
            # 'прошла международная конференция «Чингиз Айтматов и ЮНЕСКО»', 'открыли выставку, приуроченную к 1050-летию …':
            # an event with a quoted title, or described by what it is devoted to (the words in the nominative)
            name = _ru_event_nominative(m.group(1)) + (f" «{m.group(2)}»" if m.group(2) else f", {_ru_event_nominative(m.group(3), m.group(1))}")
            if not any(fold(name) in fold(p.name) or fold(p.name) in fold(name) for p in found):
                add(name, "event", year_at(m.end()) or year_here, exact=True)
    rule = "seat"
    for name, year in _seats(sentence, ref, dates, folded, context) if any(w in lowered for w in SEAT_HINTS) and \
            SEAT_CUE.search(sentence) else ():
        add(name, "committee_membership", year or year_here, exact=True)
    rule = "anniversary"
    anniversary_list = context.get("anniversaries") and (ANNIVERSARY_LIST.search(sentence) or any(
        phrase in (context.get("paragraph") or "") for phrase in ref.anniversary_lists))
    for name, end in _anniversaries(sentence) if anniversary_list else ():
        add(name, "resolution", year_at(end) or year_here, exact=True)
    rule = "funded-project"
    for m in FUNDED_PROJECT.finditer(sentence) if "UNESCO" in sentence and ("roject" in sentence or "rogramme" in sentence) else ():
        if "UNESCO" in m.group(1):
            add(f"{m.group(1)} {m.group(2)}{m.group(3) or ''}", "programme", year_at(m.end()))
    rule = "numbered-resolution"
    for m in NUMBERED_RESOLUTION.finditer(sentence) if "resolution" in lowered else ():
        body = m.group(1) or ("General Assembly" if "General Assembly" in sentence else "Security Council" if "Security Council" in sentence else None)
        name = f"{body} resolution {m.group(2)}" if body else f"Resolution {m.group(2)}"
        if not any(_same_number(name, p.name) for p in found):
            add(name, "resolution", year_at(m.end()))
    rule = "proclaiming-resolution"
    for m in PROCLAIMING.finditer(sentence) if "resolution" in lowered else ():
        add(m.group(1), "resolution", year_at(m.end()))
    for m in QUOTED_PROCLAIMED.finditer(sentence) if "resolution" in lowered and ('"' in sentence or "“" in sentence) else ():
        add(m.group(1), "resolution", year_at(m.end()))
    rule = "lower-centre"
    for m in LOWER_CENTRE.finditer(sentence) if "unesco" in lowered and ("cent" in lowered or "institute" in lowered) else ():
        name = re.sub(r"^an?\s+", "", m.group(1))
        add(name, "category_2_centre", year_at(m.end()))
    rule = "lower-event"
    for m in (LOWER_EVENT.finditer(sentence) if LOWER_EVENT_HINT.search(lowered) else ()):
        if len(m.group(1).split()) >= 4:
            name = m.group(1)
            add(name[0].upper() + name[1:], "event", year_at(m.end()))
    rule = "quoted-event"
    for m in QUOTED_EVENT.finditer(sentence) if ('"' in sentence or "“" in sentence or "«" in sentence) else ():
        head = " ".join(m.group(1).split())
        add(f"{head[0].upper()}{head[1:]} \"{m.group(2)}\"", "event", year_at(m.end()) or year_here, exact=True)
    rule = "action-plan"
    for m in ACTION_PLAN_YEARS.finditer(sentence) if "plan" in lowered else ():
        name = m.group(1)
        if not any(fold(name) in fold(p.name) for p in found):
            add(name[0].upper() + name[1:], "agreement", int(m.group(2)), exact=True)
    for m in ROADMAP_YEARS.finditer(sentence) if "map" in lowered else ():
        # 'drafted a youth roadmap for 2025-2030': a roadmap named by its years (a programme, as the head word Roadmap)
        name = m.group(1)
        if not any(fold(name) in fold(p.name) or fold(p.name) in fold(name) for p in found) and not OWN_PLAN.search(sentence[: m.start()]):
            add(name[0].upper() + name[1:], "programme", int(m.group(2)), exact=True)
    rule = "quoted-project"
    for m in QUOTED_PROJECT.finditer(sentence) if ('"' in sentence or "“" in sentence) else ():
        add(m.group(1) or m.group(2), "programme", year_at(m.end()))
    rule = "biosphere-list"
    for m in BIOSPHERE_LIST.finditer(sentence) if "biosphere" in lowered else ():
        for name in re.split(r",\s*|\s+and\s+", m.group(1)):
            name = TRIM_LEADING.sub("", name).strip()
            if name and fold(name) not in ref.countries and fold(name) not in GENERIC_NAMES:  # 'a UNESCO biosphere reserve'
                add(name + " Biosphere Reserve", "biosphere_reserve", year_at(m.end()))
    rule = "delegation"
    for m in DELEGATION.finditer(sentence) if "Permanent" in sentence else ():
        # 'Kazakhstan opened a Permanent Delegation to UNESCO': the country's delegation (the country before the verb)
        before = [iso3 for iso3, _s, e in countries if e <= m.start()]
        if before and before[-1] in ref.country_names:
            add(f"Permanent {m.group(1).title()} of {ref.country_names[before[-1]]} to UNESCO", "other",
                year_at(m.end()) or year_here, exact=True)
    rule = "designated-reserve"
    for m in [*DESIGNATED_RESERVE.finditer(sentence), *DESIGNATED_AS_RESERVE.finditer(sentence)] if "biosphere" in lowered else ():
        # 'Romit has been designated a UNESCO biosphere reserve': the reserve of places.csv of that name
        reserve = ref.places.get(fold(m.group(1) + " Biosphere Reserve"))
        if reserve is not None and reserve.kind == "biosphere_reserve":
            add(reserve.name, "biosphere_reserve", year_at(m.end()) or year_here, exact=True)
    rule = "biosphere-list"
    for piece in _colon_pieces(sentence) if ":" in sentence and ("biosphere reserve" in lowered or "биосферн" in lowered) else ():
        # 'two new biosphere reserves in 2018: Katon-Karagay and Akzhaiyk': each item that is a reserve of places.csv;
        # 'Korgalzhyn (2012)' takes the year in its brackets, '… transboundary biosphere reserve Great Altai (2017) with …'
        # the name after the words
        item_year = re.search(r"\((?:19|20)(\d{2})\)", piece)
        bare = re.sub(r"\s*\([^)]*\)", "", piece)
        bare = re.sub(r"^(?:the\s+)|\s+(?:in|on|at|with|в|на|с)\s+.*$", "", bare).strip()
        reserve = _biosphere_reserve(bare, ref) or (_reserve_of(bare, ref) and ref.places.get(fold(_reserve_of(bare, ref))))
        if reserve is not None and reserve.kind == "biosphere_reserve":
            year = int(item_year.group(0)[1:5]) if item_year else year_here
            for earlier in found if item_year else ():
                if earlier.kind == "biosphere_reserve" and earlier.name == reserve.name:
                    earlier.year = year  # 'Alakol (2013)': the year the list gives it, not the sentence's
            add(reserve.name, "biosphere_reserve", year, exact=True)
    for m in NAMED_LIST.finditer(sentence) if "biosphere" in lowered else ():
        # 'the Charyn and Zhongar-Alatau national parks became biosphere reserves': each name that is a reserve
        for name in re.split(r",\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", m.group(1)):
            words = TRIM_LEADING.sub("", name).split()
            # 'Kazakhstans Charyn and …': the country before the first name is none of it
            reserve = next((r for i in range(len(words)) for r in [_biosphere_reserve(" ".join(words[i:]), ref)] if r), None)
            if reserve is not None:
                add(reserve.name, "biosphere_reserve", year_at(m.end()), exact=True)
    rule = "resolution-on"
    for m in RESOLUTION_ON.finditer(sentence) if "resolution" in lowered else ():
        topics, more = [m.group(1)], RESOLUTION_AND_ON.match(sentence, m.end())
        while more:  # 'the resolutions on access to information and on the education of children': two resolutions
            topics.append(more.group(1))
            more = RESOLUTION_AND_ON.match(sentence, more.end())
        for topic in topics:
            name = re.sub(r"\s+(?:in|of|for)\s+(?:19|20)\d{2}$", "", topic)
            name = name[0].upper() + name[1:] if name[0].isdigit() else "Resolution on " + name if name[0].islower() else name
            add(name, "resolution", year_at(m.start()) or year_here)
    rule = "described-event"
    event_word = any(w in lowered for w in EVENT_WORDS)
    for m in DESCRIBED_EVENT.finditer(sentence) if event_word else ():
        name = m.group(1) or m.group(2) or m.group(3) or f"{m.group(4)} {m.group(5)} {m.group(6)}"
        name = re.sub(r"^(?:an?|the|this|that)\s+", "", name, flags=re.I)
        if len(name.split()) >= 2 and not any(fold(name) in fold(p.name) or fold(p.name) in fold(name) for p in found):
            add(name[0].upper() + name[1:], "event", year_at(m.end()) or year_here)
    for m in DEDICATED_EVENT.finditer(sentence) if ("dedicated to" in lowered or "devoted to" in lowered) else ():
        # 'an exhibition dedicated to the 1050th anniversary of Beruniy', 'the round table devoted to …': what it is devoted to
        name = m.group(1)
        if not any(p.kind == "event" and (fold(name) in fold(p.name) or fold(p.name) in fold(name)) for p in found):
            add(name[0].upper() + name[1:], "event", year_at(m.end()) or year_here, exact=True)
    for m in DATED_EVENT.finditer(sentence) if event_word and dates and " in " in sentence else ():
        # 'a forum in December 2025 on neutrality and the International Year of Peace and Trust': the event and what it is
        # on, around its date (a programme it is on stays a record of its own)
        name = f"{m.group(1)} {m.group(2)} {m.group(3)}"
        if not any(p.kind == "event" and (fold(name) in fold(p.name) or fold(p.name) in fold(name)) for p in found):
            add(name[0].upper() + name[1:], "event", year_at(m.start(2)) or year_here, exact=True)
    rule = "lower-prize"
    for m in LOWER_PRIZE.finditer(sentence) if ("medal" in lowered or "prize" in lowered or "award" in lowered) else ():
        name = _clean(m.group(1))
        if len(name.split()) >= 2 and not any(fold(name) in fold(p.name) for p in found):
            add(f"{name} {m.group(2)}", "other", year_at(m.end()), exact=True)
    rule = "lower-academy"
    for m in LOWER_ACADEMY.finditer(sentence) if "academy" in lowered and "UNESCO" in sentence else ():
        add(re.sub(r"^an?\s+", "", m.group(1)), "other", year_at(m.end()), exact=True)
    for m in ACADEMY_WITHIN.finditer(sentence) if ("academy" in lowered or "university" in lowered) and "UNESCO" in sentence else ():
        # 'to establish an international academy of peace within UNESCO': a proposed academy or university of UNESCO
        add(m.group(1)[0].upper() + m.group(1)[1:], "other", year_at(m.end()), exact=True)
    for m in RU_ACADEMY.finditer(sentence) if "ЮНЕСКО" in sentence and ("ниверситет" in sentence or "кадеми" in sentence) else ():
        # 'предложил создать в Кыргызстане Университет ЮНЕСКО': the same in Russian, in the nominative
        words = m.group(1).split()
        if not (words[0][0].isupper() or len(words) > 1):
            continue  # 'создать академию ЮНЕСКО' without a name of its own
        noun = "Университет" if words[-1].lower().startswith("университет") else "Академия"
        adjective = re.sub(RU_ADJ_END + "$", "", words[0]).capitalize() + ("ый" if noun == "Университет" else "ая") if len(words) > 1 else ""
        add(f"{adjective} {noun.lower()} ЮНЕСКО".strip() if adjective else f"{noun} ЮНЕСКО", "other", year_at(m.end()) or year_here,
            exact=True)
    rule = "geopark-status"
    for m in GEOPARK_STATUS.finditer(sentence) if "eopark" in sentence else ():
        add(f"{m.group(1)} geopark", "geopark", year_at(m.end()), exact=True)
    for m in GEOPARK_PROPOSED.finditer(sentence) if "Geopark" in sentence and PROPOSAL.search(sentence) else ():
        # 'proposed an aspiring UNESCO Global Geopark in the Batken region': the proposal, named after its area
        add(f"{m.group(1)} geopark", "geopark", year_at(m.end()) or year_here, exact=True)
    rule = "lower-centre"
    for m in CENTRE_IN_CITY.finditer(sentence) if "centre in" in sentence and PROPOSAL.search(sentence) else ():
        if not any(p.kind == "category_2_centre" for p in found):  # 'proposed a UNESCO regional centre in Tashkent'
            add(m.group(1), "category_2_centre", year_at(m.end()) or year_here, exact=True)
    rule = "nomination-of"
    for m in NOMINATION_OF.finditer(sentence) if listed == "wh" and "omination" in sentence and not heritage_names else ():
        # 'the nomination file of the Silk Roads: Fergana-Syrdarya Corridor was submitted': the name after 'of'
        if len(m.group(1).split()) >= 2 and fold(m.group(1)) not in ref.countries:
            add(m.group(1), "world_heritage_nomination", year_at(m.end()) or year_here)
    rule = "quoted-nomination"
    for m in QUOTED_NOMINATION.finditer(sentence) if context.get("world_heritage") and ('"' in sentence or "“" in sentence
                                                                                       or "«" in sentence) else ():
        # 'handed ... the dossier "Ustyurt – Landscapes and Hunting Traps (Arans)"', 'номинационного досье объекта «X»':
        # a World Heritage nomination
        add(m.group(1) or m.group(2), "world_heritage_nomination", year_at(m.end()) or year_here, exact=True)
    rule = "bracket-nomination"
    for m in NOMINATION_BRACKET.finditer(sentence) if "nomination)" in sentence and context.get("world_heritage") else ():
        # 'as well as the Saimaly-Tash rock art (national nomination)'; 'the X corridor, one of the components of which is
        # the Y complex (transnational nomination)': X, the nomination the component belongs to
        name, before = m.group(1), sentence[: m.start(1)]
        whole = COMPONENT_OF.search(before)
        if whole:
            name = whole.group(1)
        if fold(name) not in ref.countries:
            add(name, "world_heritage_nomination", year_at(m.end()) or year_here)
    rule = "adopted-programme"
    if "programme" in lowered and SIGN.search(sentence):
        for m in ADOPTED_PROGRAMME.finditer(sentence):
            if not any(fold(m.group(1)) in fold(p.name) for p in found):
                name = m.group(0)  # with its years: 'cooperation programme for 2022-2026'
                add(name[0].upper() + name[1:], "programme", year_here or year_at(m.end()))
    rule = "described-activity"
    for m in DESCRIBED_ACTIVITY.finditer(sentence) if any(w in lowered for w in ACTIVITY_WORDS) else ():
        name = m.group(1) or m.group(2)
        if not any(fold(name) in fold(p.name) or fold(p.name) in fold(name) for p in found):
            add(name[0].upper() + name[1:], "event", year_at(m.end()) or year_here)
    rule = "membership"
    if ("member" in lowered or "joined" in lowered) and MEMBERSHIP.search(sentence):
        country = next((iso3 for iso3, _, _ in countries if iso3 in ("KAZ", "KGZ", "TJK", "TKM", "UZB")), focus)
        if country:
            name = ref.country_names.get(country, country)
            add(f"{name}'s membership of UNESCO", "other", year_at(MEMBERSHIP.search(sentence).end()))
    rule = "signed-agreement"
    named = [p for p in found if p.kind == "agreement"]
    hinted = AGREEMENT_HINT.search(lowered)
    signs = SIGN.search(sentence) if hinted else None
    if hinted and (signs or NAMED_DOCUMENT.search(sentence)):
        for match in MEMORANDUM.finditer(sentence):  # each agreement the sentence names, unless a named span already holds it
            if OWN_PLAN.search(sentence[max(0, match.start() - 40) : match.start()]):
                continue  # 'the ministry adopted a national action plan', 'its own plan': a country's plan, not a partnership
            tail = re.match(r"\s+(on|of|for|between|in the field of|renewing|establishing|setting up|creating|to)\s+([^,;.]{3,120}?)"
                            r"(?=\s+(?:on|in)\s+\d|\s+(?:on|in)\s+(?:January|February|March|April|May|June|July|August|September|"
                            r"October|November|December)\b|\s+and\s+[a-z]+ed\b|\s+and\s+(?:an?|the)\s+[a-z]|\s+with\s+(?:the\s+)?[A-Z]|\s+(?:in the presence of|"
                            r"during|at the|at a|at an|as an?|under the auspices|which|that|who)\s|\s+" + FINITE_VERB + r"|[,;.]|$)", sentence[match.end():])
            if not signs and not (tail and match.group(1)[0].isupper() and tail.group(1) in ("between", "on", "of")):
                continue  # no signing verb: only 'the Agreement between A and B', 'the Memorandum on X' names a document
            holder = next((s for s in spans if s.start() <= match.start() < s.end() and heads_.any.search(s.group(0))), None) if named \
                else None
            bare = holder is not None and holder.end() == match.end() and fold(_clean(holder.group(0))) in BARE_AGREEMENTS
            if holder is not None and not (bare and tail):
                continue
            name = match.group(1) + (f" {tail.group(1)} {tail.group(2)}" if tail else "")
            if bare:  # 'a Memorandum of Understanding between the Ministry ... and the UNESCO Office': the name goes on
                found[:] = [p for p in found if not (p.kind == "agreement" and fold(p.name) == fold(_clean(holder.group(0))))]
            add(name[0].upper() + name[1:], "agreement", year_here or year_at(match.end()))
    rule = "field-office"
    for m in OFFICE_OPENED.finditer(sentence) if (("ffice" in sentence and ("open" in lowered or "establish" in lowered or "set" in lowered))
                                                   or ("ЮНЕСКО" in sentence and ("бюро" in lowered or "офис" in lowered or
                                                                                 "представительств" in lowered)
                                                       and OFFICE_HINT.search(lowered))) else ():
        # 'the proposal to open a UNESCO office in the country', 'открыть представительство ЮНЕСКО в Ашхабаде': a field office
        # opened or proposed (the country the sentence named before 'the country')
        if m.group(1):
            where = m.group(2)
            if where is None:
                before = [iso3 for iso3, _s, e in countries if e <= m.start() and iso3 in FOCUS_ISO3] or ([focus] if focus else [])
                where = ref.country_names.get(before[-1]) if before else None
            name = f"UNESCO office in {where}" if where else None
        else:
            head = m.group(3).lower()
            head = "Бюро" if head.startswith("бюро") else "Офис" if head.startswith("офис") else "Представительство"
            name = f"{head} ЮНЕСКО в {m.group(4)}"
        if name and not any(p.kind == "agreement" and "ffice" in p.name or "ЮНЕСКО в" in p.name for p in found):
            add(name, "other", year_at(m.end()) or year_here, exact=True)
    rule = "national-committee"
    if "ommittee" in sentence and "National" in sentence and ("UNESCO" in sentence or "NatCom" in sentence):
        for m in NATIONAL_COMMITTEE.finditer(sentence):  # 'the National ICH Committee established under the NatCom in 2012'
            if not re.search(r"Organi[sz]ing|Preparatory|Steering|Jubilee|Anniversary", m.group(1)):  # a country's own body
                add(m.group(1), "other", year_at(m.end()) or year_here)
    if "омитет" in sentence and "ациональн" in sentence:
        # 'Национального комитета по глобальным геопаркам ЮНЕСКО', then 'Национальный комитет создан для …': the committee
        named = RU_NATIONAL_COMMITTEE.search(sentence)
        if named:
            context["ru_committee"] = "Национальный комитет " + named.group(1)
        if context.get("ru_committee") and RU_COMMITTEE_CREATED.search(sentence):
            add(context["ru_committee"], "other", year_at(0) or year_here, exact=True)
    rule = "office-transformed"
    for m in OFFICE_TRANSFORMED.finditer(sentence) if "ffice" in sentence and "into" in sentence else ():
        # 'the transformation of the UNESCO Almaty Cluster Office into a Regional Multisectoral Office': a change of office
        add(f"{m.group(1)} transformed into {m.group(2)}", "other", year_at(m.end()) or year_here, exact=True)
    if danger and not WH_LIST.search(masked):  # 'остаётся в Списке всемирного наследия, находящегося под угрозой': no inscription
        listed_in_danger = {fold(p.name) for p in found if p.kind == "world_heritage_danger_listing"}
        found[:] = [p for p in found if not (p.kind == "world_heritage_inscription" and fold(p.name) in listed_in_danger)]
    events = [set(fold(p.name).split()) for p in found if p.kind == "event"]
    if len(events) > 1:  # 'the envoy for the Issyk-Kul Forum … the Issyk-Kul International Forum': one event, its full name
        found[:] = [p for p in found if p.kind != "event" or not any(
            (words := set(fold(p.name).split())) < other and len(words) > 1 for other in events)]
    return found


# Russian partnerships by their head word (any case): the name runs from a capitalised word just before the head (or
# the head itself) to the end of its phrase (punctuation, a verb, a conjunction)
RU_HEADS = [
    (re.compile(r"(?i:конференци|форум|саммит|конгресс|фестивал|симпозиум|выставк|игр[ыа]?(?=\s+кочевник))"), "event"),
    (re.compile(r"(?i:соглашени|меморандум|план\w*\s+действий|дорожн\w*\s+карт|рамочн\w*\s+соглашени)"), "agreement"),
    (re.compile(r"(?i:резолюци)"), "resolution"),
    (re.compile(r"(?i:десятилети|международн\w*\s+год(?:а|у|ом)?\b|программ|инициатив|проект|сет(?:ь|и|ью)(?![\w-]))"), "programme"),
    (re.compile(r"(?i:центр)(?=\w*\s+(?:[^.;]*?)(?:категории\s*(?:2|II)|под\s+эгидой))"), "category_2_centre"),
    (re.compile(r"(?i:преми[яиюей]|медал|деклараци|хартия|хартии|всемирн\w*\s+дн)"), "other"),
    (re.compile(r"(?i:конвенци)"), "convention"),
]
RU_HEAD_ANY = re.compile(r"(?i:конференци|форум|саммит|конгресс|фестивал|симпозиум|игр|соглашени|меморандум|действий|карт|"
                         r"резолюци|десятилети|год|программ|инициатив|проект|центр|преми|медал|деклараци|харти|дн|сет|конвенци)")
RU_HEAD_STARTS = (r"конференци|форум|саммит|конгресс|фестивал|симпозиум|выставк|игр|соглашени|меморандум|план|дорожн|рамочн|"
                  r"резолюци|десятилети|международн|программ|инициатив|проект|центр|преми|медал|деклараци|харти|всемирн|сет[ьи]|"
                  r"конвенци")  # the first word of every head of RU_HEADS
RU_HEAD_START = re.compile(f"(?i:{first_letters(RU_HEAD_STARTS)}{by_first_letter(RU_HEAD_STARTS, any_case=True)})")
# whether a sentence holds one at all (in any case: text.holds_any_case)
RU_HEAD_START_FOLDED = re.compile(by_first_letter(RU_HEAD_STARTS))
RU_WORD = re.compile(r"«[^»]{1,80}»|\d{4}\s*[–-]\s*\d{4}(?:\s+годы)?|[А-ЯЁа-яё][\w-]*|[A-Z][\w-]*|\d+(?:-?[а-я]{1,3})?")
RU_END = re.compile(r"(?:который|которая|которое|которые|которую|что|а|но|в рамках|и|где|когда|после|перед|при|также|тоже|уже|"
                    r"сегодня|вчера|впервые|единогласно|было|были|была|будет|будут|(?:(?:пере)?избран|принят|включен|"
                    r"внесен|назначен|подписан|утвержден|провозглашен|создан|открыт|"
                    r"проведен)(?:а|о|ы|н\w{1,2})?)$", re.I)  # participles ('открыта', 'созданный'), not nouns ('открытии')

RU_ADJECTIVE = re.compile(r"(?:ый|ий|ой|ая|яя|ья|ое|ее|ье|ые|ие|ьи|ую|юю|ью|ого|его|ьего|ому|ему|ым|им|ых|их|ом|ем)$|^\d")
# a sentence's adverb, or a determiner that refers back to a thing named before ('Данная инициатива', 'Соответствующая …
# инициатива', 'Эта программа'): no start of a name
RU_NOT_START = re.compile(r"(?:Сегодня|Вчера|Также|Ранее|Затем|Накануне|Теперь|Впервые|Кроме|Однако|Тогда|Здесь|Там|"
                          r"Данн\w+|Соответствующ\w+|Указанн\w+|Вышеуказанн\w+|Настоящ\w+|Эт[аиоу]\w*|Так\w+|Подобн\w+|Ваш\w*|Наш\w*)$")
RU_NOMINATION = re.compile(r"(?i:номинаци\w*)\s+((?:[а-яё]+\s+){0,3}«[^»]{2,80}»|[А-ЯЁ][^,.;]{2,80}?)(?=[,.;]|\s+(?:которую|которая|который|в|на)\s|$)")
RU_PROCLAIMED = re.compile(r"резолюци|провозгла|объяв")  # in any case (text.holds_any_case)
RU_SIGN = re.compile(r"(?i:подписа|заключ|ратифиц|утверд|одобр|принял|приняла|приняли|разработ|подготов)")


# 'по Международному десятилетию действий «Вода для устойчивого развития» 2018–2028' inside an event's name
RU_NESTED_PROGRAMME = re.compile(r"(?<=\s)(?:по|в рамках|для)\s+(Международн\w+\s+(?:десятилети\w+|год\w*))((?:\s+(?!и\s)[а-яё]+){0,2}"
                                 r"(?:\s+«[^»]{3,80}»)?(?:\s+\d{4}\s*[–-]\s*\d{4}(?:\s+год\w*)?)?)")
# 'создание регионального центра по дошкольному образованию': a proposed regional or international centre
RU_PROPOSED_CENTRE = re.compile(r"(?i:создани\w*|учреждени\w*|открыти\w*)\s+((?:регионально|международно)\w*\s+центр\w*)"
                                r"(\s+(?:по|для)\s+[а-яё]+(?:\s+(?!и\s|в\s|на\s)[а-яё]+){0,3})")
RU_NOMINATIVE = [(re.compile(r"^(\w+?)(?:ому|ого|ым|ом)\s+десятилети\w*$"), r"\1ое десятилетие"),
                 (re.compile(r"^(\w+?)(?:ому|ого|ым|ом)\s+год\w*$"), r"\1ый год"),
                 (re.compile(r"^(\w+?)(?:ого|ому|ым|ом)\s+центр\w*$"), r"\1ый центр")]


def _ru_nominative(phrase: str) -> str:
    """'Международному десятилетию' -> 'Международное десятилетие', 'регионального центра' -> 'Региональный центр'."""
    phrase = re.sub(r"\s+", " ", phrase)
    for pattern, replacement in RU_NOMINATIVE:
        if pattern.match(phrase):
            phrase = pattern.sub(replacement, phrase)
            break
    return phrase[0].upper() + phrase[1:]


def _last_pair(sentence: str, words: list, end: int) -> bool:
    """words[end+1] is 'и' and words[end+2] a lower-case word that ends the phrase (punctuation or the sentence's end)."""
    if end + 2 >= len(words):
        return False
    word = words[end + 2].group(0)
    after = sentence[words[end + 2].end():].lstrip()
    return word[:1].islower() and not RU_END.match(word) and not RU_VERB.match(word) and (not after or after[0] in ",.;:)–—")


RU_VERB = re.compile(r"\w+(?:ил|ал|ял|ел|ыл)(?:а|и|о|ся|ась|ись)?$|\w+(?:ет|ют|ит|ят|ется|ются|ится|ятся)$")


RU_GEOPARK = re.compile(r"(?i:геопарк)\w*(?:\s+[^«».;:]{0,40}?)?\s+«([^»]{2,60})»|«([^»]{2,60})»\s+(?:мож\w+\s+)?(?:станет|стал|стать|"
                        r"получ\w+\s+статус|претенду\w+)[^.;«]{0,40}?(?i:геопарк)")
RU_GEOPARK_CUE = re.compile(r"(?i:концепци|предлож|представ|заявк|номинаци|статус|станет|стал|создани|кандидат|претенд|одобр|получ|"
                            r"присво|включ)")
RU_QUOTED_PROJECT = re.compile(r"(?<![\w-])((?i:проект|программ|инициатив)[а-яё]*)(?:\s+(?:[А-ЯЁA-Z]{2,}|и|,|ЮНЕСКО|ЕС|ООН)){0,6}\s*"
                               r"«([^»]{3,120})»")
RU_ADJ_END = r"(?:ая|ой|ую|ый|ий|ого|ому|ом|ым|ое|ые|ых|ей)"
RU_EVENT_HEAD = r"(?:конференци|форум|семинар|симпозиум|саммит|конгресс|фестивал|выставк|совещани|тренинг|кругл\w+\s+стол)[а-яё]*"
# an event with a quoted title ('международная конференция «…»') or one devoted to something ('круглый стол, посвящённый …',
# 'выставку, приуроченную к 1050-летию …')
RU_NAMED_EVENT = re.compile(r"(?<![\w-])((?:[а-яё-]+" + RU_ADJ_END + r"\s+){0,2}" + RU_EVENT_HEAD + r")(?:\s+«([^»]{3,120})»|,?\s+"
                            r"((?:посвящ[её]нн|приуроченн)[а-яё]*\s+(?:к\s+)?[^,.;«»()]{3,100}?)(?=\s*[,.;()]|\s+(?:в|во|на|с|со(?!\s+дня)|"
                            r"который|которая|которое|прош\w+|состо\w+|открыл\w*|организова\w*)(?![\w-])|$))")
RU_EVENT_PHRASE = re.compile(r"((?:[а-яё-]+" + RU_ADJ_END + r"\s+){0,2}" + RU_EVENT_HEAD + r")")
RU_EVENT_HEAD_HINT = re.compile(r"конференци|форум|семинар|симпозиум|саммит|конгресс|фестивал|выставк|совещани|тренинг|кругл")
RU_EVENT_GENDER = [("конференци", "конференция", "f"), ("выставк", "выставка", "f"), ("совещани", "совещание", "n"),
                   ("фестивал", "фестиваль", "m"), ("кругл", "круглый стол", "m")]


def _ru_event_nominative(phrase: str, head: str | None = None) -> str:
    """'международной конференции' -> 'Международная конференция'; with head, a participle phrase after it agrees with the
    head ('приуроченную к …' after 'выставку' -> 'приуроченная к …')."""
    words = phrase.split()
    gender = next((g for stem, _, g in RU_EVENT_GENDER if re.search(r"(?<![\w-])" + stem, (head or phrase).lower())), "m")
    ending = {"f": "ая", "n": "ое", "m": "ый"}[gender]

    def adjective(word: str) -> str:
        stem = re.sub(RU_ADJ_END + "$", "", word)
        return stem + ("ий" if ending == "ый" and stem[-1:] in "кгхжшчщ" else ending)

    if head:  # the participle phrase: its first word agrees, the rest stays as written
        return " ".join([adjective(words[0]), *words[1:]])
    index = next((i for i, w in enumerate(words) if re.match(RU_EVENT_HEAD, w.lower()) or w.lower().startswith("кругл")), len(words) - 1)
    if words[index].lower().startswith("кругл"):
        out = [*[adjective(w) for w in words[:index]], "круглый стол"]
    else:
        nominative = next((n for stem, n, _ in RU_EVENT_GENDER if words[index].lower().startswith(stem)),
                          re.sub(r"(?:а|у|ом|е|ы|и|ов)$", "", words[index]))
        out = [*[adjective(w) for w in words[:index]], nominative]
    text = " ".join(out)
    return text[0].upper() + text[1:]


# what starts a time phrase after 'в': 'в ноябре этого года', 'в этом году', 'в следующем месяце' (no part of a name)
RU_TIME_WORD = re.compile(r"(?i:январ|феврал|марте|апрел|мае|июне|июле|август|сентябр|октябр|ноябр|декабр|этом|прошлом|следующем|"
                          r"текущем|нынешнем|течение|ходе)")
RU_VERBAL_NOUN = re.compile(r"(?i:[ая]ни|ени)(?:е|я|ю|ем|и)$")  # 'Подписание', 'Заключение': the act, not the name
RU_UNNAMED_CENTRE = re.compile(r"\w*(?:\s+(?:как\s+)?(?:центр\w*\s+)?категории\s*(?:2|II)|\s+под\s+эгидой(?:\s+ЮНЕСКО)?|\s+(?:в|во)\s+[А-ЯЁ][\w-]*)*\s*$")
RU_DOCUMENT_CASE = re.compile(r"^((?i:соглашени|меморандум|конвенци))(?:я|ю|ем|ей|и|а|у|ом|е)?(?![\w-])")
RU_PARTIES_BEFORE = re.compile(r"(?i:участник\w*|сторон\w*)\s+$")
RU_DOCUMENT_HEAD = re.compile(r"(?i:соглашени|меморандум|конвенци)")
RU_DOCUMENT_ENDING = {"ни": "е", "ци": "я"}  # соглашени-е, конвенци-я (меморандум has none)
RU_COMPLEMENT = re.compile(r"(?i:о|об|между|по)$")  # what a document's name goes on with: 'о сотрудничестве', 'между A и B'


def find_ru_partnerships(sentence: str, countries: dict | None = None) -> list[tuple[str, str, int, int]]:
    """(name, kind, start, end) for each partnership a Russian sentence names by its head word."""
    out = []
    taken: list[tuple[int, int]] = []
    if not holds_any_case(RU_HEAD_START_FOLDED, sentence):
        return out
    words = list(RU_WORD.finditer(sentence))
    for k, w in enumerate(words):
        if not RU_HEAD_START.match(sentence, w.start()):
            continue  # a word that starts no head ('конференция', 'соглашение', 'план действий' ...)
        for pattern, kind in RU_HEADS:
            m = pattern.match(sentence, w.start())
            if not m:
                continue
            # start: up to two capitalised or adjective words before the head ('Третья Душанбинская конференция')
            start = k
            while start > 0 and k - start < 3 and re.match(r"[А-ЯЁA-Z«\d]|\w+(?:ый|ий|ой|ая|ое|ую|ом|ым|ем|ых|ого|его|ому|ему|ые|ие|ью|ей)$",
                                                        words[start - 1].group(0)) and \
                    not re.match(r"(?i:в|во|на|и|о|об|по|с|к)$", words[start - 1].group(0)) and \
                    not (start > 1 and re.match(r"(?i:в|во|на|из)$", words[start - 2].group(0))
                         and words[start - 1].group(0)[0].isupper()
                         and not re.search(r"(?:ый|ий|ой|ая|ое|ую|ом|ым|ем|ых|ого|его|ому|ему|ые|ие)$", words[start - 1].group(0))) and \
                    sentence[words[start - 1].end() : words[start].start()].strip() == "":
                start -= 1
            while start < k and (not re.match(r"[А-ЯЁA-Z«\d]", words[start].group(0)) or RU_NOT_START.match(words[start].group(0))
                                 or (words[start].start() == 0 and not RU_ADJECTIVE.search(words[start].group(0))
                                     and not words[start].group(0).isupper())):
                start += 1  # 'Участники форума': a sentence's first word, capitalised only for that, is no part of a name
            while start < k and (not re.match(r"[А-ЯЁA-Z«\d]", words[start].group(0)) or RU_NOT_START.match(words[start].group(0))
                                 or RU_VERBAL_NOUN.search(words[start].group(0))):
                start += 1  # 'вручение Премии Беруни': the name starts at its first capital; 'Сегодня', 'Подписание' start none
            first = words[start].group(0)
            numbered = kind == "resolution" and re.match(r"\s+\d", sentence[m.end() + len(re.match(r"\w*", sentence[m.end():]).group(0)):])
            if not re.match(r"[А-ЯЁA-Z«\d]", first) and kind not in ("agreement", "category_2_centre") and not numbered:
                break  # an ordinary noun ('конференция'): a name starts with a capital
            document = kind in ("agreement", "convention") and RU_DOCUMENT_HEAD.match(w.group(0))
            after = k + 3 if k + 3 < len(words) and re.fullmatch(r"(?:19|20)\d{2}", words[k + 1].group(0)) and \
                words[k + 2].group(0) == "года" else k + 1  # 'Конвенцию 2003 года об охране …': the year, then what it is about
            complement = document and after < len(words) and RU_COMPLEMENT.match(words[after].group(0))
            if kind == "agreement" and not first[0].isupper() and not RU_SIGN.search(sentence) and not complement:
                break  # 'вместе с меморандумом о совместном управлении': a document named by what it is about
            if document and start == k and not complement and not (k + 1 < len(words) and words[k + 1].group(0)[0] in "«\"A-ZА-ЯЁ"):
                break  # 'Соглашением статус центра продлевается', 'Соглашение было подписано': the short form of a name given before
            end = k
            while end + 1 < len(words) and end - k < 9 + (after - k - 1):
                gap = sentence[words[end].end() : words[end + 1].start()]
                following = words[end + 1].group(0)
                between = following == "и" and "между" in sentence[words[start].start() : words[end].end()] and \
                    " и " not in sentence[sentence.find("между", words[start].start()) : words[end].end()]
                if between:  # 'Меморандум ... между Министерством просвещения и ЮНЕСКО': both parties are in the name
                    end += 1
                    continue
                if following == "и" and _last_pair(sentence, words, end):
                    end += 2  # 'в области науки и образования.': two nouns that end the phrase belong to it
                    break
                if kind == "agreement" and following == "на" and end + 2 < len(words) and \
                        re.match(r"\d{4}\s*[–-]\s*\d{4}", words[end + 2].group(0)):
                    end += 2  # 'план действий на 2025–2027 годы': the years are part of a plan's name
                    break
                if gap.strip() not in ("", "«", "»") or RU_END.match(following) or \
                        re.match(r"\w+(?:ил|ал|ял|ел|ыл)(?:а|и|о|ся|ась|ось|ись)?$|\w+(?:ет|ют|ит|ят)(?:ся)?$|\w{3,}(?:ан|ен|ён|ят)[оы]$",
                                 following) or \
                        (following[0].isupper() and key_words(fold(following)) in (countries or {})
                         and "между" not in sentence[words[k].end() : words[end].end()].lower()) or \
                        (following in ("на", "в", "во", "с") and end + 2 < len(words) and (words[end + 2].group(0)[0].isdigit()
                                                                                          or RU_TIME_WORD.match(words[end + 2].group(0)))):
                    break  # a verb, a conjunction, a country ('конференции ЮНЕСКО Казахстан избран'), 'на 2021–2025 годы'
                if following in ("в", "во") and kind != "category_2_centre" and end + 2 < len(words) and \
                        words[end + 2].group(0)[0].isupper() and "«" not in words[end + 2].group(0):
                    break  # 'конференции ЮНЕСКО в Самарканде …': where it is, not its name
                if RU_NOT_START.match(following):
                    break
                end += 1
            span = (words[start].start(), words[end].end())
            if any(s0 < span[1] and span[0] < e0 for s0, e0 in taken):
                break
            name = sentence[span[0] : span[1]]
            if kind == "convention" and RU_PARTIES_BEFORE.search(sentence, 0, span[0]):
                break  # 'Генеральная ассамблея государств – участников Конвенции …': the assembly's name
            if kind == "category_2_centre" and start == k and RU_UNNAMED_CENTRE.match(sentence, w.end(), span[1]):
                break  # the head and its category only: no centre is named
            located = re.search(r"\s+(?:в|во|на)\s+[А-ЯЁ][\w-]*$", name)
            if located and kind != "category_2_centre":  # 'конференции ЮНЕСКО в Самарканде': the city is where, not the name
                name = name[: located.start()]
            if start == end and start == 0:
                break  # 'Конференция ...' at the start of a sentence: the word alone is no name
            name = name[0].upper() + name[1:]
            if document:  # 'Меморандума о …', 'Соглашением между …': the head word in the nominative, the rest as written
                name = RU_DOCUMENT_CASE.sub(lambda m: m.group(1) + RU_DOCUMENT_ENDING.get(m.group(1).lower()[-2:], ""), name, count=1)
            taken.append(span)
            out.append((name, kind, span[0], span[1]))
            break
    return out


RU_LISTS = [(re.compile(r"(?i:предварительн\w+ спис)"), "tentative_list"),  # before the World Heritage List it belongs to
            (re.compile(r"(?i:репрезентативн\w+ спис|спис\w* нематериального|нематериального культурного наследия)"),
             "intangible_heritage_inscription"),
            (re.compile(r"(?i:спис\w* всемирного наследия)"), "world_heritage_inscription"),
            (re.compile(r"(?i:биосферн\w+ резерват)"), "biosphere_reserve"),
            (re.compile(r"(?i:«?память мира»?|реестр\w* «?памят)"), "other")]
# the Russian verb that puts an entry on the Tentative List itself ('включил в Предварительный список', 'внесён в предварительный')
RU_INTO_TENTATIVE = re.compile(r"(?i:включ|внес)\w*\s+(?:[\w«»-]+\s+){0,3}?(?:в|во)\s+(?:свой\s+|национальн\w+\s+)?(?i:предварительн)")
RU_INTO_LIST = re.compile(r"(?i:включ|внес)\w*\s+(?:[\w«»-]+\s+){0,3}?(?:в|во)\s+(?-i:Спис)\w*\s+всемирного")
RU_INCLUDED = re.compile(r"(?i:включ\w*|внесени\w*|внес\w*)\s+(?!в\s)(.{2,120}?)\s+(?:в|во)\s+((?:[А-ЯЁа-яё«»]+\s+){0,2}"
                         r"(?i:список|списка|сеть|реестр)\w*(?:\s+[а-яё«»]+){0,6})")
RU_ELEMENTS = re.compile(r"(?i:элемент\w*|объект\w*):\s*(.+?)(?:\.|$)")


RU_LIST_PHRASE = r"((?:[А-ЯЁа-яё«»]+\s+){0,2}(?i:список|списка|списке|сеть|сети|реестр)\w*(?:\s+[А-ЯЁа-яё«»]+){0,6}?)"
RU_INCLUDE_VERB = r"(?i:включ\w*|внес\w*|внесен\w*)"
RU_INCLUDE = re.compile(r"включ|внес|элемент")  # in any case (text.holds_any_case)
# 'включил в Репрезентативный список элемент «X»', 'в Репрезентативный список включен элемент «X»'
RU_LIST_FIRST = re.compile(r"(?:" + RU_INCLUDE_VERB + r"\s+(?:в|во)\s+" + RU_LIST_PHRASE + r"|(?:в|во)\s+" + RU_LIST_PHRASE +
                           r"\s+(?:(?:был|была|было|были)\s+)?" + RU_INCLUDE_VERB + r")\s+(?i:элемент\w*|объект\w*|номинаци\w*)?\s*«([^»]{2,150})»")
# 'собрание рукописей X было внесено в Международный реестр «Память мира»'
# '... было внесено в Международный реестр «Память мира»': the verb and the list; the name is the clause before the verb
RU_VERB_LIST = re.compile(r"\s+(?:(?:был|была|было|были)\s+)?(?i:внес[её]н(?!и)\w*|включ[её]н(?!и)\w*)\s+(?:в|во)\s+" + RU_LIST_PHRASE + r"(?=[\s,.;]|$)")
# 'в реестр программы «Память мира» был включён Коран Мушаф Османа – рукопись ...': the list first, an unquoted name after
RU_LIST_FIRST_BARE = re.compile(r"(?:в|во)\s+" + RU_LIST_PHRASE + r"\s+(?:(?:был|была|было|были)\s+)?(?i:внес[её]н(?!и)\w*|включ[её]н(?!и)\w*)\s+"
                                r"([А-ЯЁ][\w-]*(?:\s+[А-ЯЁ]?[\w-]+){0,5}?)(?=\s*[,.;:–—]|$)")
# a clause that only says when ('в этом году', 'ещё в 1997 году'): the name is the sentence's subject before its first comma
RU_WHEN_ONLY = re.compile(r"^(?:(?:ещё|еще|уже|также|и)\s+)?(?:(?:в|во)\s+(?:этом|прошлом|том\s+же|\d{4})\s+год\w*|недавно|сегодня|вчера|ранее)$",
                          re.I)
RU_LOWER_WORDS = re.compile(r"[А-ЯЁа-яё][а-яё-]*(?:,?\s+[а-яё-]+){0,8}")  # a description in lower-case words, no name
RU_LEAD_ADVERBIAL = re.compile(r"^(?:в\s+случае\s+\w+|(?:в|во|с|к|на)\s+(?:\d{4}\s+год\w*|\w+)|сегодня|вчера|также|недавно|ранее|затем|\d{1,2}\s+\w+(?:\s+\d{4}"
                               r"\s+года)?|а|и)\s+", re.I)


# what the words before the colon say when the list comes in the sentence after the one about the Tentative List
LIST_LEAD = re.compile(r"(?i:заявк|объект|номинаци|памятник|site|propert|entr(?:y|ies)|nomination|submission|application|file)")
LIST_ITEM_HEAD = re.compile(r"(?i:заповедник|парк|резерват|памятник|городищ|крепост|мавзоле|комплекс|ландшафт|пещер|гор[аы]|хреб|"
                            r"reserve|park|site|mausoleum|fortress|complex|landscape|mountains|caves?|city|town)\w*")


GENERIC_PLURAL = re.compile(r"^(?:[A-Z][\w-]*\s+)?(?:elements|sites|properties|reserves|traditions|entries|items|nominations)$")


def _split_known(name: str, ref: Reference) -> list[str]:
    """'Kok boru and Ala-kiyiz and shyrdak' -> ['Kok boru', 'Ala-kiyiz and shyrdak'] when one side of an 'and' is an element
    of data/ by itself; a name without such a side stays whole ('Ala-kiyiz and shyrdak')."""
    for m in re.finditer(r"\s+and\s+", name):
        left, right = name[: m.start()], name[m.end():]
        if ref.elements.get(key_words(fold(left))) or ref.elements.get(key_words(fold(right))):
            return [left, *_split_known(right[0].upper() + right[1:], ref)]
    return [name]


def _colon_list(sentence: str, ref: Reference) -> list[str]:
    """The names listed after a colon: split at commas and 'и'/'and' outside quotation marks; a quoted item is its quoted
    name, another one runs from its capital to where it lies ('в Марыйском …', 'in the … region') and needs a head word
    of a site or protected area, or a place of places.csv."""
    out = []
    for piece in _colon_pieces(sentence):
        quoted = re.search(r"[«“]([^»”]{2,120})[»”]", piece)
        if quoted:
            out.append(quoted.group(1))
            continue
        name = re.split(r"\s+(?:в|во|на|in|on|at|near)\s+", piece, maxsplit=1)[0].strip()
        name = re.sub(r"^(?:the|a|an)\s+", "", name)
        if name[:1].isupper() and len(name.split()) <= 8 and key_words(fold(name)) not in ref.countries and \
                (LIST_ITEM_HEAD.search(name) or ref.places.get(key_words(fold(name))) is not None):
            place = ref.places.get(key_words(fold(name)))
            out.append(place.name if place is not None and place.kind == "world_heritage_site" else name)
    return out


def _colon_pieces(sentence: str) -> list[str]:
    """The items of the list after a sentence's colon, split at commas and 'и'/'and' outside quotation marks and
    brackets ('one (the first and only in …) transboundary reserve' is one item)."""
    text = sentence[sentence.index(":") + 1 :]
    pieces, depth, brackets, current = [], 0, 0, ""
    for part in re.split(r"(«|»|“|”|,|\s+и\s+|\s+and\s+|\s+а также\s+|(?:^|\s+)as well as\s+)", text):
        if part in ("«", "“"):
            depth += 1
        elif part in ("»", "”"):
            depth = max(0, depth - 1)
        if not depth and not brackets and (part == "," or (part.strip() in ("и", "and", "а также", "as well as") and part != part.strip())):
            pieces.append(current)
            current = ""
        else:
            current += part
            brackets = max(0, brackets + part.count("(") - part.count(")"))
    pieces.append(current)
    return [piece.strip(" .;") for piece in pieces if piece.strip(" .;")]


def _clause_before(sentence: str, end: int) -> str:
    """The clause that ends at `end`: back to the last comma, semicolon or colon that is not between two dashes."""
    text = sentence[:end]
    depth, i = 0, len(text)
    while i > 0:
        c = text[i - 1]
        if c in "–—":
            depth ^= 1
        elif c in ",;:" and not depth and not (c == "," and text[i - 2 : i - 1] == "»" and text[i : i + 2].strip()[:1] == "«"):
            break  # ('«Манас», «Семетей», «Сейтек»': one list of quoted names goes on)
        i -= 1
    return text[i:].strip()


RU_QUOTED_LIST = re.compile(r"(?:(?i:элемент|объект|номинаци|памятник)\w*\s+)?«[^»]+»(?:\s*(?:,|и|,\s*а\s+также)\s*«[^»]+»)+")
RU_TRAILING_MODAL = re.compile(r"\s+(?:может|могут|должен|должна|должно|должны)(?:\s+быть)?$")
RU_TRAILING_WHEN = re.compile(r"\s+(?:(?:ещё|еще|уже)\s+)?(?:с|в|во)\s+(?:\d{4}|этом|прошлом)\s+год\w*$")
RU_NOT_ELEMENT = re.compile(r"(?i:(?:новых\s+|других\s+|этих\s+|двух\s+|трех\s+)?(?:объект|элемент|номинаци|памятник|досье|сайт)\w*)$")
RU_GENERIC_SITES = re.compile(r"^(?i:(?:новых|других|этих|ряда)\s+)?(?:(?i:объект|элемент|памятник|номинаци)\w*\s+(.+)|(.+?)\s+"
                              r"(?i:объект|элемент|памятник)\w*)$")


def _ru_country_sites(name: str, ref: Reference) -> bool:
    """'объектов Таджикистана', 'памятников нашей страны', 'новых казахстанских объектов': a country's sites, no site's name."""
    m = RU_GENERIC_SITES.match(name.strip())
    rest = m and (m.group(1) or m.group(2))
    return bool(rest) and (key_words(fold(rest)) in ref.countries or
                           re.fullmatch(r"(?i:(?:нашей|своей)\s+)?(?i:страны|республики)", rest) is not None)


RU_RESERVE_WORDS = re.compile(r"(?i:(?:государственн|биосферн|природн|национальн)\w*\s+)*(?:заповедник|резерват|парк)\w*"
                              r"|(?i:(?:государственн|биосферн|природн|национальн)\w*)")


RESERVE_TAIL = re.compile(r"(?:\s+(?:Transboundary|State|National))*\s+Biosphere\s+Reserve$")


def _biosphere_reserve(bare: str, ref: Reference):
    """The biosphere reserve of places.csv named by its bare name, also by one of the names in its brackets or with the
    words before its name ('Ak-Zhaiyk' and 'Akzhaik' for 'Ak-Zhaiyk (Akzhaik) Biosphere Reserve', 'Great Altai' for the
    'Great Altai Transboundary Biosphere Reserve', 'transboundary biosphere reserve Great Altai'); None when none is."""
    table = ref.reserves_by_bare
    if table is None:  # built on first use
        table = ref.reserves_by_bare = {}
        for place in ref.places.values():
            if place.kind == "biosphere_reserve":
                stem = RESERVE_TAIL.sub("", place.name)
                for variant in [stem, *re.findall(r"\(([^)]+)\)", stem), re.sub(r"\s*\([^)]*\)", "", stem)]:
                    table.setdefault(key_words(fold(variant)), place)
    bare = re.sub(r"^.*?\b(?i:biosphere\s+reserves?)\s+", "", bare)  # 'one transboundary biosphere reserve Great Altai'
    return ref.places.get(fold(bare + " Biosphere Reserve")) or table.get(key_words(fold(bare)))


def _reserve_of(name: str, ref: Reference) -> str | None:
    """The biosphere reserve of places.csv a Russian name stands for: 'Биосферный заповедник Алаколь' (the lake Alakol)
    -> 'Alakol Biosphere Reserve'; None when there is none."""
    bare = " ".join(RU_RESERVE_WORDS.sub(" ", name).split())
    place = ref.places.get(key_words(fold(bare))) if bare else None
    if place is None:
        return None
    if place.kind != "biosphere_reserve":
        english = re.sub(r"\s+(?:National Park|Nature Reserve|State Nature Reserve|Reserve)$", "", place.name).replace("Lake ", "")
        place = ref.places.get(fold(english + " Biosphere Reserve"))
    return place.name if place is not None and place.kind == "biosphere_reserve" else None


# a list entry still to come: 'готовит номинацию «Устюрт» для включения в Список всемирного наследия'
RU_PLANNED = re.compile(r"(?i:номинаци|для включения|к включению|для внесения|к внесению|рекомендова|заявк|кандидатур|шанс|претенд|войти в|стать объектом|планиру|"
                        r"намерен|предстоит|может быть|могут быть|в случае)")
RU_DONE = re.compile(r"(?<![\w-])(?<!может быть )(?<!могут быть )(?i:включен[аоы]?|внесен[аоы]?|включил\w*|внесл\w*|вош(?:ел|ла|ло|ли)|внес[её]н[аоы]?)(?![\w-])")
RU_PLANNED_KIND = {"world_heritage_inscription": "world_heritage_nomination", "intangible_heritage_inscription": "other"}


def find_ru_inscriptions(sentence: str, ref: Reference) -> list[tuple[str, str, int]]:
    """'о включении Ортеке в Репрезентативный список ...', '... трех элементов: A, B, а также C' -> (name, kind, end);
    a nomination still to be decided ('номинацию «Устюрт» для включения в ...') is the quoted name, as a nomination."""
    out = _ru_inscriptions(sentence, ref)
    if out and RU_PLANNED.search(sentence) and not RU_DONE.search(sentence):
        planned = []
        for name, kind, end in out:
            quoted = re.search(r"«([^»]{2,150})»", name)
            name = quoted.group(1) if quoted else name
            planned.append((name, RU_PLANNED_KIND.get(kind, kind), end))
        return planned
    return out


def _ru_inscriptions(sentence: str, ref: Reference) -> list[tuple[str, str, int]]:
    out = []
    if not holds_any_case(RU_INCLUDE, sentence):
        return out
    for m in RU_LIST_FIRST.finditer(sentence):
        kind = next((k for pattern, k in RU_LISTS if pattern.search(sentence[m.start() : m.end() + 60])), None)
        if kind is not None:
            place = _place_in_name(m.group(3), ref)  # «Холодные зимние пустыни Турана» is the property of places.csv
            out.append((place.name if place is not None else m.group(3)[0].upper() + m.group(3)[1:], kind, m.end()))
    for m in RU_LIST_FIRST_BARE.finditer(sentence):
        kind = next((k for pattern, k in RU_LISTS if pattern.search(sentence[m.start(1) : m.end(1) + 60])), None)
        if kind is not None and not RU_NOT_ELEMENT.match(m.group(2)) and not any(m.group(2) in n for n, _, _ in out):
            place = _place_in_name(m.group(2), ref)
            out.append((place.name if place is not None else m.group(2), kind, m.end()))
    for m in RU_VERB_LIST.finditer(sentence):
        kind = next((k for pattern, k in RU_LISTS if pattern.search(sentence[m.start(1) : m.end() + 60])), None)
        name = _clause_before(sentence, m.start())
        if RU_WHEN_ONLY.match(name) and "," in sentence[: m.start()]:
            name = sentence[: sentence.index(",")].strip()  # the subject, before an apposition: 'X, около 200 тысяч документов, ...' 
        inner = re.search(r"[–—-]\s+([^–—]+?)\s+[–—-]\s*$", name)  # 'Три элемента – айтыс, кюй и казахская борьба – включены'
        if inner and kind is not None:
            for part in re.split(r",\s*|\s+и\s+", inner.group(1)):
                out.append((part[0].upper() + part[1:], kind, m.end()))
            continue
        while RU_LEAD_ADVERBIAL.match(name):
            name = RU_LEAD_ADVERBIAL.sub("", name, count=1)
        name = RU_TRAILING_WHEN.sub("", name)  # '… «Сейтек» с 2013 года включена': when, not the name
        name = RU_TRAILING_MODAL.sub("", name)  # 'X может быть включён': X, still to be decided (RU_PLANNED)
        if kind is not None and RU_QUOTED_LIST.fullmatch(name):  # 'Элементы «Навруз» и «Шашмаком» включены': each of them
            for quoted in re.findall(r"«([^»]{2,150})»", name):
                place = _place_in_name(quoted, ref) or ref.places.get(key_words(fold(quoted)))
                out.append((place.name if place is not None else quoted, kind, m.end()))
            continue
        quoted = re.search(r"(?i:элемент\w*|объект\w*)?\s*«([^»]{2,150})»$", name) if name.count("«") == 1 else None
        if quoted:  # 'На 19-й сессии ... элемент «Беташар» был включен', 'Элемент «Навруз» внесён': the element, not the clause
            name = quoted.group(1)
        if kind is None or len(name) < 3 or any(name in n for n, _, _ in out) or _ru_country_sites(name, ref):
            continue
        place = ref.places.get(key_words(fold(name)))
        out.append((place.name if place is not None else name[0].upper() + name[1:], kind, m.end()))
    for m in RU_INCLUDED.finditer(sentence):
        kind = next((k for pattern, k in RU_LISTS if pattern.search(m.group(2) + " " + sentence[m.end():m.end() + 60])), None)
        if kind is None:
            continue
        names = [m.group(1)]
        parts = re.split(r",\s*|\s+и\s+", m.group(1))
        if len(parts) > 1 and all(key_words(fold(p)) in ref.places for p in parts):
            names = parts  # 'Бурабая и Маркаколя': two reserves
        for name in names:
            if RU_NOT_ELEMENT.match(name.strip()) or _ru_country_sites(name, ref):
                continue  # 'включения объектов в Список', 'объектов Таджикистана': the word for a site, not a site
            place = ref.places.get(key_words(fold(name)))
            out.append((place.name if place is not None else name[0].upper() + name[1:], kind, m.end()))
    if RU_LISTS[0][0].search(sentence):
        for m in RU_ELEMENTS.finditer(sentence):
            for name in re.split(r",\s*(?:а\s+также\s+)?|\s+а\s+также\s+", m.group(1)):
                name = name.strip()
                if name:
                    out.append((name[0].upper() + name[1:], "intangible_heritage_inscription", m.end()))
    return out


TITLE_HINT = re.compile(by_first_letter(r"Advis|Represent|Envoy|Minister|Ambassador|Director|President|Chair|Secretary|Head|Coordinator|Rector|"
                        r"Governor"))
TITLE_IN_SPAN = re.compile(r"^.*\b(?:Advis[eo]r|Representative|Envoy|Minister|Ambassador|Director|President|Chair\w*|Secretary|Head|"
                           r"Coordinator|Rector|Governor)\b.*?\b(?:for|of|to)\s+the\s+")
NAMED_LIST = re.compile(r"\b((?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)(?:(?:,\s*|,?\s+and\s+)(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)+)"
                        r"\s+(?:national parks|nature reserves|reserves|parks|biosphere reserves)\b")
LEADING_DATE = re.compile(r"(?:On\s+)?(?:\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December)(?:\s+\d{4})?|(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December)\s+\d{1,2}(?:,?\s+\d{4})?)\s+(?:the\s+)?(?=[A-Z\d])")
WORLD_HERITAGE = guarded("[wв]", r"World Heritage|всемирного (?:культурного |природного )?наследия", re.I)  # 'Всемирного культурного наследия'
NOMINATION_WORD = guarded("[ncdt]", r"\b(?:nomination|candidacy|dossier|Tentative List)\b", re.I)
TENTATIVE = re.compile(r"Tentative List|предварительн\w* спис", re.I)
_CAPS = r"(?:the\s+)?[A-Z][\w'’-]+(?:\s+(?:of\s+(?:the\s+)?|and\s+)?[A-Z][\w'’-]+)*"
# the register's own name after 'of' names no entry ('the Tentative List of UNESCO World Heritage')
TENTATIVE_NAME = re.compile(r"Tentative List\s+(?:submission|nomination|entry|file|proposal|dossier)?\s*(?:for|of)\s+"
                            r"(?!(?:the\s+)?(?:UNESCO\s+)?World\s+Heritage\b)(" + _CAPS + r")|"
                            r"(" + _CAPS + r")\s+(?:was|were|has been|have been|had been|is|are)\s+(?:\w+ly\s+)?(?:also\s+)?"
                            r"(?:added|submitted|included|placed|put|entered|listed)\s+(?:on|to|in|into)\s+(?:the|its|their|[A-Z]\w+['’]s)\s+"
                            r"(?:national\s+)?Tentative List|\b(?:added|submitted|included|placed|put)\s+(" + _CAPS + r")\s+(?:on|to|in|into)\s+"
                            r"(?:the|its|their)\s+(?:national\s+)?Tentative List")
TENTATIVE_VERB = guarded(r"[apsieloвп]",
                         r"\b(?:added|placed|put (?:forward|on)|submitted|included|entered|listed)\b|\bon (?:its|their|the) (?:national )?"
                         r"list\b|(?<![\w-])(?:включ\w*|внес\w*|представил\w*)(?![\w-])", re.I)
SEAT_CUE = guarded(r"[restmwипвч]",
                   r"\b(?:re-?elected|elected|sat on|sits on|served on|serves on|serving on|seats? on|term on|member of|"
                   r"membership of|membership in|won a seat|re-election)\b|(?<![\w-])(?:избра\w*|переизбра\w*|избира\w*|переизбира\w*|"
                   r"входит в|входил\w* в|вош\w+ в состав|вош(?:ел|ёл|ла|ли)(?=\s+в\s+(?:Бюро\s+|Исполнительн|Комитет|Межправительственн|"
                   r"Совет|Международн|$))|член\w* (?:Исполнительн|Комитет|Совет|Межправительствен)\w*)(?![\w-])", re.I)
# 'стал членом Межправительственного комитета': the member word (instrumental, a predicate: not 'Члены ... посетили')
# right before the body (SEAT_CUE's Russian member cue
# names the body's first word, which lies after the window)
RU_MEMBER_BEFORE = re.compile(r"(?<![\w-])член(?:ом|ами)\s+$", re.I)  # predicative: стал членом, является членом
NOT_A_SEAT = re.compile(r"\b(?:Chair\w*|President|Vice|Rapporteur|Director|Secretary)\b|(?<![\w-])(?:председател|вице|докладчик)", re.I)
SHORT_SEAT = re.compile(r"\b(?:sat|sits|served|serves|serving|seat|seats|elected|re-elected|member|membership|term)\s+(?:\w+\s+){0,2}?"
                        r"(?:on|to|of|in)\s+the\s+(Board|Committee)\b(?!['’]s)")
TERM = re.compile(r"^[\s,]*(?:\(|for\s+|in\s+|since\s+|from\s+|на\s+|с\s+)?(?:(?:January|February|March|April|May|June|July|August|"
                  r"September|October|November|December)\s+)?((?:19|20)\d{2})")
ANNIVERSARY_LIST = re.compile(r"\b(?:list|calendar|included|includes|placed|UNESCO)\b|(?<![\w-])(?:перечень|перечн|календар|"
                              r"включ|ЮНЕСКО)", re.I)
ANNIVERSARY = re.compile(r"\b(\d{2,4}(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+)?[^,.;:()]{2,90}?)(?=\s*[,.;:()]|\s+(?:which|that|"
                         r"who|was|were|is|are|has|had|proposed|put|on|in|with|by|and|as|at|to|from|for|within)\s|$)")
RU_ANNIVERSARY = re.compile(r"(?<![\w-])(\d{2,4})-лети\w*((?:\s+(?:со дня|с момента|с даты)\s+(?:рождения|основания|образования|"
                            r"создания|смерти))?(?:\s+(?!(?:в|во|на|по|и|а|для|к|с|со|от|который|которая|которое|которого)(?![\w-]))"
                            r"[\w«»\"'’-]+){1,6})")
FUNDED_PROJECT = re.compile(r"\b((?:[A-Z][A-Za-z]*\s*[–/-]\s*){1,4}[A-Z][A-Za-z]*(?:\s+(?:Funds-in-Trust|[A-Z][\w-]*)){0,4})\s+"
                            r"([Pp]roject|[Pp]rogramme)\b((?:\s+(?:on|for|to)\s+"
                            r"[^,.;()\"“]{3,80}?))?(?=\s*[,.;()]|\s+(?:was|is|will|which|that|launched|financed|funded|carried|"
                            r"prepared|held|at|by|and|in)\b|\s+[a-z]+ed\b|$)")
RU_FUNDED_PROJECT = re.compile(r"(?<![\w-])(?i:проект\w*|программ\w*)\s+((?:[А-ЯЁA-Z]{2,}(?:\s*,\s*|\s+и\s+|\s*[–-]\s*)){1,4}"
                               r"[А-ЯЁA-Z]{2,})(\s+(?:по|в области|для|о)\s+[^,.;«»]{3,80}?)(?=\s*[,.;]|\s+(?:в|на|который|которая|и)\s|$)")
RU_DESCRIBED = re.compile(r"(?<![\w-])((?:международн|регионал|субрегионал|научн|молодежн|республиканск|национальн|межрегиональн)"
                          r"[а-яё-]*\s+(?:[а-яё]+(?:ый|ий|ой|ая|ое|ые|ых|ом|ую)\s+)?(?:семинар|конференци|форум|совещани|симпозиум|"
                          r"саммит|тренинг)[а-яё]*(?:\s+ЮНЕСКО)?(?:\s+(?:по|о|об|на тему|для)\s+[^,.;«»()]{3,60}?|(?:\s+[а-яё-]+(?:ых|их|ей|ов|ев|ий|ого|его))"
                          r"{1,4})?)(?=\s+(?:в рамках|в|во|на|с|со|"
                          r"который|которая|которое|прош\w+|состо\w+)(?![\w-])|\s*[,.;()]|$)")
RU_RESOLUTION_ON = re.compile(r"(?<![\w-])(?:резолюци\w*)\s+(о|об|по)\s+([^,.;«»]{3,80}?)(?=\s*[,.;]|\s+(?:в|на|который|которая|и|была|был)"
                              r"(?![\w-])|$)")
RU_RESOLUTION_AND = re.compile(r"(?:\s*,\s*|\s+и\s+|\s+а также\s+)(о|об|по)\s+([^,.;«»]{3,80}?)(?=\s*[,.;]|\s+(?:в|на|который|которая|и|"
                               r"была|был|а также)(?![\w-])|$)")
RU_ADOPTED = re.compile(r"(?<![\w-])(?:принят\w*|приня[лв]\w*|одобр\w*|поддерж\w*|утверд\w*|утвержд\w*)(?![\w-])", re.I)
RU_RESERVE_LIST = re.compile(r"((?:[А-ЯЁ][\w-]+(?:ий|ый|ой|ая|ое|ого|ому|им|ым|ом)(?:\s*,\s*|\s+и\s+))+[А-ЯЁ][\w-]+"
                             r"(?:ий|ый|ой|ая|ое|ие|ые|их|ых|ого|ому|им|ым|ом|ими|ыми))\s+(?:государственн\w+\s+)?биосферн\w+\s+"
                             r"резерват\w*")


def _ru_reserve_list(sentence: str, ref: Reference) -> list[str]:
    """'Иссык-Кульский и Сары-Челекский биосферные резерваты' -> the two reserves of places.csv, by their English names."""
    out = []
    for m in RU_RESERVE_LIST.finditer(sentence):
        for adjective in re.split(r"\s*,\s*|\s+и\s+", m.group(1)):
            stem = key_words(fold(adjective))
            place = next((p for k, p in ref.places.items() if p.kind == "biosphere_reserve" and k.split(" ")[0] == stem), None)
            if place is None:  # 'Сары-Челекский' -> the reserve whose Russian name starts like it ('Сары-Челек')
                bare = re.sub(r"(?:ск|цк)$", "", stem)
                place = next((p for k, p in ref.places.items() if p.kind == "biosphere_reserve" and CYRILLIC.search(k)
                              and len(bare) >= 4 and (k.startswith(bare) or bare.startswith(k.split(" ")[0]))), None)
            if place is not None and place.name not in out:
                out.append(place.name)
    return out


def _site_like(name: str, ref: Reference) -> str:
    """A quoted property as the World Heritage List names it when the release spells it another way ('«Zarafshon-Karakum»'
    -> 'Silk Roads: Zarafshan-Karakum Corridor'); else the quoted name."""
    from rapidfuzz import fuzz

    key = key_words(fold(name))
    if len(key) < 8 or CYRILLIC.search(name):
        return name
    sites = {p.name: key_words(fold(p.name)) for p in ref.places.values() if p.kind == "world_heritage_site"}
    hits = [site for site, site_key in sites.items() if len(site_key) >= len(key) and fuzz.partial_ratio(key, site_key) >= 90]
    return hits[0] if len(hits) == 1 else name


def _place_in_name(name: str, ref: Reference):
    """The place of places.csv that a Russian name is, also when it goes on ('... центр под эгидой ЮНЕСКО')."""
    words = name.split()
    for size in range(len(words), 1, -1):
        place = ref.places.get(key_words(fold(" ".join(words[:size]))))
        if place is not None:
            return place
    return None


RU_GENERIC = {key_words(fold(n)) for n in ("Генеральная конференция", "Генеральная конференция ЮНЕСКО", "Исполнительный совет",
                                            "Исполнительный совет ЮНЕСКО", "Конференция", "Форум", "Программа", "Проект", "Совет", "План действий",
                                            "Меморандум", "Соглашение", "Дорожная карта", "Меморандум о взаимопонимании",
                                            "Центр категории 2", "Центр категории II", "Центр под эгидой ЮНЕСКО",
                                            "Программа развития ООН", "Программа ООН по окружающей среде",
                                            "Всемирная продовольственная программа", "Центр категории 2 под эгидой ЮНЕСКО",
                                            "Центр категории II под эгидой ЮНЕСКО")}
JOIN_NETWORK = re.compile(r"\b(?:joined|joins|join|joining|became|become|becomes|is now|admitted|entered|enters|designated|"
                          r"included|member of|part of)\b|(?<![\w-])(?:вош(?:ел|ла|ли|ел)|вступи\w*|включ\w*|принят\w*|стал\w*|"
                          r"получил\w* статус|присвоен\w* статус|признан\w*)"
                          r"(?![\w-])", re.I)
STANDING_LEAD = {"the", "unesco", "юнеско", "s", "of", "its", "a"}
BODY_WORDS = {"council", "committee", "board", "совет", "комитет"}


RU_NETWORK = re.compile(r"(?<![\w-])(?i:сет(?:ь|и|ью))(?![\w-])")


def _standing_start(name: str, ref: Reference) -> bool:
    """A name that starts with a list, network or standing programme ('Сеть творческих городов ЮНЕСКО в области ...')."""
    words = name.split()
    return any(_standing(" ".join(words[:size]), ref) for size in range(2, len(words) + 1))


def _standing(name: str, ref: Reference) -> bool:
    """A list, network or standing programme of UNESCO ('the International Hydrological Programme', 'Гидрологическая
    программа ЮНЕСКО'), or a body of one ('Intergovernmental Council of the International Hydrological Programme')."""
    if not ref.standing.keys:
        return False
    cache = ref.standing.cache
    if name not in cache:
        cache[name] = _standing_uncached(name, ref)
    return cache[name]


def _standing_uncached(name: str, ref: Reference) -> bool:
    keys = [k for k in (token_key(w) for w, _, _ in tokens(name)) if k not in ("unesco", "юнеско", "unescos")]
    # ('UNESCOs World Network …': the possessive written without its apostrophe)
    # 'Международную программу ЮНЕСКО по геонаукам': UNESCO's Russian name (key 'юнеск') inside a standing name too
    return _standing_keys(keys, ref) or ("юнеск" in keys and _standing_keys([k for k in keys if k != "юнеск"], ref))


def _standing_keys(keys: list[str], ref: Reference) -> bool:
    """A standing name by its keys; also one standing name of another ('the World Network of Biosphere Reserves of the
    Man and the Biosphere Programme')."""
    for j in range(1, len(keys) - 1):
        if keys[j] == "of" and " ".join(keys[:j]) in ref.standing.keys and _standing_keys(keys[j + 1:], ref):
            return True
    for i in range(len(keys)):
        if " ".join(keys[i:]) in ref.standing.keys and (all(k in STANDING_LEAD for k in keys[:i])
                                                         or any(k in BODY_WORDS for k in keys[:i])):
            return True
    return False


def _seats(sentence: str, ref: Reference, dates: list[Found], folded, context: dict) -> list[tuple[str, int | None]]:
    """(body name, first year of the term) for each UNESCO body on which the sentence gives a seat: 'was re-elected to the
    Executive Board for 2025–2029', 'first sat on the Board in 2019–2023', 'избран в Исполнительный совет на 2019–2023 годы'."""
    words, keys = folded if folded is not None else _tokens_and_keys(sentence)
    russian = CYRILLIC.search(sentence) is not None
    mentions = [(body, start, end) for body, start, end in ref.bodies.find(words, keys)]
    for m in SHORT_SEAT.finditer(sentence):
        if not any(s <= m.start(1) < e for _, s, e in mentions):
            word = m.group(1).lower()
            body = (context.get("last_body") or {}).get(word) or (ref.body_short.get(word) or [None])[0]
            if body is not None:
                mentions.append((body, m.start(1), m.end(1)))
    out = []
    for body, start, end in sorted(mentions, key=lambda m: m[1]):
        # a seat cue before the body in the same clause ('was re-elected to the Executive Board', 'избран в Исполнительный
        # совет'), not a session of the body ('the 216th session of the Executive Board', "the Committee's 16th session")
        window = sentence[max(0, start - 200) : start]
        cue = next(iter(SEAT_CUE.finditer(window)), None) or RU_MEMBER_BEFORE.search(window)
        between = window[cue.end():] if cue else ""
        if cue is None or re.search(r"[.;]", between) or NOT_A_SEAT.search(between) or SESSION_BEFORE.search(sentence[:start]) \
                or re.match(r"['’]s\s+(?:\d+\w*|\w+)\s+session|\s+session", sentence[end:]):
            continue
        term = TERM.match(sentence[end : end + 40])
        year = int(term.group(1)) if term else next((d.year for d in dates if 0 <= d.start - end <= 40), None)
        if year is None:
            year = next((d.year for d in reversed(dates) if d.end <= start and d.end_year is None), None)
        bureau = BUREAU_BEFORE.search(sentence, max(0, start - 30), start) or \
            (BUREAU_AFTER.match(sentence, end) if sentence[end - 2 : end] in ("'s", "’s") or sentence[end : end + 1] in "'’" else None)
        name = (f"{bureau.group(0)}{sentence[start:end]}" if russian else f"Bureau of the {body.name}") if bureau else \
            (body.ru if russian else body.name)  # 'elected to the Bureau of the Committee', "the Committee's Bureau": the Bureau
        terms = TERMS.match(sentence, end)
        years = [int(y) for y in TERM_START.findall(terms.group(0))] if terms else []
        for year in years if len(years) > 1 else [year]:  # 'for the terms 1997-2001 and 2009-2013': one record per term
            out.append((name, year))
    for body, _, _ in mentions:  # 'the Board' / 'the Committee' later in the release stand for the body named last
        for word, bodies in ref.body_short.items():
            if body in bodies:
                context.setdefault("last_body", {})[word] = body
    return out


# every cue a rule of find_partnerships needs, besides a head word (`partnership_heads` of gazetteer.yaml): a sentence with none of them names none
PARTNERSHIP_CUE = re.compile(by_first_letter(r"permanent|inscri|added|entered|included|listed|joined|became|recogni|designat|proclaim|incorporat|heritage|"
                             r"intangible|representative|tentative|certificat|nominat|candidacy|dossier|element|memory of|register|"
                             r"network|biospher|session|elect|sat on|sits on|serv|seat|term|member|anniversar|project|programme|"
                             r"program|initiative|resolution|cent|institute|forum|conference|summit|symposium|festival|biennale|"
                             r"congress|exhibition|workshop|memorand|agreement|action plan|road ?map|chair|day|list|reserve|"
                             r"signed|sign|adopt|approv|prepar|draw|drew|draft|conclu|ratif|expo|games|prize|award|medal|declaration|"
                             r"charter|geopark|convention|decade|year|aide-m|academy|open a unesco|opened a unesco|opening of a unesco|"
                             r"open the unesco|opening of the unesco|establish a unesco|establishment of a unesco|set up a unesco|meeting on|"
                             r"meeting of experts|round table|roundtable|dedicated to|devoted to|office into|office in \w+ into"))
SEAT_HINTS = ("elect", "sat on", "sits on", "serv", "seat", "term on", "member", "избра", "избира", "входит", "входил", "вош", "член")
RU_EVENT_HINT = re.compile(by_first_letter(r"семинар|конференци|форум|совещани|симпозиум|саммит|тренинг"))
def _centre_key(name: str) -> str:
    return " ".join("centre" if w == "center" else w for w in fold(name).split())


PARTIES_TO = re.compile(r"(?:the\s+)?(?:States?\s+)?Parties\s+to\s+(?:the\s+)?")
BARE_CONVENTION = re.compile(r"(?:the\s+)?Convention")
STATES_PARTIES = re.compile(r"(?:the\s+)?(?:General\s+)?Assembly\s+of\s+(?:the\s+)?States\s+Parties\b")
BUREAU_AFTER = re.compile(r"(?:['’]s)?\s+Bureau\b")  # "the Committee's Bureau" (the body's token may hold the 's)
BUREAU_BEFORE = re.compile(r"\bBureau\s+of\s+(?:the\s+)?(?:UNESCO\s+)?$|(?<![\w-])Бюро\s+$")
# the terms of a seat listed after the body: 'for the terms 1997-2001 and 2009-2013', 'на 2016–2020 и 2021–2025 годы'
TERM_RANGE = r"(?:19|20)\d{2}\s*[–-]\s*(?:19|20)?\d{2}"
TERMS = re.compile(r"[\s,:]*(?:\(|for|in|на|в)?\s*(?:the\s+)?(?:terms?\s+(?:of\s+)?)?" + TERM_RANGE + r"(?:(?:\s*,\s*|,?\s+(?:and|и)\s+)"
                   r"(?:(?:again|also|later|снова|затем|позднее)\s+)?(?:(?:in|for|на|в)\s+)?" + TERM_RANGE + r")+")
TERM_START = re.compile(r"((?:19|20)\d{2})\s*[–-]")
SESSION_BEFORE = re.compile(r"(?:\bsession\s+of\s+(?:the\s+)?(?:UNESCO\s+)?|сесси\w*\s+)$", re.I)


def _tokens_and_keys(sentence: str):
    words = tokens(sentence)
    return words, [token_key(w) for w, _, _ in words]


def _anniversaries(sentence: str) -> list[tuple[str, int]]:
    """'the 300th anniversary of the birth of Magtymguly Fragi' / '1150-летие со дня рождения Абу Насра аль-Фараби'."""
    out = [(m.group(1), m.end()) for m in ANNIVERSARY.finditer(sentence)]
    for m in RU_ANNIVERSARY.finditer(sentence):
        out.append((f"{m.group(1)}-летие{m.group(2)}", m.end()))
    # of someone or something named ('of Magtymguly Fragi', 'города Шымкента'), not 'the 30th anniversary of its independence'
    return [(name, end) for name, end in out if re.search(r"\s[A-ZА-ЯЁ]", name)]


def _network_members(sentence: str, ref: Reference, folded, places) -> list[tuple[str, int]]:
    """'Bukhara has become ... the UNESCO Creative Cities Network' -> ('Bukhara in the UNESCO Creative Cities Network', end);
    'Ашхабад вошел в Сеть творческих городов ЮНЕСКО' -> ('Ашхабад в Сети творческих городов ЮНЕСКО', end)."""
    if not ref.networks.keys or not ("etwork" in sentence or "сет" in sentence or "Сет" in sentence or "reative Cit" in sentence
                                   or "творческ" in sentence or "креативн" in sentence):
        return []
    words, keys = folded if folded is not None else _tokens_and_keys(sentence)
    out = []
    for network, start, end in ref.networks.find(words, keys):
        cities = [(place, s, e) for place, s, e in places if place.kind == "city" and e <= start and
                  JOIN_NETWORK.search(sentence[e:start]) and not re.search(r"[;.]|,\s+(?:and|а|и)\s", sentence[e:start])]
        if not cities:
            continue
        members = [cities[-1]]  # 'Tashkent and Samarkand have become members of ...': each city of the list
        for place, s, e in reversed(cities[:-1]):
            if re.fullmatch(r"\s*(?:,|,?\s*(?:and|и))\s*", sentence[e : members[0][1]]):
                members.insert(0, (place, s, e))
        for place, s, e in members:
            out.append(_member_name(sentence, place, s, e, network, start, end, ref.networks_ru))
    return out


def _member_name(sentence: str, place, s: int, e: int, network: str, start: int, end: int,
                 ref_networks_ru: dict | None = None) -> tuple[str, int]:
    """The partnership's name: '<City> in the <network>', or in Russian the city as written 'в' the network as written."""
    if not CYRILLIC.search(sentence[start:end]):
        return f"{place.name} in the {network}", end
    if ref_networks_ru and not re.match(r"(?i:сет|глобальн)", sentence[start:end]) and network in ref_networks_ru:
        return f"{sentence[s:e]} в {ref_networks_ru[network]}", end  # 'творческого города ЮНЕСКО': the city, not the network
    written = sentence[start:end] + (" ЮНЕСКО" if sentence[end:].startswith(" ЮНЕСКО") else "")
    head, _, rest = written.partition(" ")
    head = re.sub(r"ь$", "и", re.sub(r"(?:ая|ую)$", "ой", head))  # 'в Сеть', 'в Глобальную сеть' -> 'в Сети', 'в Глобальной сети'
    rest = re.sub(r"(?<![\w-])сеть(?![\w-])", "сети", rest)
    return f"{sentence[s:e]} в {head} {rest}".strip(), end


RESOLUTION_ON = re.compile(r"\bresolutions?\s+(?:(?:initiated|proposed|put forward|sponsored)\s+by\s+[A-Z]\w+\s+)?(?:\w+\s+){0,3}?"
                           r"(?:on|associating the Organi[sz]ation with|marking|celebrating|to celebrate|for)\s+(?:the\s+)?"
                           r"((?:universal\s+)?[a-z][\w'’-]*(?:\s+(?!and\b|which\b|that\b)[\w'’-]+){1,7}|\d+(?:st|nd|rd|th)\s+anniversary\s+of\s+"
                           r"(?:the\s+)?(?:birth\s+of\s+)?[A-Z][^,.;]{2,60})")
# the next topic of a list of resolutions: '... on access to information and on the education of children'
RESOLUTION_AND_ON = re.compile(r"(?:,\s*|,?\s+and\s+)(?:on|for)\s+(?:the\s+)?([a-z][\w'’-]*(?:\s+(?!and\b|which\b|that\b)[\w'’-]+)"
                               r"{1,7})")
EVENT_WORDS = ("forum", "conference", "summit", "symposium", "festival", "biennale", "congress", "exhibition", "workshop", "meeting on",
               "meeting of experts")
DESCRIBED_EVENT = guarded(r"(?i:[at])",
                          r"\b((?i:an?|the)\s+(?:(?:first|second|third|new|international|regional|high-level|anniversary|glacier|"
                          r"sub-regional|ministerial|youth|\d+(?:st|nd|rd|th))\s+)+(?:forum|conference|summit|symposium|festival|"
                          r"biennale|congress|exhibition|workshop)(?:\s+(?:on|of|for|to mark|dedicated to|devoted to)\s+[^,.;()]{3,80}?)?)"
                          r"(?=\s+(?:to be held|held|was held|will be held|in|at|on|which|that|will|was|opened|hosted|brought)\b|[,.;()]|$)"
                          r"|\b(?i:an?|the)\s+((?:sub-regional|subregional|regional|international|high-level|ministerial|expert|"
                          r"intergovernmental)\s+meeting\s+(?:on|of experts on)\s+[^,.;()]{3,80}?)(?=\s+(?:to be held|held|in|at|which|"
                          r"that|will|was)\b|[,.;()]|$)"
                          r"|\b((?i:an?)\s+(?:forum|conference|summit|symposium|biennale)\s+(?:on|of|for|to mark|dedicated to|devoted to)"
                          r"\s+[^,.;()]{3,80}?)(?=\s+(?:to be held|held|in|at|which|that|will|was)\b|[,.;()]|$)"
                          r"|\b((?i:an?)\s+(?:forum|conference|summit|symposium|biennale))\s+(?:to be held|will be held|was held|held)\b"
                          r"[^,.;]{0,60}?\s+(to mark|on|dedicated to|devoted to|for)\s+([^,.;()]{3,80})")
# 'an exhibition dedicated to the 1050th anniversary of Beruniy', 'the round table devoted to …'
DEDICATED_EVENT = re.compile(r"\b(?i:an?|the)\s+((?:(?:international|regional|sub-regional|national|scientific|photo|joint)\s+)?"
                             r"(?:exhibition|festival|round table|roundtable|conference|forum|seminar|workshop|symposium|congress)\s+"
                             r"(?:dedicated|devoted)\s+to\s+[^,.;()]{3,80}?)(?=\s+(?:took place|was held|were held|opened|opens|in|at|on|"
                             r"which|that|will|was|is)\b|[,.;()]|$)")
# 'a forum in December 2025 on neutrality and …': the event's date between it and what it is on
DATED_EVENT = re.compile(r"\b(?i:an?)\s+((?:(?:international|regional|high-level|ministerial)\s+)?(?:forum|conference|summit|symposium|"
                         r"biennale|congress|festival))\s+(?:to be held\s+)?in\s+(?:(?:early|mid|late)\s+)?(?:(?:January|February|March|"
                         r"April|May|June|July|August|September|October|November|December)\s+)?"
                         r"(?:19|20)\d{2}\s+(on|dedicated to|devoted to)\s+([^,.;()]{3,80}?)(?=\s+(?:to be held|held|in|at|which|that|"
                         r"will|was)\b|[,.;()]|$)")
# 'its steppe route expedition crossed ...', 'a national seminar for museum curators was held': a described seminar,
# workshop, round table or expedition (the modifiers say which one)
ACTIVITY_WORDS = ("expedition", "seminar", "workshop", "webinar", "round table", "roundtable", "training course")
DESCRIBED_ACTIVITY = guarded(r"[IiTtAa]",
                             r"\b(?:[Ii]ts|[Tt]heir|[Tt]he|[Aa]n?)\s+((?:(?:(?!(?:same|previous|next|last|this|that|such|other|said|"
                             r"day|days|end|part|opening|close)\b)[a-z][\w-]+|[A-Z][\w-]*(?:\s+(?:of the|of|for|and)\s+[A-Z][\w-]*)*)\s+){1,4}"
                             r"(?:expedition|seminar|workshop|webinar|round table|training course)s?"
                             r"(?:\s+(?:on|for|of|in)\s+(?!\d)[^,.;()]{3,70}?)?)"
                             r"(?=\s+(?:crossed|took place|to be held|was held|were held|held|will be held|in|at|on|online|which|that|will|"
                             r"was|brought|gathered|opened|from|for)\b|[,.;()]|$)"
                             r"|\b(?:[Tt]he|[Aa]n?)\s+((?:seminar|workshop|webinar|round table|roundtable|training course)s?\s+(?:on|for)\s+"
                             r"(?!\d)[^,.;()]{3,70}?)(?=\s+(?:took place|to be held|was held|were held|held|will be held|in|at|online|"
                             r"which|that|will|was|brought|gathered|opened|from)\b|[,.;()]|$)")  # 'a workshop on X was held': its topic says which
HERITAGE_HINTS = ("inscri", "list", "intangible", "certificat", "nominat", "element", "memory of", "register", "список", "нематериальн",
                  "сертификат", "элемент", "реестр", "памят")
HERITAGE_CONTEXT = guarded(r"[irucnemсэр«н]",
                           r"inscri|Representative List|Urgent Safeguarding|intangible|certificate|nominat|element|Memory of the World|"
                           r"Register|список|нематериальн|сертификат|элемент|реестр|«Память мира»", re.I)
ELEMENT_WORD = re.compile(r"[\w'’-]+")


def _known_elements(sentence: str, ref: Reference, folded=None) -> list[tuple[str, str, int]]:
    """Elements of data/ named in the sentence; `folded` is the sentence's (tokens, keys) when already computed."""
    if folded is None:
        tokens = [(m.group(0), m.start(), m.end()) for m in ELEMENT_WORD.finditer(sentence)]
        folded = (tokens, [key_words(fold(w)) for w, _, _ in tokens])
    words, keys = folded
    out, free = [], 0  # free: the first token after the last element found
    first_words = ref.element_first_words
    # the tokens an element's key may start at (a key's first word is one word: a token key of several words by its first)
    for i in [i for i, k in enumerate(keys) if k in first_words or (" " in k and k.split(" ", 1)[0] in first_words)]:
        if i < free:
            continue
        longest = first_words[keys[i].split(" ", 1)[0]]
        most, count = 0, 0  # the most tokens from i whose keys have no more words than the longest key starting here
        for key in keys[i : i + min(ref.element_max_words, len(words) - i)]:
            count += key.count(" ") + 1 if key else 0
            if count > longest:
                break
            most += 1
        for size in range(most, 0, -1):
            hit = ref.elements.get(" ".join(k for k in keys[i : i + size] if k))
            if hit and (words[i][0][0].isupper() or size >= 2):
                out.append((hit[0], hit[1], words[i + size - 1][2]))
                free = i + size
                break
    return out


class _Part:
    """A part of a named span, with the span's interface (group, start, end)."""

    def __init__(self, text: str, start: int):
        self.text, self._start = text, start

    def group(self, _index: int = 0) -> str:
        return self.text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._start + len(self.text)


JOINED_NAMES = re.compile(r"\s+and\s+(?:to|for|of|with|in)\s+(?:the\s+)?")


MONTH_WORD = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# what starts a span but not the name: a plain number, year or date ('2025 General Conference', '11 November 2021 the
# 41st ...', '29 May to 2 June 2018 on the ...'), a connector, a gerund or a country before 'for/on the' ('Arriving for the
# Astana International Forum', 'Kazakhstan on the Lima Action Plan')
SPAN_LEAD = re.compile(r"^(?:(?:\d+(?![\w–-])|\d{4}[–-]\d{4}|" + MONTH_WORD + r"|(?i:to|on|the|of|for|and|in|at|since|from|by))\s+)+"
                       r"|^[A-Z][a-z]+ing\s+(?:(?:for|on|to|at|in|the)\s+)*(?=[A-Z\d])")
COUNTRY_LEAD = re.compile(r"^([A-Z][\w'’-]*)\s+(?:for|on|to|at|in)\s+the\s+(?=[A-Z\d])")


LATIN_WORD = re.compile(r"[A-Za-z]+")
LOWER_EVENT_HINT = re.compile(by_first_letter(r"conference|forum|symposium|summit|festival"))
AGREEMENT_HINT = re.compile(by_first_letter(r"memorand|agreement|action plan|road ?map|aide-m"))
WORD_REST = re.compile(r"[\w-]*")
YEAR_CONVENTION = re.compile(r"(?:19|20)\d{2}\s+Convention\b")
TRAILING_DATE = re.compile(r"\s+(?:on|in)\s+(?:\d{1,2}\s+)?(?:" + MONTH_WORD + r"\s+)?(?:\d{1,2},?\s+)?(?:19|20)\d{2}$|\s+(?:on|in|and)\s+"
                           r"\d{1,2}\s+" + MONTH_WORD + "$")
TAIL_CUT = re.compile(r"['’]s\b|\s+[A-Z][\w'’-]*(?:\s|$)|\s+and\s+")


def _has_head(text: str, heads) -> bool:
    """A quick 'could a head word be in it?' before the head patterns."""
    if heads.any_word is not None:
        return heads.any_word.search(text) is not None  # the same answer, a faster scan
    return not heads.words.isdisjoint(LATIN_WORD.findall(text))


LEAD_WORDS = {"On", "In", "At", "To", "The", "Of", "For", "And", "Since", "From", "By", "January", "February", "March", "April",
              "May", "June", "July", "August", "September", "October", "November", "December"}
AND_NAMES = re.compile(r"\s+and\s+(?:the\s+)?(?=[A-Z\d])")


def _trim(text: str, start: int, ref: Reference) -> tuple[str, int]:
    """A span without what surrounds the name: leading numbers, dates and connectors ('2025 General Conference', 'On 11
    November 2021 the 41st ...'), a gerund or a country before 'for/on the' ('Arriving for the Astana International
    Forum', 'Kazakhstan on the Lima Action Plan'); after the last head word, a bare capitalised word ('Samarkand General
    Conference Karin'), 'and UNDP' and a possessive."""
    if " " not in text and "’" not in text and "'" not in text:
        return text, start  # one word: nothing to trim
    for _ in range(3 if text[0].isdigit() or text.split(" ", 1)[0] in LEAD_WORDS or " the " in text else 0):
        if YEAR_CONVENTION.match(text):
            break  # 'the 2003 Convention': the year is the name
        lead = SPAN_LEAD.match(text) or (COUNTRY_LEAD.match(text) if ref is not None else None)
        if lead is None or lead.end() >= len(text) or (lead.re is COUNTRY_LEAD and fold(lead.group(1)) not in ref.countries):
            break
        text, start = text[lead.end():], start + lead.end()
    heads = list(ref.heads.any.finditer(text)) if _has_head(text, ref.heads) else None
    if heads:
        end = heads[-1].end() + len(WORD_REST.match(text, heads[-1].end()).group(0))
        tail = text[end:]
        if heads[-1].group(0).endswith((" of", " for")):
            tail = ""  # 'Year of Glaciers' Preservation': the name goes on after the head
        if tail and TAIL_CUT.match(tail) and not (tail.startswith(" and ") and ref.heads.any.search(tail)):
            text = text[:end]
    text = TRAILING_DATE.sub("", text)  # "... Corridor on 22 June 2014"
    return text.rstrip(), start


def _spans(sentence: str, ref: Reference):
    """Named spans; 'the 6th World Nomad Games and to the Chingiz Aitmatov Issyk-Kul Forum' and 'Security Council
    Resolution 2347 and the Decade for the Rapprochement of Cultures' are two of them."""
    for match in SPAN.finditer(sentence):
        text = match.group(0)
        pieces = [text]
        if " and " in text and _standing(text, ref):
            continue  # 'the World Network of Biosphere Reserves of UNESCO's Man and the Biosphere Programme': one standing name
        if " and " in text:
            pieces = [q for piece in JOINED_NAMES.split(text) for q in _split_and(piece, ref.heads.any)]
        position = match.start()
        for piece in pieces:
            if " " not in piece and not piece.startswith(("EXPO", "Expo")):
                continue  # one word: a person, a place, an organisation, never a partnership's name
            offset = sentence.index(piece, position)
            position = offset + len(piece)
            trimmed, begin = _trim(piece, offset, ref)
            if trimmed:
                yield match if (trimmed, begin) == (text, match.start()) else _Part(trimmed, begin)


def _split_and(text: str, head_any: re.Pattern) -> list[str]:
    """'A Forum and the B Decade' -> both names, when each side has a head word of its own."""
    for m in AND_NAMES.finditer(text):
        left, right = text[: m.start()], text[m.end():]
        if head_any.search(left) and head_any.search(right):
            return [left, *_split_and(right, head_any)]
    return [text]


def _ordinal(text: str) -> str:
    return text[0].upper() + text[1:] if text[0].isalpha() else text


def _sessions(sentence: str, last_body: dict | None = None) -> list[tuple[str, int]]:
    """Sessions of a body named by their ordinal: ('45th session of the World Heritage Committee', end offset);
    last_body: the body a short word ('the Committee') stands for."""
    out = []
    for m in SESSION_POSSESSIVE.finditer(sentence) if "'s " in sentence or "’s " in sentence else ():
        # "the World Heritage Committee's 46th session", "the Committee's 14th session" (the body named last)
        body = re.sub(r"^(?:The|This|That|UNESCO)\s+", "", m.group(1))
        if " " not in body:
            known = (last_body or {}).get(body.lower())
            body = known.name if known is not None else body
        out.append((f"{_ordinal(m.group(2))} session of the {body}", m.end()))
    for m in SESSION_OF.finditer(sentence):
        body = re.sub(r"\s+(?:in|at|on|of|for|and|the)$", "", m.group(2))
        if re.search(r"Committee|Conference|Board|Council|Assembly|Commission|Congress", body):
            out.append((f"{_ordinal(m.group(1))} session of the {body}", m.end()))
    for m in MEETING_OF.finditer(sentence) if "meeting of" in sentence else ():
        # 'the 15th meeting of UNESCO's East Asian Biosphere Reserve Network': a network's or a body's numbered meeting
        body = re.sub(r"\s+(?:in|at|on|of|for|and|the)$", "", m.group(2))
        if re.search(r"(?:Network|Council|Board|Bureau|Committee)\b", body) and not body.startswith("National"):
            out.append((f"{_ordinal(m.group(1))} meeting of the {body}", m.end()))
    for m in SESSION_ITS.finditer(sentence):
        bodies = [b for b in BODY_BEFORE.finditer(sentence[: m.start()])] or \
            [b for b in BODY_BEFORE.finditer(sentence[m.end():])][:1]  # 'On the last day of its 40th session, the Committee'
        if bodies:
            body = re.sub(r"^(?:The|This|UNESCO)\s+", "", bodies[-1].group(1))
            out.append((f"{_ordinal(m.group(1))} session of the {body}", m.end()))
    for m in RU_SESSION.finditer(sentence):
        body = (m.group(3) or "").strip()
        if not body:
            before = list(RU_BODY_BEFORE.finditer(sentence[: m.start()]))
            body = before[-1].group(1) if before else ""
        if body:
            session = re.sub(r"сесси\w*$", "сессия", re.sub(r"(\w+?)(?:ой|ую)\s", r"\1ая ", m.group(2)))
            out.append((f"{m.group(1)}-я {session} {body}", m.end()))
    return out


def _first_capital(text: str) -> str:
    """'the epic trilogy Manas, Semetey, Seytek' -> 'Manas, Semetey, Seytek'."""
    match = re.search(r"[A-ZА-ЯЁ«\"“]", text)
    return text[match.start():] if match else ""


def _without_apposition(text: str) -> str:
    """'Falak, a genre of Tajik folk song' -> 'Falak'; 'Manas, Semetey, Seytek' stays whole."""
    head, sep, rest = text.partition(", ")
    return head if sep and re.match(r"(?:a|an|the)\s", rest) else text


def _inscribed_elements(sentence: str) -> list[tuple[str, int]]:
    """Names of heritage elements the sentence says were inscribed: 'X was inscribed', 'inscribed X,',
    'the certificate for X, which', 'includes X, inscribed in 2009'."""
    out = []
    for verb in INSCRIBED_VERB.finditer(sentence):
        clause = re.split(r"[.;:]\s+|\swhile\s|,\s+and\s+|\s(?:confirming|certifying|stating|announcing|noting)\s+that\s",
                          sentence[: verb.start()])[-1].strip().rstrip(",")
        quoted = QUOTED_TAIL.search(clause) if '"' in clause or "“" in clause else None
        if quoted and len(QUOTED.findall(quoted.group(0))) > 1:
            # 'the two nominations "A" and "B" were included': each quoted name, whatever the clause says before them
            out += [(name, verb.end()) for name in QUOTED.findall(quoted.group(0))]
            continue
        one = QUOTED_ONE_TAIL.search(clause) if ('"' in clause or "“" in clause) else None
        if one:  # 'the joint file "Songs of the shepherds" was inscribed': the quoted name, not the description before it
            out.append((one.group(1), verb.end()))
            continue
        clause = _without_apposition(_first_capital(clause))
        if re.match(r"(?:The|This|That|A|An|Its)\s+[a-z]", clause):
            if not re.search(r"\s(?:of|by)\s+[A-Z]", clause):
                continue  # 'The traditional wedding ritual was inscribed': a description, the name is elsewhere
            clause = re.sub(r"^(?:The|This|That|A|An|Its)\s+", "", clause)  # 'The letters of Abai were entered ...'
            clause = clause[0].upper() + clause[1:]
        if clause and len(clause.split()) <= 10:
            out.append((clause, verb.end()))
    for m in re.finditer(r"\b(?:inscribed|inscription(?:\s+(?:in|on)\s+\w+(?:\s+\d{4})?)?\s+of|certificates? for|nomination of)\s+"
                         r"(?!(?:on|onto|in|to|as|at|by|for)\s)"
                         r"([^,;.]{2,90})", sentence):
        name = re.split(r"\s+(?:on|onto|in|to|which|was|follows|as)\s", m.group(1))[0]
        name = _first_capital(re.sub(r"^(?:the|a|an)\s+", "", name))
        if name and name[0].isupper() and len(name.split()) <= 8:
            out.append((name, m.end()))
    for m in PARTICIPLE.finditer(sentence):
        out.append((m.group(1), m.end()))
    return out


def _same_number(a: str, b: str) -> bool:
    numbers_a, numbers_b = set(re.findall(r"\d{3,}", a)), set(re.findall(r"\d{3,}", b))
    return bool(numbers_a) and numbers_a == numbers_b

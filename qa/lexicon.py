"""Word lists and patterns the short-answer rules read: months, numbers, dates, function words (English, French)."""

from __future__ import annotations

import re

from qa.text import fold

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.?|Feb\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?|"
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
)
WEEKDAYS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
"""News dates a day by its name (`on Friday`): an answer to "when" as good as a date."""
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    "dozens?|hundreds|thousands|millions|"
    "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|quarante|cinquante|cent|mille"
)
SCALE_WORDS = "million|billion|trillion|thousand|hundred|milliards?|millions?|mille"
SCALE = rf"(?:\s(?:{SCALE_WORDS}|percent|per cent|pour cent))?"
SPACED_THOUSANDS = r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?!\d)(?:[.,]\d+)?"
"""`10 000`, `1 234 567,89`: groups of three after a space. Any run of digits, commas and spaces used to be one
number, so `In 2020, 522,000 people` gave the span `2020, 522,000`."""
NUMBER = re.compile(
    rf"(?:[$€£¥]\s?)?\b\d+:\d\d\b"
    rf"|(?:[$€£¥]\s?)?\b(?:{SPACED_THOUSANDS}|\d(?:\d|[.,](?=\d))+)(?:st|nd|rd|th|e|er)?(?:[–-]\d+)?\b{SCALE}(?:\s?%)?"
    rf"|(?:[$€£¥]\s?)?\b\d(?:st|nd|rd|th|e|er)?\b[½¼¾]?{SCALE}(?:\s?%)?"
    rf"|\b(?:{NUMBER_WORDS})(?:[- ](?:{NUMBER_WORDS}))*\b",
    re.IGNORECASE,
)
DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:er)?\s(?:{MONTHS})(?:\s\d{{4}})?|(?:{MONTHS})\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?"
    rf"|(?:{MONTHS})\s\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|(?:early |late |mid-)?(?:1[0-9]|20)\d{{2}}s?"
    rf"|\d{{1,2}}(?:st|th|nd|rd|e)\s(?:century|siècle)|[IVX]+e\ssiècle|(?:{MONTHS})|(?:{WEEKDAYS}))\b",
    re.IGNORECASE,
)
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
"""Combining marks: part of the letter before them (`u` + `\u0308` is `ü`), though `\\w` does not match them."""
_LETTERS = rf"[\w{MARKS}]+"
TOKEN = re.compile(rf"{_LETTERS}(?:(?:[-–/]|(?<=\d)[.,](?=\d)){_LETTERS})*%?|[^\w\s{MARKS}]")
TITLES = frozenset("sen gen lieut lt col maj capt cmdr adm sgt gov rep dr mr mrs ms prof pres st mme mlle".split())
"""Abbreviated titles (`Sen. Lieut. Gen. Luong Tam Quang`): part of how a name is written, never an answer alone."""
CONNECTORS = frozenset("of the de du des la le d l von van der and et for y".split())
FUNCTION_WORDS = frozenset(
    """a an the this that these those his her its their our your my some any each every all both other another
    such no not nor only also very more most much many few less least than then there here when where which who
    whom whose what why how while whether if as at by for from in into of on onto to with within without about
    above after against along among around before behind below beneath beside between beyond but during except
    like near over since through throughout till toward towards under until up upon via and or so yet because
    although though is are was were be been being am has have had having do does did doing done can could may
    might must shall should will would it he she they we you i him them us me itself himself themselves one
    ones also s t
    le la les l un une des du de d au aux en et ou où que qu qui quoi dont ce cet cette ces son sa ses leur leurs
    mon ma mes ton ta tes notre nos votre vos il elle ils elles on nous vous je tu se s sa lui y ne pas plus
    moins très par pour sur sous dans avec sans chez entre vers depuis pendant avant après contre selon comme
    mais donc car est sont était étaient été être a ont avait avaient eu fut furent sera seront ainsi aussi
    lors quel quelle quels quelles lequel laquelle lesquels combien comment pourquoi quand""".split()
)
DETERMINERS = frozenset(
    """a an the his her its their our this these those
    le la les l un une des du d au aux son sa ses leur leurs ce cette ces""".split()
)
PREPOSITIONS = frozenset(
    "of in on at by for from into with to about as over under de en à dans par pour sur avec sous vers contre".split()
)
CURRENCIES = frozenset("$€£¥")
FIELD_LABEL = r"[^\W\d_][\w-]{0,24}\s?:\s"
"""A header field's label (`Subject: `, `To: `, `Objet : `): it says what a line is, and starts a line of its own."""
MEASURE_UNITS = frozenset(
    fold(
        """second seconds minute minutes hour hours day days week weeks month months year years decade decades
        century centuries metre metres meter meters kilometre kilometres kilometer kilometers km cm mm mile miles
        foot feet ft inch inches yard yards kg kilograms kilogram gram grams g tonne tonnes ton tons lb lbs ml
        litre litres liter liters acre acres hectare hectares euro euros dollar dollars pound pounds franc francs
        percent % °c °f seconde secondes heure heures jour jours semaine semaines mois an ans annee annees siecle
        siecles metre metres kilometre kilometres kilo kilos kilogramme kilogrammes litre litres pourcent"""
    ).split()
)
"""Units a measure is read with: `90 seconds` answers `How long is the timeout?`, not `90`."""
PLACE_MARKERS = frozenset("in at from near to into across en à a au aux dans vers près".split())
ROLE_WORDS = frozenset(
    fold(
        """minister ministers ministry deputy vice prime president secretary general prosecutor department party
        committee security public police forces government academy director chairman chief head commander
        ambassador officer officers official officials council office agency people revolutionary supreme procuracy
        central national state governor mayor king queen emperor leader delegation
        ministre ministres ministère vice premier première président présidente secrétaire général générale procureur
        département parti comité sécurité publique police forces gouvernement académie directeur directrice chef
        commandant ambassadeur conseil bureau agence populaire révolutionnaire central centrale national nationale
        état gouverneur maire roi reine empereur dirigeant délégation"""
    ).split()
)
"""Words of titles and institutions: `Lao Deputy Prime Minister` says what someone is, not who."""

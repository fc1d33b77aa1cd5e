"""Language codes: ISO 639-1 as the rule packs use them; ISO 639-2/3 and FLORES codes (`deu_Latn`) mapped to them."""

from __future__ import annotations

# The ISO 639-1 codes, and the three-letter codes (ISO 639-2/B, 639-2/T, 639-3 macrolanguages) with their
# ISO 639-1 equivalent, from the CLDR language aliases (as shipped by Babel).
_ISO_639_1 = """
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es
et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki
kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no
nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta
te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
_THREE_LETTER = """
aar:aa abk:ab adp:dz afr:af aka:ak alb:sq als:sq amh:am ara:ar arb:ar arg:an arm:hy asm:as ava:av ave:ae aym:ay
ayr:ay aze:az azj:az bak:ba bam:bm baq:eu bel:be ben:bn bis:bi bod:bo bos:bs bre:br bul:bg bur:my cat:ca ces:cs
cha:ch che:ce chi:zh chu:cu chv:cv cls:sa cmn:zh cor:kw cos:co cre:cr cwd:cr cym:cy cze:cs dan:da deu:de div:dv
drh:mn dut:nl dzo:dz ekk:et ell:el eng:en epo:eo esk:ik est:et eus:eu ewe:ee fao:fo fas:fa fij:fj fin:fi fra:fr
fre:fr fry:fy fuc:ff ful:ff gaz:om geo:ka ger:de gla:gd gle:ga glg:gl glv:gv gre:el grn:gn gug:gn guj:gu hat:ht
hau:ha heb:he her:hz hin:hi hmo:ho hrv:hr hun:hu hye:hy ibo:ig ice:is ido:io iii:ii ike:iu iku:iu ile:ie ina:ia
ind:id ipk:ik isl:is ita:it jav:jv jpn:ja kal:kl kan:kn kas:ks kat:ka kau:kr kaz:kk khk:mn khm:km kik:ki kin:rw
kir:ky kmr:ku knc:kr kng:kg kom:kv kon:kg kor:ko kpv:kv kua:kj kur:ku lao:lo lat:la lav:lv lim:li lin:ln lit:lt
ltz:lb lub:lu lug:lg lvs:lv mac:mk mah:mh mal:ml mao:mi mar:mr may:ms mkd:mk mlg:mg mlt:mt mol:ro mon:mn mri:mi
msa:ms mya:my nau:na nav:nv nbl:nr nde:nd ndo:ng nep:ne nld:nl nno:nn nob:nb nor:no npi:ne nya:ny oci:oc ojg:oj
oji:oj ori:or orm:om ory:or oss:os pan:pa pbu:ps per:fa pes:fa pli:pi plt:mg pol:pl por:pt prp:gu pus:ps que:qu
quz:qu roh:rm ron:ro rum:ro run:rn rus:ru sag:sg san:sa scc:sr scr:hr sin:si slk:sk slo:sk slv:sl sme:se smo:sm
sna:sn snd:sd som:so sot:st spa:es sqi:sq src:sc srd:sc srp:sr ssw:ss sun:su swa:sw swe:sv swh:sw tah:ty tam:ta
tat:tt tel:te tgk:tg tha:th tib:bo tir:ti ton:to tsn:tn tso:ts tuk:tk tur:tr twi:ak uig:ug ukr:uk urd:ur uzb:uz
uzn:uz ven:ve vie:vi vol:vo wel:cy wln:wa wol:wo xho:xh ydd:yi yid:yi yor:yo zha:za zho:zh zsm:ms zul:zu zyb:za
"""


def _words(text: str) -> list[str]:
    return text.split()


ISO_639_1 = frozenset(_words(_ISO_639_1))
THREE_LETTER = dict(pair.split(":", 1) for pair in _words(_THREE_LETTER))


# Codes that say "no particular language" (ISO 639-2 special codes, BCP 47 `und`): such a record is treated as
# one without a language, so detection decides, rather than set aside.
UNDETERMINED = frozenset({"", "und", "mul", "zxx", "mis"})


class UnknownLanguage(ValueError):
    """A language code that names no language the cleaner knows."""


def document_language(code: str | None) -> str | None:
    """A document's language for rule selection: its ISO 639-1 code, or None when it has none or it is undetermined.

    >>> [document_language(c) for c in (None, "und", "", "deu_Latn", "EN-gb")]
    [None, None, None, 'de', 'en']
    """
    if code is None:
        return None
    if isinstance(code, str) and code.strip().replace("_", "-").split("-")[0].lower() in UNDETERMINED:
        return None
    return normalise_language(code)


def normalise_language(code: str) -> str:
    """The ISO 639-1 code of a language code: `de`, `DE`, `de-AT`, `de_DE`, `deu`, `ger`, `deu_Latn` all give `de`.

    Raise UnknownLanguage for a code that maps to no ISO 639-1 language (`any` is not a document's language).

    >>> [normalise_language(c) for c in ("de", "de-AT", "deu_Latn", "zho_Hans", "cmn", "EN")]
    ['de', 'de', 'de', 'zh', 'zh', 'en']
    """
    if not isinstance(code, str):
        raise TypeError(f"lang must be a str, not {type(code).__name__}")
    head = code.strip().replace("_", "-").split("-")[0].lower()
    if head in ISO_639_1:
        return head
    if head in THREE_LETTER:
        return THREE_LETTER[head]
    raise UnknownLanguage(
        f"unknown language code {code!r}: give an ISO 639-1 code such as 'de' (ISO 639-3 and FLORES codes such as "
        "'deu' or 'deu_Latn' are mapped where a two-letter code exists)"
    )

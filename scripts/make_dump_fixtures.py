"""Write fixtures/dumps/small.jsonl(.gz) and broken.jsonl: the batch tests' sample dumps.

Review the git diff afterwards; the articles below are the source of truth, not the files.
"""

# ruff: noqa: E501 - one paragraph per line reads better than wrapped article text

from __future__ import annotations

import gzip
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUMPS = ROOT / "fixtures" / "dumps"

# (lang, site, title, paragraphs); clutter lines are the ones fixtures/batch/rules.yaml removes.
ARTICLES: list[tuple[str, str, str, list[str]]] = [
    (
        "en",
        "harbourdaily.example",
        "Port strike enters second week",
        [
            "Dock workers at the three largest ports stayed off the job on Monday, as talks over pay and shift patterns stalled for a second week.",
            "Also read: Hauliers warn of Christmas backlog as freight slots run short",
            "The union said its members would return only when the operators put a written offer on the table. Operators said a deal was close.",
            "Advertisement",
            "Exporters of perishable goods have started to divert cargo to smaller ports further north, at a higher cost.",
        ],
    ),
    (
        "en",
        "harbourdaily.example",
        "Wildfire forces evacuation of hill towns",
        [
            "More than 4,000 people were told to leave their homes overnight as a wildfire spread across dry scrubland above the coast.",
            "Fire crews from three regions joined the effort (Also read: How drought has lengthened the fire season) and two water bombers were flown in at dawn.",
            "Officials said the wind was expected to ease by the evening, giving crews a chance to contain the eastern flank.",
        ],
    ),
    (
        "en",
        "metrowire.example",
        "Council approves new cycle lanes",
        [
            "The city council voted 31 to 12 on Tuesday to build 40 kilometres of protected cycle lanes over the next three years.",
            "Supporters said the plan would cut traffic deaths; opponents said it would hurt shops that rely on passing trade.",
            "Read more: What other cities learned from their cycle lanes",
            "Work on the first stretch, along the river, is due to start in the spring.",
        ],
    ),
    (
        "en",
        "metrowire.example",
        "Copper output falls at the largest mine",
        [
            "Copper production at the country's largest mine fell 9% in the third quarter, after a landslide closed one of its open pits.",
            "The company kept its forecast for the year, saying a new processing line would make up the shortfall.",
            "Continue reading",
            "Share this article on social media",
        ],
    ),
    (
        "en",
        "metrowire.example",
        "Library reopens after two-year refurbishment",
        [
            "The central library reopened on Saturday after a two-year refurbishment that added a rooftop reading room and a children's floor.",
            "Queues formed before the doors opened, and the first visitors were handed tote bags and a free coffee.",
            "Librarians said they expected visitor numbers to pass pre-closure levels by the summer.",
        ],
    ),
    (
        "en",
        "harbourdaily.example",
        "Ferry operator orders two electric ships",
        [
            "A regional ferry operator has ordered two battery-powered ships for its busiest crossing, the first of their kind in the country.",
            "ADVERTISEMENT",
            "The ships will charge in twelve minutes at each end of the 40-minute route, using power from an offshore wind farm.",
            "Also read: Why shipping is the hardest sector to decarbonise",
            "Delivery is expected in 2027.",
        ],
    ),
    (
        "de",
        "stadtkurier.example",
        "Warnstreik legt Nahverkehr lahm",
        [
            "Ein Warnstreik hat am Montag den Nahverkehr in mehreren Großstädten weitgehend lahmgelegt. Busse und Straßenbahnen blieben in den Depots.",
            "Lesen Sie auch: Warum die Tarifverhandlungen ins Stocken geraten sind",
            "Die Gewerkschaft fordert mehr Geld und kürzere Schichten; die Arbeitgeber sprechen von unbezahlbaren Forderungen.",
            "Anzeige",
            "Pendler wichen auf Fahrräder und Fahrgemeinschaften aus, auf den Zufahrtsstraßen bildeten sich lange Staus.",
        ],
    ),
    (
        "de",
        "stadtkurier.example",
        "Neue Umfrage zur Werbung im Stadtbild",
        [
            "Eine Mehrheit der Befragten wünscht sich weniger Werbetafeln in der Innenstadt, wie eine neue Umfrage zeigt.",
            "Besonders Bildschirme an Haltestellen stoßen auf Ablehnung (Lesen Sie auch: Wie andere Städte Werbung begrenzen), während Plakate an Bauzäunen eher akzeptiert werden.",
            "Der Stadtrat will im Herbst über eine neue Satzung beraten.",
        ],
    ),
    (
        "de",
        "stadtkurier.example",
        "Hochwasserschutz wird ausgebaut",
        [
            "Das Land investiert in den kommenden fünf Jahren 300 Millionen Euro in den Hochwasserschutz an Rhein und Mosel.",
            "Mehr zum Thema: Die Lehren aus dem Hochwasser vor drei Jahren",
            "Geplant sind neue Deiche, Rückhaltebecken und ein besseres Warnsystem für Anwohner.",
            "Weiterlesen",
            "Newsletter abonnieren",
        ],
    ),
    (
        "de",
        "stadtkurier.example",
        "Bibliothek verlängert Öffnungszeiten",
        [
            "Die Stadtbibliothek öffnet ab dem kommenden Monat auch sonntags, zunächst für ein Probejahr.",
            "Möglich wird das durch zusätzliche Stellen, die der Stadtrat im Frühjahr bewilligt hat.",
        ],
    ),
    (
        "fr",
        "leveilleur.example",
        "Réforme de l'assurance chômage : les syndicats mobilisés",
        [
            "Les syndicats appellent à une journée de mobilisation contre la réforme de l'assurance chômage, jugée trop sévère pour les jeunes.",
            "À lire aussi : Ce que change la réforme pour les demandeurs d'emploi",
            "Le gouvernement estime que les nouvelles règles encourageront le retour à l'emploi et réduiront le déficit du régime.",
            "Publicité",
            "Une réunion avec les partenaires sociaux est prévue la semaine prochaine.",
        ],
    ),
    (
        "fr",
        "leveilleur.example",
        "Le festival d'Avignon bat un record de fréquentation",
        [
            "Le festival d'Avignon a accueilli plus de 140 000 spectateurs cette année, un record depuis sa création.",
            "Les organisateurs attribuent ce succès à une programmation plus ouverte (Lire aussi : Les coulisses du In) et à des prix en baisse.",
            "La prochaine édition mettra à l'honneur la création africaine.",
        ],
    ),
    (
        "fr",
        "leveilleur.example",
        "Sécheresse : restrictions d'eau dans le Sud",
        [
            "Quarante départements sont désormais concernés par des restrictions d'eau, dont douze en situation de crise.",
            "Lire aussi : Comment les agriculteurs s'adaptent au manque d'eau",
            "Les préfets ont interdit l'arrosage des jardins et le lavage des voitures en journée.",
            "Lire la suite",
            "Abonnez-vous pour lire l'article complet",
        ],
    ),
    (
        "fr",
        "leveilleur.example",
        "Un nouveau tramway pour Bordeaux",
        [
            "La métropole a voté la création d'une cinquième ligne de tramway, qui reliera la gare aux quartiers nord.",
            "Les travaux doivent commencer en 2026 pour une mise en service trois ans plus tard.",
        ],
    ),
    (
        "es",
        "diariosur.example",
        "La sequía obliga a restringir el riego en Andalucía",
        [
            "La Junta ha aprobado nuevas restricciones al riego agrícola ante la sequía más larga de las últimas décadas.",
            "Lee también: Los embalses, por debajo del 20% de su capacidad",
            "Los agricultores reclaman ayudas para compensar las pérdidas de la campaña de verano.",
            "Publicidad",
            "El Gobierno central estudia declarar la zona catastrófica.",
        ],
    ),
    (
        "es",
        "diariosur.example",
        "Málaga estrena un museo de arte digital",
        [
            "Málaga ha inaugurado un museo dedicado al arte digital en el antiguo edificio de correos del puerto.",
            "La primera exposición reúne obras de cuarenta artistas de doce países.",
            "El museo abrirá todos los días, y la entrada será gratuita los domingos por la tarde.",
        ],
    ),
    (
        "es",
        "diariosur.example",
        "El precio del aceite de oliva baja por primera vez en dos años",
        [
            "El precio del aceite de oliva en origen ha bajado un 15% en el último mes, el primer descenso en dos años.",
            "Lee también: Por qué el aceite se encareció tanto",
            "Los productores esperan una buena cosecha tras las lluvias de la primavera.",
        ],
    ),
    (
        "id",
        "kabarkota.example",
        "Banjir rendam ribuan rumah di Jakarta",
        [
            "Banjir merendam ribuan rumah di Jakarta setelah hujan deras mengguyur ibu kota sejak Minggu malam.",
            "Baca juga: Pemerintah siapkan pompa tambahan di wilayah rawan banjir",
            "Petugas mengevakuasi warga lanjut usia dan anak-anak ke posko pengungsian terdekat.",
            "Iklan",
            "Badan meteorologi memperkirakan hujan masih akan turun hingga akhir pekan.",
        ],
    ),
    (
        "id",
        "kabarkota.example",
        "Harga beras naik menjelang Lebaran",
        [
            "Harga beras di pasar tradisional naik hingga sepuluh persen menjelang Lebaran.",
            "Pemerintah berjanji menggelar operasi pasar untuk menstabilkan harga di sejumlah kota besar.",
        ],
    ),
    (
        "en",
        "metrowire.example",
        "Rail operator cuts weekend fares",
        [
            "The national rail operator will cut weekend fares by a quarter from next month, in an effort to win back leisure travellers.",
            "Ticket sales on Saturdays and Sundays are still a fifth below their level before the pandemic.",
            "Read more | Which routes are getting extra trains this summer",
            "Unions welcomed the move but warned that staff shortages could lead to cancellations.",
        ],
    ),
    (
        "en",
        "harbourdaily.example",
        "Fishing quotas cut for second year",
        [
            "Quotas for cod and haddock will be cut again next year, after scientists warned that stocks had not recovered.",
            "Fishing communities said the cuts threatened hundreds of jobs (Read more: The towns that depend on the fleet) and called for compensation.",
            "Ministers said a support package would be announced before the end of the year.",
        ],
    ),
    (
        "en",
        "harbourdaily.example",
        "Lighthouse to become a museum",
        [
            "A 19th-century lighthouse on the northern headland will be turned into a maritime museum after a local trust bought it for a nominal sum.",
            "The trust plans to restore the lamp room and open the tower to visitors by the summer after next.",
            "Advertisement",
            "Volunteers have already started clearing the keeper's cottage.",
        ],
    ),
    (
        "en",
        "metrowire.example",
        "Hospital waiting lists fall for third month",
        [
            "Waiting lists for planned operations fell for the third month in a row, according to figures published on Thursday.",
            "Also read - Why the winter crisis was milder than expected",
            "Health officials credited extra weekend clinics, but warned that staff shortages remained the biggest risk.",
            "Continue reading...",
            "More from Health",
        ],
    ),
    (
        "de",
        "stadtkurier.example",
        "Radweg an der Uferstraße eröffnet",
        [
            "Nach zwei Jahren Bauzeit ist der neue Radweg an der Uferstraße eröffnet worden.",
            "Der Weg ist vier Meter breit und durch einen Grünstreifen von der Fahrbahn getrennt.",
            "Lesen Sie auch: Wo in der Stadt noch Radwege fehlen",
        ],
    ),
    (
        "fr",
        "leveilleur.example",
        "Les prix de l'immobilier reculent à Lyon",
        [
            "Les prix des appartements anciens ont reculé de 6 % en un an à Lyon, selon les notaires.",
            "Publicité",
            "La hausse des taux d'intérêt a réduit le nombre d'acheteurs, surtout parmi les primo-accédants.",
        ],
    ),
    (
        "es",
        "diariosur.example",
        "Récord de turistas en la Costa del Sol",
        [
            "La Costa del Sol recibió 14 millones de turistas el año pasado, un récord histórico.",
            "El sector pide más inversión en transporte público para absorber la llegada de visitantes.",
            "Lee también: Los municipios que limitan los pisos turísticos",
            "Los hoteles prevén una ocupación del 90% este verano.",
        ],
    ),
    (
        "id",
        "kabarkota.example",
        "Kereta cepat catat rekor penumpang",
        [
            "Kereta cepat Jakarta-Bandung mencatat rekor penumpang selama libur panjang akhir pekan lalu.",
            "Baca juga: Jadwal tambahan kereta selama musim liburan",
            "Operator menambah jumlah perjalanan untuk mengurangi antrean di stasiun.",
        ],
    ),
    (
        "en",
        "metrowire.example",
        "School meals to be free for all primary pupils",
        [
            "All primary school pupils will get free school meals from September, the education minister announced on Monday.",
            "The scheme will cost about 400 million a year and will be paid for by a levy on sugary drinks.",
            "Headteachers welcomed the plan but asked for money to expand school kitchens.",
        ],
    ),
    (
        "de",
        "stadtkurier.example",
        "Stadtwerke senken Strompreis",
        [
            "Die Stadtwerke senken zum Jahreswechsel den Strompreis um acht Prozent.",
            "Anzeige",
            "Grund seien gesunkene Einkaufspreise an der Strombörse, teilte das Unternehmen mit.",
            "Mehr zum Thema: So vergleichen Sie Stromtarife",
        ],
    ),
    (
        "fr",
        "leveilleur.example",
        "Un hiver doux pour les stations de ski",
        [
            "Le manque de neige a contraint plusieurs stations des Alpes à fermer une partie de leurs pistes en février.",
            "Les exploitants misent désormais sur les activités d'été pour compenser la baisse de fréquentation hivernale.",
        ],
    ),
]


def records() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for n, (lang, site, title, paragraphs) in enumerate(ARTICLES, 1):
        slug = title.lower().split(" ")[:4]
        record: dict[str, object] = {
            "id": f"{lang}-{n:03d}",
            "url": f"https://{site}/news/{n:03d}-{'-'.join(w.strip(':,') for w in slug)}",
            "title": title,
            "lang": lang,
            "text": "\n\n".join(paragraphs) + "\n",
        }
        if n % 5 == 0:
            record["meta"] = {"section": "news", "words": sum(len(p.split()) for p in paragraphs)}
        out.append(record)
    return out


def lines(items: list[dict[str, object]]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in items)


def main() -> None:
    DUMPS.mkdir(parents=True, exist_ok=True)
    small = lines(records())
    (DUMPS / "small.jsonl").write_bytes(small)
    # mtime=0: the same bytes on every run, so the fixture does not churn in git.
    (DUMPS / "small.jsonl.gz").write_bytes(gzip.compress(small, mtime=0))
    good = records()[:4]
    broken = [
        lines(good[:1]),
        b"this line is not JSON at all\n",
        lines(good[1:2]),
        b'["a JSON array", "not an object"]\n',
        b'{"id": "no-text", "url": "https://example.org/x", "title": "No text here"}\n',
        lines(good[2:3]),
        b'{"id": "number-text", "text": 42}\n',
        b'{"id": "bad-utf8", "text": "caf\xe9 au lait, \xff\xfe broken bytes"}\n',
        lines(good[3:4]),
    ]
    (DUMPS / "broken.jsonl").write_bytes(b"".join(broken))


if __name__ == "__main__":
    main()

"""The request file as PDF (A4, WeasyPrint): what the registry or the commissaire de justice receives, numbered pages
footed with the case's reference. Nothing is fetched while rendering (every value is ours, autoescaped)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jinja2 import Environment

# WeasyPrint ships neither types nor stubs: its calls are checked at our boundary, by the request-file tests.
from weasyprint import CSS, HTML  # type: ignore[import-untyped]  # weasyprint ships no type hints
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]  # weasyprint ships no type hints

from shared.money import round_cents

from legal.domain.courts import ProcedureKind
from legal.procedures.request_facts import RequestFacts
from legal.procedures.request_template import REQUEST_HTML

_LAYOUT = """
@page { size: A4; margin: 18mm 18mm 22mm 20mm; }
html { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 9.5pt; line-height: 1.4; color: #1d2330; }
body { margin: 0; overflow-wrap: anywhere; }
p { margin: 0 0 2mm 0; }
header { border-bottom: 0.4mm solid #12325b; padding-bottom: 2mm; margin-bottom: 5mm; }
header p { margin: 0; font-size: 8.5pt; color: #3a4150; }
header .agency { font-size: 13pt; font-weight: bold; color: #12325b; }
header .reference { margin-top: 1.5mm; }
h1 { font-size: 14pt; text-transform: uppercase; letter-spacing: 0.4pt; color: #12325b; margin: 0 0 1mm 0; }
.legal-basis { font-size: 8.5pt; color: #5a6272; margin-bottom: 4mm; }
.addressee { font-weight: bold; margin-bottom: 5mm; }
h2 { font-size: 10.5pt; color: #12325b; margin: 5mm 0 2mm 0; border-bottom: 0.3mm solid #d9dde5; }
.parties { display: flex; gap: 8mm; }
.party { flex: 1; page-break-inside: avoid; }
.party h2 { margin-top: 0; }
.party p { margin: 0; }
.party .name { font-weight: bold; }
.party .represented { margin-top: 1.5mm; font-size: 8.5pt; color: #3a4150; }
.missing { color: #a3262a; font-weight: bold; }
table { border-collapse: collapse; width: 100%; page-break-inside: avoid; }
td, th { border-bottom: 0.3mm solid #d9dde5; padding: 1mm 1.5mm; text-align: left; font-weight: normal; }
thead th { font-weight: bold; font-size: 8.5pt; color: #3a4150; }
table.invoices { margin-top: 2mm; font-size: 8.5pt; }
.amount { text-align: right !important; white-space: nowrap; }
tr.total th { font-weight: bold; border-top: 0.5mm solid #1d2330; border-bottom: none; }
.bordereau { page-break-inside: avoid; }
ol.exhibits { padding-left: 0; list-style: none; }
ol.exhibits li { margin-bottom: 1.2mm; }
ol.exhibits .number { font-weight: bold; display: inline-block; width: 20mm; }
ol.exhibits .joined { color: #3a4150; font-style: italic; white-space: nowrap; }
.signature { margin-top: 8mm; }
"""

_TITLES = {
    ProcedureKind.PAYMENT_ORDER: (
        "Requête en injonction de payer",
        "Articles 1405 à 1425 du Code de procédure civile",
    ),
    ProcedureKind.SMALL_CLAIMS: (
        "Demande de recouvrement d'une petite créance",
        "Procédure simplifiée : articles L125-1 et R125-1 et suivants du Code des procédures civiles d'exécution",
    ),
}


def _money(amount: Decimal, currency: str) -> str:
    rounded = round_cents(amount)
    sign = "\u2212" if rounded < 0 else ""  # a minus sign, not a hyphen
    whole, cents = f"{abs(rounded):.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", "\u00a0")
    return f"{sign}{groups},{cents}\u00a0{'€' if currency == 'EUR' else currency}"


def _fr_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _addressee(facts: RequestFacts) -> str:
    place = f" ({facts.court.place})" if facts.court.place else " (lieu à compléter)"
    if facts.kind is ProcedureKind.SMALL_CLAIMS:
        return f"À Maître le commissaire de justice du ressort de la cour d'appel du domicile du débiteur{place}"
    if facts.business:
        return f"À Monsieur ou Madame le Président du tribunal de commerce du domicile du débiteur{place}"
    return f"À Monsieur ou Madame le juge du tribunal judiciaire du domicile du débiteur{place}"


def _basis(facts: RequestFacts) -> list[str]:
    if facts.business:
        paragraphs = [
            "Créance commerciale née de ventes ou de prestations de services facturées au débiteur, entre "
            "professionnels, et demeurées impayées à leur échéance (factures ci-dessous).",
            "Pénalités de retard dues de plein droit et indemnité forfaitaire pour frais de recouvrement de 40 € par "
            "facture payée en retard (articles L441-10 II et D441-5 du Code de commerce).",
        ]
    else:
        paragraphs = [
            "Créance contractuelle née de la fourniture de biens ou de services au débiteur, demeurée impayée à son "
            "échéance (factures ci-dessous).",
            "Intérêts au taux légal à compter de la mise en demeure (articles 1231-6 et 1344-1 du Code civil).",
        ]
    paragraphs.append("La créance est certaine, liquide et exigible.")
    return paragraphs


def _demand(facts: RequestFacts) -> str:
    total = _money(facts.balance, facts.currency) + "".join(
        f", et la somme de {_money(amount, currency)} au titre des {label[0].lower()}{label[1:]}"
        for label, amount, currency in facts.claimed_apart
    )
    if facts.kind is ProcedureKind.SMALL_CLAIMS:
        return (
            f"Le créancier vous charge de mettre en œuvre la procédure simplifiée de recouvrement des petites créances "
            f"pour la somme de {total}, et d'inviter le débiteur à convenir du montant et des modalités du paiement."
        )
    return (
        f"Le requérant sollicite qu'il plaise à la juridiction de rendre une ordonnance enjoignant au débiteur de "
        f"lui payer la somme de {total}, détaillée ci-dessus, outre les intérêts à échoir et les dépens "
        f"(articles 1405 et suivants du Code de procédure civile)."
    )


def _environment() -> Environment:
    environment = Environment(autoescape=True, keep_trailing_newline=True)
    environment.filters["money"] = _money
    environment.filters["fr_date"] = _fr_date
    return environment


def request_html(facts: RequestFacts, attached: frozenset[int] | None = None) -> str:
    """`attached`: the numbers of the exhibits that follow the request (None: the bordereau does not say)."""
    title, subtitle = _TITLES[facts.kind]
    template = _environment().from_string(REQUEST_HTML)
    payment_order = facts.kind is ProcedureKind.PAYMENT_ORDER
    return template.render(
        facts=facts,
        payment_order=payment_order,
        claimant="Le requérant (créancier)" if payment_order else "Le créancier",
        title=title,
        subtitle=subtitle,
        addressee=_addressee(facts),
        basis=_basis(facts),
        demand=_demand(facts),
        attached=attached,
    )


def request_pdf(facts: RequestFacts, attached: frozenset[int] | None = None) -> bytes:
    footer = f"""
@page {{
  @bottom-left {{ content: "{_css(facts.agency.name)} · Dossier {_css(facts.reference)}"; font-size: 7.5pt;
    color: #5a6272; }}
  @bottom-right {{ content: "Page " counter(page) " sur " counter(pages); font-size: 7.5pt; color: #5a6272; }}
}}
"""
    document = HTML(string=request_html(facts, attached), url_fetcher=URLFetcher(allowed_protocols=("data",)))
    pdf: bytes = document.write_pdf(stylesheets=[CSS(string=_LAYOUT + footer)])
    return pdf


def _css(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")

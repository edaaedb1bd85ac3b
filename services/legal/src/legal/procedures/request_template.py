"""The request file's HTML (Jinja2, autoescaped): a payment-order request (requête en injonction de payer, art. 1405
et seq. CPC) or a small-claims instruction to a commissaire de justice (L125-1 CPCE), in French, the language of
the court."""

from __future__ import annotations

REQUEST_HTML = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<header>
  <p class="agency">{{ facts.agency.name }}</p>
  {% for line in facts.agency.lines %}<p class="agency-line">{{ line }}</p>{% endfor %}
  <p class="reference">Dossier {{ facts.reference }} · décompte au {{ facts.as_of | fr_date }}</p>
</header>

<h1>{{ title }}</h1>
<p class="legal-basis">{{ subtitle }}</p>
<p class="addressee">{{ addressee }}</p>

<section class="parties">
  <div class="party">
    <h2>{{ claimant }}</h2>
    <p class="name">{{ facts.creditor.name }}</p>
    {% for line in facts.creditor.lines %}<p>{{ line }}</p>{% endfor %}
    <p class="represented">représenté par son mandataire {{ facts.agency.name }},
      {{ facts.agency.lines | join(", ") }}{% if payment_order %} (art. 1407 CPC){% endif %}</p>
  </div>
  <div class="party">
    <h2>Le débiteur</h2>
    <p class="name">{{ facts.debtor.name }}</p>
    {% for line in facts.debtor.lines %}<p>{{ line }}</p>{% endfor %}
    {% if not facts.court.place %}<p class="missing">Adresse à compléter</p>{% endif %}
  </div>
</section>

<h2>Montant réclamé</h2>
<table class="amounts">
  {% for label, amount in facts.components %}
  <tr><td>{{ label }}</td><td class="amount">{{ amount | money(facts.currency) }}</td></tr>
  {% endfor %}
  <tr class="total"><th>Total réclamé au {{ facts.as_of | fr_date }}</th>
    <th class="amount">{{ facts.balance | money(facts.currency) }}</th></tr>
  {% for label, amount, currency in facts.claimed_apart %}
  <tr class="total"><th>En outre : {{ label }}</th><th class="amount">{{ amount | money(currency) }}</th></tr>
  {% endfor %}
</table>

<h2>Fondement de la créance</h2>
{% for paragraph in basis %}<p>{{ paragraph }}</p>{% endfor %}
<table class="invoices">
  <thead><tr><th>Facture</th><th>Émise le</th><th>Échue le</th><th class="amount">Montant</th>
    <th class="amount">Restant dû</th></tr></thead>
  <tbody>
  {% for invoice in facts.invoices %}
  <tr><td>{{ invoice.number }}</td><td>{{ invoice.issue_date | fr_date }}</td><td>{{ invoice.due_date | fr_date }}</td>
    <td class="amount">{{ invoice.amount | money(facts.currency) }}</td>
    <td class="amount">{{ invoice.outstanding | money(facts.currency) }}</td></tr>
  {% endfor %}
  </tbody>
</table>

<h2>Demande</h2>
<p>{{ demand }}</p>

<section class="bordereau">
<h2>Bordereau des pièces communiquées</h2>
<ol class="exhibits">
  {% for exhibit in facts.bordereau.exhibits %}<li><span class="number">Pièce n° {{ exhibit.number }}</span>
    {{ exhibit.label_fr }}{% if attached is not none and exhibit.document %}<span class="joined"> —
    {{ "jointe ci-après" if exhibit.number in attached else "communiquée séparément" }}</span>{% endif %}</li>
  {% endfor %}
</ol>

<p class="signature">Fait le {{ facts.as_of | fr_date }}, pour {{ facts.creditor.name }},<br>
  {{ facts.agency.name }}, mandataire</p>
</section>
</body></html>
"""

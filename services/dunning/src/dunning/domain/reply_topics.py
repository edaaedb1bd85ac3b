"""What a debtor's reply seems to say, from its own words, so that the agency's queue shows first what needs acting on:
it says it paid (look for the payment, ask for its proof), it disputes the debt (a dispute pauses collection: record
it), it asks for a payment plan, it asks for a document (a copy of the invoice, a proof). A suggestion read from
words, in French and English, never a decision: the agent reads the reply and acts.

Only the debtor's own words count: the quoted history below them (lines starting with `>`, or after « Le … a écrit : »,
"On … wrote:", an "Original Message" line or a forwarded header block) is our own reminder, whose words ("payez",
"facture") would otherwise say what the debtor did not."""

from __future__ import annotations

import re
import unicodedata

PAID, DISPUTE, PLAN, DOCUMENTS = "paid", "dispute", "plan", "documents"
TOPICS = (PAID, DISPUTE, PLAN, DOCUMENTS)

_QUOTE_STARTS = re.compile(
    r"^\s*(?:>|le .{3,80} a ecrit\s*:|on .{3,80} wrote\s*:|-{2,}\s*(?:original message|message d'origine)"
    r"|(?:de|from)\s*:.*@)",
)
_WORDS: dict[str, re.Pattern[str]] = {
    PAID: re.compile(
        r"\b(?:(?:avons|avions|ai|a|ont) (?:deja |bien )?(?:paye|regle|vire|solde)|(?:a|ont) ete (?:payee?s?|reglee?s?)"
        r"|(?:deja|bien) (?:payee?s?|reglee?s?)|virement (?:a ete |est |fait|effectue|emis|envoye|passe)"
        r"|cheque (?:a ete |est )?(?:envoye|poste|expedie)|avis de virement|preuve de (?:paiement|virement)"
        r"|(?:have|has|had) (?:already |now )?(?:been )?(?:paid|settled)|already paid"
        r"|payment (?:was|has been) (?:made|sent)"
        r"|(?:transfer|payment) (?:was |has been )?(?:made|sent|done) (?:on|yesterday|today|last)|remittance advice)\b"
    ),
    DISPUTE: re.compile(
        r"\b(?:contest\w*|litige|desaccord|(?:pas|jamais|non) (?:ete )?(?:livree?s?|recue?s?|commandee?s?)"
        r"|defectueu\w+|non conforme|erreur de factur\w+|(?:ne|n') ?(?:vous )?dois rien|pas redevable|reclamation"
        r"|dispute\w*|not (?:been )?delivered|never (?:received|ordered|delivered)|defective|(?:do not|don't) owe"
        r"|wrong invoice|invoice is wrong|complaint)\b"
    ),
    PLAN: re.compile(
        r"\b(?:echeancier|plusieurs (?:fois|mensualites|versements|echeances)|etaler|etalement|mensualites"
        r"|delai (?:de paiement|supplementaire)|(?:payment|instalment|installment) plan|instal+ments"
        r"|pay in (?:parts|instal+ments)|more time to pay|spread the payment\w*)\b"
    ),
    DOCUMENTS: re.compile(
        r"\b(?:copie (?:de (?:la|les) )?factures?|(?:la|les|une) factures? (?:originale|detaillee)s?|justificatifs?"
        r"|bon de (?:commande|livraison)|(?:envoyer|transmettre|communiquer) (?:la|les|une) factures?"
        r"|copy of the invoice|send (?:me|us) the invoice|proof of (?:delivery|the debt)|delivery note"
        r"|purchase order|statement of account)\b"
    ),
}


def own_words(text: str) -> str:
    """The reply's text above the history it quotes."""
    kept: list[str] = []
    for line in text.split("\n"):
        if _QUOTE_STARTS.match(_plain(line)):
            break
        kept.append(line)
    return "\n".join(kept)


def reply_topics(subject: str, text: str) -> tuple[str, ...]:
    """The topics the reply's subject and own words speak of, in `TOPICS` order. A subject « RE: … » is ours, and
    its words are not the debtor's."""
    ours = re.match(r"^\s*(?:re|tr|fwd?|aw)\s*:", subject, flags=re.IGNORECASE) is not None
    words = _plain(("" if ours else subject) + "\n" + own_words(text))
    return tuple(topic for topic in TOPICS if _WORDS[topic].search(words))


def _plain(text: str) -> str:
    """Lower case, accents off, apostrophes straight, spaces single: the patterns are written so."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    return re.sub(r"[ \t\u00a0]+", " ", "".join(c for c in decomposed if not unicodedata.combining(c)))

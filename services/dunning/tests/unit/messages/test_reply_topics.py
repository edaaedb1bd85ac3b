"""What a debtor's reply seems to say, from its own words in French or English: it paid, it disputes, it asks for a
plan or a document; the history it quotes (our reminder's words) and our own subject say nothing."""

from __future__ import annotations

import pytest

from dunning.domain.reply_topics import own_words, reply_topics


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Bonjour, nous avons réglé cette facture par virement le 12 novembre.", ("paid",)),
        ("La facture a été payée hier, avis de virement ci-joint.", ("paid",)),
        ("Le chèque a été envoyé lundi.", ("paid",)),
        ("We have already paid this invoice, the transfer was made on Monday.", ("paid",)),
        ("Nous contestons cette facture : la marchandise n'a jamais été livrée.", ("dispute",)),
        ("Je ne vous dois rien, c'est une erreur de facturation.", ("dispute",)),
        ("The goods were never delivered, we do not owe this amount.", ("dispute",)),
        ("Pourrions-nous payer en plusieurs fois ? Un échéancier sur 4 mois nous irait.", ("plan",)),
        ("Could we agree a payment plan? We need more time to pay.", ("plan",)),
        ("Merci de m'envoyer une copie de la facture et le bon de livraison.", ("documents",)),
        ("Please send me the invoice and a proof of delivery.", ("documents",)),
        ("Nous avons payé la moitié ; pour le reste, un échéancier ?", ("paid", "plan")),
        ("Nous allons payer la semaine prochaine.", ()),  # a promise to come is not a payment made
        ("Bien reçu, merci.", ()),
    ],
)
def test_the_debtors_own_words_say_what_it_says(text: str, topics: tuple[str, ...]) -> None:
    assert reply_topics("", text) == topics


def test_the_quoted_reminder_and_our_own_subject_say_nothing() -> None:
    quoted = "Bien reçu.\n\nLe 9 nov. 2026 à 10:30, Recouvra <relances@recouvra.example> a écrit :\n> Payez la facture"
    assert own_words(quoted).strip() == "Bien reçu." and reply_topics("", quoted) == ()
    marked = "Merci.\n> Nous contestons toute facture non conforme\n> copie de la facture jointe"
    assert reply_topics("", marked) == ()
    outlook = "Ok.\n\n-----Original Message-----\nFrom: relances@recouvra.example\nsend us the invoice"
    assert reply_topics("", outlook) == ()
    assert reply_topics("RE: Facture impayée : preuve de paiement attendue", "Bien reçu.") == ()
    assert reply_topics("Contestation facture F-001", "Voir ci-dessous.") == ("dispute",)

"""The HTML part of a notice to the debtor says what its text part says: the creditor's own words arrive as words,
never as markup, and the debtor's page is a link."""

from dunning.responses.debtor_notices import as_html


def test_the_creditors_words_are_text_in_the_html_part_and_the_page_is_a_link():
    html = as_html(
        [
            "Bonjour Dupont & Fils,",
            "",
            "Sa réponse : « <script>alert(1)</script> nous attendons un acompte »",
            "",
            "Vous pouvez proposer d'autres dates depuis votre espace : https://agence.example/d/RF18-AB12?x=1&y=2",
        ],
        language="fr",
        title="Votre proposition d'échéancier n'est pas acceptée — dossier D-1",
    )

    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; nous attendons un acompte" in html
    assert "<p>Bonjour Dupont &amp; Fils,</p>" in html
    assert (
        '<a href="https://agence.example/d/RF18-AB12?x=1&amp;y=2">https://agence.example/d/RF18-AB12?x=1&amp;y=2</a>'
        in html
    )
    assert '<html lang="fr">' in html


def test_a_schedule_stays_between_the_lines_around_it():
    html = as_html(
        ["Ses échéances :", "- 15 novembre 2026 : 400,00 €", "- 15 décembre 2026 : 400,00 €", "Total : 800,00 €"],
        language="fr",
        title="t",
    )

    intro, first, second, total = (html.index(text) for text in ("Ses échéances", "<li>15 nov", "<li>15 déc", "Total"))
    assert intro < first < second < total
    assert html.count("<ul>") == 1

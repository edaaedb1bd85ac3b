"""What a message says and how a letter looks: the message rendered from its template (`templates`: the default
ones in dunning's `templates/` folder, or a creditor's own, in a sandbox), and a letter printed as PDF
(`letters`)."""

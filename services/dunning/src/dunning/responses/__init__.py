"""The debtor's responses and what follows them: promises, disputes, call outcomes, opt-outs, payment plans and
payments (allocated, reversed), the deadlines they set, and the notices that tell the creditor.

They stay one package while `responses.py` holds promises, disputes and call outcomes together, and the notices
speak of disputes and plans alike."""

"""Cases (dossiers): open, read, list, add invoices (`records`), built by `opening` and written by `store`, placed
from an import row (`placement`), moved along (`lifecycle`, `reopening`), read back a page at a time (`views`),
their API models (`schemas`) and tables (`models`: cases, invoices); the claims placed under a mandate
(`mandate_claims`); merging two debtor records, which moves their cases (`debtor_merging`); the documents
attached to a case (`documents`: attached, listed, read; their table and store are `intake.documents`)."""

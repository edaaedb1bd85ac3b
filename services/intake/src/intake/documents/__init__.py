"""Documents: the content-addressed store every file is kept in (`storage`), the table of a case's documents
(`models`), the headers a download is sent with (`downloads`). A case's documents are attached, listed and read in
`intake.cases.documents`; what a file's type is, from its content, is the rule `intake.domain.filetypes`."""

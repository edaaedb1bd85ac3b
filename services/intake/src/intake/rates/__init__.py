"""The rate table (ECB MRO and legal interest rates), data staff keep up to date: its table (`models`), its API
models (`schemas`), reading it and recording a semester (`table`)."""

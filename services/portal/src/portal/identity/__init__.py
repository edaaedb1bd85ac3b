"""Identity: users (`users`), signing in with a password or client credentials (`sign_in`), the token keys and the
JWKS (`keys`); its tables, with the creditor directory a creditor user must belong to (`models`), and its API
models (`schemas`). The bailiff firms' API clients are `portal.api_clients`."""

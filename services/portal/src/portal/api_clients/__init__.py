"""The bailiff firms' API clients: creating, listing and deactivating them (`registry`), their table (`models`)
and their API models (`schemas`). Signing in with a client's credentials is `portal.identity.sign_in`."""

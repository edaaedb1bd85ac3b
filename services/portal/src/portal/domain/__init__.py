"""The portal's pure rules: no session, no clock, no I/O. What a new password must be (`passwords`), how a secret
is kept and checked (`hashing`), and which address a request really comes from behind trusted proxies
(`addresses`). Use cases orchestrate these; they import only the kernel, `portal.errors` and each other."""

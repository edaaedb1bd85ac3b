"""How a dunning message leaves: e-mail over SMTP, SMS and letters through the provider's HTTP API. Each channel
is built at the edge (lifespan) and passed in; `base` holds the message and the two ways a send can fail."""

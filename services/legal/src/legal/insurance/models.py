"""Tables of credit insurance and factoring."""

"""Texts of the API documentation page."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "footer.api": ("API et documentation OpenAPI", "API and OpenAPI documentation"),
    "apidocs.title": ("API de Recouvra", "Recouvra API"),
    "apidocs.intro": (
        "Toutes les opérations de l'API publique, sur cette même adresse, service par service. Hormis le jeton "
        "lui-même (POST /api/v1/auth/token) et les clés publiques, chaque opération demande un jeton. Les "
        "documents OpenAPI se chargent dans tout générateur de client.",
        "Every operation of the public API, on this same address, service by service. Apart from the token "
        "itself (POST /api/v1/auth/token) and the public keys, each operation wants a token. The OpenAPI "
        "documents load into any client generator.",
    ),
    "apidocs.services": ("Services", "Services"),
    "apidocs.document": ("Document OpenAPI de « {service} » (JSON)", "OpenAPI document of “{service}” (JSON)"),
    "apidocs.operations": ("Opérations de « {service} »", "Operations of “{service}”"),
    "apidocs.unavailable": (
        "Ce service ne répond pas pour le moment : sa description reviendra avec lui.",
        "This service does not answer at the moment: its description comes back with it.",
    ),
    "apidocs.col.method": ("Méthode", "Method"),
    "apidocs.col.path": ("Chemin", "Path"),
    "apidocs.col.summary": ("Description", "Summary"),
}

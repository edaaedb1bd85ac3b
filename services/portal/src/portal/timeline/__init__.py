"""The case timeline: a read model the portal builds from every service's case events, served to the creditor of
the case and to agency staff (`GET /api/v1/cases/{case_id}/timeline`)."""

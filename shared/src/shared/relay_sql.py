"""The relay's statements on the outbox, plain (`shared.plain_reads`): a relay passes once per commit of its service
under a steady flow, and SQLAlchemy's statements and ORM rows cost more CPU than PostgreSQL's answers (issue 17's
pipeline)."""

LOCK = "SELECT pg_try_advisory_xact_lock(%(k)s)"
"""this batch is exclusive, even if a lease was lost while its relay kept going"""
PENDING = (
    "SELECT seq, topic, key, event_type, envelope::text, headers FROM outbox WHERE published_at IS NULL "
    "ORDER BY seq LIMIT %(limit)s FOR UPDATE SKIP LOCKED"
)
"""the oldest rows not published yet, as `OutboxMessage.kafka_record` needs them; the envelope as PostgreSQL writes
its JSON, sent as it is (no parsing into a dictionary and dumping again in Python)"""
PUBLISHED = "UPDATE outbox SET published_at = %(at)s WHERE seq = ANY(%(seqs)s)"

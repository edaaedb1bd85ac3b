# One image for the five services; the SERVICE variable chooses which one a container runs.
#
#   docker build -t recouvra .
#   docker run -e SERVICE=intake -e PORT=8001 -e INTAKE_DATABASE_URL=... recouvra
#   docker run -e INTAKE_DATABASE_URL=... recouvra recouvra migrate intake      (a migration job)
#
# docker-compose.yml and k8s/ set everything a service needs; README.md lists the settings.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# WeasyPrint (dunning's letters as PDF) renders through Pango; fonts with the French accents and the euro sign.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# The pinned dependencies first, in a layer of their own: it is rebuilt only when the lock changes.
COPY requirements.lock ./
RUN pip install -r requirements.lock

# The kernel and the five services, without their dependencies (all pinned above). Editable installs, as
# `make install` does: each service finds its Alembic migrations beside its sources (shared.migrations),
# which a plain install into site-packages would leave behind.
COPY shared/ shared/
COPY services/ services/
COPY deploy/create_topics.py deploy/create_topics.py
RUN pip install --no-deps \
        -e shared \
        -e services/portal \
        -e services/intake \
        -e services/scoring \
        -e services/dunning \
        -e services/legal

# The writable folder (intake's document store) is created owned by the service user, so that a volume
# mounted there starts with that owner.
RUN useradd --system --uid 10001 --user-group --home-dir /home/recouvra --create-home \
        --shell /usr/sbin/nologin recouvra \
    && install -d -o recouvra -g recouvra /var/lib/recouvra/documents
USER 10001:10001

ARG SERVICE=portal
ARG PORT=8000
ENV SERVICE=${SERVICE} \
    PORT=${PORT} \
    RECOUVRA_PROFILE=production
EXPOSE 8000 8001 8002 8003 8004

# `exec` hands PID 1 to uvicorn, so that the orchestrator's SIGTERM reaches it and it drains in-flight
# requests and stops the relay and consumer threads. uvicorn[standard] (uvloop, httptools) is in the lock.
CMD ["sh", "-c", "exec uvicorn \"${SERVICE}.main:create_app\" --factory --host 0.0.0.0 --port \"${PORT}\" --no-access-log --timeout-graceful-shutdown 20"]

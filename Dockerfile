# One image for the five services, as API, worker or job; the command and the environment choose.
#
#   docker build -t recouvra .
#   docker run -e SERVICE=intake -e PORT=8001 -e RECOUVRA_RUN_WORKERS=false -e INTAKE_DATABASE_URL=... recouvra
#                                                   (an API; RECOUVRA_RUN_WORKERS=true: the relay, consumer and jobs)
#   docker run -e INTAKE_DATABASE_URL=... recouvra recouvra migrate intake      (a migration job)
#
# docker-compose.yml and k8s/ set everything a service needs; README.md lists the settings.
#
# Two stages: `build` installs the runtime lock and the six packages (the kernel, the five services: never the
# workbench, which holds the embedded stack and the test plugin) into a virtual environment; `runtime` is a
# fresh base with the libraries WeasyPrint needs, that environment and the sources, and nothing else (no compiler
# cache, no pip download cache, no dev lock). The base is pinned by its exact version tag.

FROM python:3.11.13-slim-bookworm AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app

# The pinned dependencies first, in a layer of their own: it is rebuilt only when the lock changes. The runtime
# lock only: no test runner, embedded server, fuzzer, benchmark data or linter (requirements-dev.lock has those).
COPY requirements.lock ./
RUN pip install -r requirements.lock

# The kernel and the five services, without their dependencies (all pinned above). Editable installs, as
# `make install` does: each service finds its Alembic migrations beside its sources (shared.migrations), which
# a plain install into site-packages would leave behind. The runtime stage keeps /app at the same path.
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


FROM python:3.11.13-slim-bookworm AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint (dunning's letters as PDF) renders through Pango; fonts with the French accents and the euro sign.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# The service user; the writable folder (intake's document store) is created owned by it, so that a volume
# mounted there starts with that owner.
RUN useradd --system --uid 10001 --user-group --home-dir /home/recouvra --create-home \
        --shell /usr/sbin/nologin recouvra \
    && install -d -o recouvra -g recouvra /var/lib/recouvra/documents

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
USER 10001:10001

ARG SERVICE=portal
ARG PORT=8000
ENV SERVICE=${SERVICE} \
    PORT=${PORT} \
    RECOUVRA_PROFILE=production
EXPOSE 8000 8001 8002 8003 8004

# Liveness of the process, API or worker alike (both serve /healthz on $PORT); orchestrators use /readyz too.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=4 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['PORT'] + '/healthz', timeout=3)"]

# `exec` hands PID 1 to uvicorn, so that the orchestrator's SIGTERM reaches it and it drains in-flight requests and
# stops the relay and consumer threads. uvicorn[standard] (uvloop, httptools) is in the lock.
CMD ["sh", "-c", "exec uvicorn \"${SERVICE}.main:create_app\" --factory --host 0.0.0.0 --port \"${PORT}\" --no-access-log --timeout-graceful-shutdown 20"]

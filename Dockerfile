# syntax=docker/dockerfile:1
# Candour's production image. The build stage has Node and make for the front-end assets; the
# runtime stage has only Python, the app and the Debian packages the formats need. The Helm chart
# runs it as uid 10001 on a read-only root filesystem with a writable /tmp.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN apt-get update \
 && apt-get install -y --no-install-recommends make nodejs npm fonts-noto-core \
 && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /app

# Dependencies on their own layer, so a change to the code does not reinstall them: exactly the
# versions in the lock files (pinned, with hashes), nothing resolved at build time.
COPY requirements/build.txt requirements/runtime.txt /tmp/requirements/
RUN pip install --require-hashes --only-binary=:all: -r /tmp/requirements/build.txt \
 && pip install --require-hashes --only-binary=:all: -r /tmp/requirements/runtime.txt

COPY . .
# The core reads translations/ and migrations/ from the source tree next to core/ (REPO_ROOT), so
# the tree stays at /app and the package is installed in place rather than into site-packages.
RUN make assets ASSETS_PY=python \
 && rm -rf node_modules \
 && pybabel compile -d translations \
 && pip install --no-deps --no-build-isolation -e . \
 && python -m compileall -q core plugins

FROM ${PYTHON_IMAGE} AS runtime

# Fonts for Urdu, Arabic and Bengali; braille (liblouis); speech (espeak-ng, lame); Pango and
# HarfBuzz for WeasyPrint's PDFs; poppler-utils for reading PDFs back; tesseract with the seven
# launch languages for reading scanned reports (the anonymisation guard); qpdf beside pikepdf.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      fonts-noto-core \
      liblouis-bin \
      liblouis-data \
      espeak-ng \
      lame \
      libpango-1.0-0 \
      libpangoft2-1.0-0 \
      libharfbuzz-subset0 \
      poppler-utils \
      qpdf \
      tesseract-ocr \
      tesseract-ocr-eng tesseract-ocr-cym tesseract-ocr-pol tesseract-ocr-ron \
      tesseract-ocr-urd tesseract-ocr-ara tesseract-ocr-ben \
 && rm -rf /var/lib/apt/lists/* \
 && fc-cache -f

RUN groupadd --system --gid 10001 candour \
 && useradd --system --uid 10001 --gid candour --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin candour

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app

# The root filesystem is read-only in the cluster: caches and HOME point at the /tmp volume.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    XDG_CACHE_HOME=/tmp/.cache

WORKDIR /app
USER 10001:10001
EXPOSE 8000
CMD ["candour", "serve", "--host", "0.0.0.0", "--port", "8000"]

# Plenum in a container: one daphne process; run several behind nginx (deploy/README.md).
# Only what pyproject.toml names is installed: no system packages beyond the Python image.
#   docker build -t plenum .
#   docker run --env-file /etc/plenum/plenum.env -p 127.0.0.1:8001:8000 plenum
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PLENUM_ENV=production \
    STATIC_ROOT=/app/staticfiles

RUN useradd --system --create-home --home-dir /app plenum
WORKDIR /app

# Dependencies first: a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c 'import subprocess, sys, tomllib; \
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]; \
subprocess.run([sys.executable, "-m", "pip", "install", "--no-compile", *deps], check=True)'

COPY . .
# Translations and static files are built into the image. The production settings insist on a
# secret and hosts; these placeholders exist only during the build.
RUN SECRET_KEY=build-only-placeholder-secret-of-more-than-fifty-characters-000 \
    ALLOWED_HOSTS=build.invalid \
    sh -c "python manage.py compile_translations && python manage.py collectstatic --noinput -v0" \
    && mkdir -p /app/var && chown -R plenum:plenum /app/var

USER plenum
VOLUME ["/app/var"]
EXPOSE 8000
# nginx reaches the container from its network: set PLENUM_TRUSTED_PROXIES to nginx's address.
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request, os; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthz', headers={'Host': os.environ['ALLOWED_HOSTS'].split(',')[0]}), timeout=4)"
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "seminar.asgi:application"]

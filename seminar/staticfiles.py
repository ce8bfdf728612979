"""Static files answered in the ASGI layer, before Django: no request thread, no middleware.

A room joining at once makes every phone download the stylesheet, the scripts and the icons
once (fingerprinted, cached for a year: settings.STATIC_MANIFEST). Through Django each of those
requests cost a thread of its own, a request object, the middleware chain and the request
signals, about as much as a small page; here it is a dictionary look-up and a file read on the
event loop (the files are small and in the page cache).

The files, their headers (content type, length, ETag, Cache-Control, the compressed variants
for Accept-Encoding, ranges, 304 for a matching If-None-Match) are WhiteNoise's own: this module
asks the same index WhiteNoiseMiddleware builds from the settings and only speaks ASGI instead
of returning a Django response. WhiteNoiseMiddleware stays in MIDDLEWARE for what does not come
through here (Django's test client). A path that is not a static file goes on to Django, which
answers it as before (a 404 page in the visitor's language).

With SECURE_SSL_REDIRECT on (production) the files are left to Django, whose SecurityMiddleware
redirects plain HTTP first; in production the proxy serves them anyway (deploy/).
"""

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware

CHUNK = 64 * 1024


def _meta(scope):
    """The request headers as WSGI/Django META keys, which is what WhiteNoise reads."""
    meta = {}
    for name, value in scope.get("headers", []):
        key = "HTTP_" + name.decode("latin-1").upper().replace("-", "_")
        meta[key] = value.decode("latin-1")
    return meta


class StaticFiles:
    """ASGI middleware: GET/HEAD of a known static file is answered here, anything else passes."""

    def __init__(self, application):
        self.application = application
        self.enabled = not settings.SECURE_SSL_REDIRECT
        self.whitenoise = WhiteNoiseMiddleware(get_response=None) if self.enabled else None
        self.extra_headers = []
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            self.extra_headers.append((b"x-content-type-options", b"nosniff"))
        if settings.SECURE_REFERRER_POLICY:
            self.extra_headers.append(
                (b"referrer-policy", settings.SECURE_REFERRER_POLICY.encode("latin-1"))
            )

    def find(self, path):
        whitenoise = self.whitenoise
        if not path.startswith(whitenoise.static_prefix):
            return None
        if whitenoise.autorefresh:  # development and tests: files looked up per request
            return whitenoise.find_file(path)
        return whitenoise.files.get(path)

    async def __call__(self, scope, receive, send):
        if self.enabled and scope["type"] == "http" and scope["method"] in {"GET", "HEAD"}:
            path = scope["path"].removeprefix(scope.get("root_path", ""))
            static_file = self.find(path)
            if static_file is not None:
                return await self.serve(static_file, scope, send)
        return await self.application(scope, receive, send)

    async def serve(self, static_file, scope, send):
        response = static_file.get_response(scope["method"], _meta(scope))
        headers = [
            (name.lower().encode("latin-1"), str(value).encode("latin-1"))
            for name, value in response.headers
        ]
        await send(
            {
                "type": "http.response.start",
                "status": int(response.status),
                "headers": headers + self.extra_headers,
            }
        )
        if response.file is None:
            await send({"type": "http.response.body", "body": b""})
            return
        file = response.file
        try:
            chunk = file.read(CHUNK)
            while True:
                following = file.read(CHUNK) if chunk else b""
                more = bool(following)
                await send({"type": "http.response.body", "body": chunk, "more_body": more})
                if not more:
                    return
                chunk = following
        finally:
            file.close()

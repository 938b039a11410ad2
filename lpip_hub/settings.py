"""Settings for the LPIP Evidence Hub, every value read from the environment.

The variables are DJANGO_SECRET_KEY, DJANGO_DEBUG, DJANGO_ALLOWED_HOSTS, DATABASE_URL,
REDIS_URL, DJANGO_HTTPS, DJANGO_PROXY_COUNT, DJANGO_ADMINS, SENTRY_DSN and PORT (read by
`make run`). The defaults are safe: DEBUG off, HTTPS enforced whenever DEBUG is off, SQLite in
the project folder.
"""

from email.utils import parseaddr
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Public, so only for development: the site refuses to serve on it with DEBUG off (wsgi.py).
DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-key-set-DJANGO_SECRET_KEY-in-production"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "lpip_hub.apps.TagsConfig",  # taggit, shown as "Tags"
    "reversion",
    "import_export",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "csp",
    "axes",
    "lpip_hub",
    "partnerships",
    "reviews",
]

MIDDLEWARE = [
    # Cached pages for visitors without the site's cookies, before anything else runs.
    "lpip_hub.front_cache.FrontPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lpip_hub.edge_cache.EdgeCacheMiddleware",
    # HTML compressed here (its length masked against BREACH); static files by whitenoise.
    "django.middleware.gzip.GZipMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "lpip_hub.middleware.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # English at unprefixed addresses, Welsh under /cy/ (i18n_patterns in lpip_hub/urls.py);
    # the admin in the language chosen in its header (the language cookie).
    "lpip_hub.admin_language.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Innermost, for anonymous visitors with a cookie (CSRF, say): every middleware above still
    # handles a page served from here.
    "lpip_hub.page_cache.AnonymousPageCacheMiddleware",
    # One "not yet in Welsh" notice per Welsh page, before the page cache stores it.
    "lpip_hub.bilingual.WelshNoticeMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username out from one address after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# The number of reverse proxies in front of the app: each adds one address to X-Forwarded-For,
# and the client's is the one the outermost proxy added (lpip_hub/client_address.py).
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "lpip_hub.client_address.client_address"

# The admin's address; change it to keep automated login attempts away from the default.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"

ROOT_URLCONF = "lpip_hub.urls"
WSGI_APPLICATION = "lpip_hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "lpip_hub.context_processors.site",
                "lpip_hub.context_processors.languages",
            ],
            "builtins": ["lpip_hub.templatetags.bilingual"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# A new PostgreSQL connection per request costs most of the throughput: keep them open.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Search widens to near misses ("skils") above this pg_trgm word similarity. No parallel
    # workers and no JIT: the pages' queries each read a few thousand rows at most, where
    # starting workers or compiling costs more than it saves (a finder page's results: 35 ms
    # with two workers, 2 ms without; 19 ms compiling a word search's counts at 200,000), and
    # the server's cores are busy with other requests.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = (
        "-c pg_trgm.word_similarity_threshold=0.5 -c max_parallel_workers_per_gather=0 -c jit=off"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis errors cost speed, never the page: see lpip_hub/cache.py.
            "BACKEND": "lpip_hub.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lpip",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
# The project's own catalogue, then its Welsh for the libraries' strings (Django's admin,
# REST framework, django-filter, import-export); both are read before any a library ships.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "libraries"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded figures: MEDIA_ROOT on this machine, or any S3-compatible store when a bucket is
# named (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are read from the environment by boto3).
# Either way the site serves them itself at /figures/, so drafts stay private and CSP stays 'self'.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
FIGURES_BUCKET = env("AWS_STORAGE_BUCKET_NAME", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if not FIGURES_BUCKET
    else {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": FIGURES_BUCKET,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "location": env("AWS_LOCATION", default=""),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# HTTPS: on by default whenever DEBUG is off; DJANGO_HTTPS=0 serves plain HTTP on loopback.
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
if PROXY_COUNT:
    # Only a proxy may say the visitor came over HTTPS; without one, anyone could.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
if HTTPS:
    # The __Host- prefix binds the cookies to this host over HTTPS only.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    ]
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            # One JSON object per line for log collectors; plain text for local development.
            "formatter": env.str("DJANGO_LOG_FORMAT", default="plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "LPIP Evidence Hub API",
    "DESCRIPTION": "Read-only access to the Hub's published evidence: interventions, policies, "
    "key concepts, partnerships, places and themes.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {
        "PlaceKindEnum": "partnerships.models.PlaceKind",
        "OutputKindEnum": "reviews.models_outputs.OutputKind",
    },
}

TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "lpip_hub.tags.parse_tags"
TAGGIT_STRING_FROM_TAGS = "lpip_hub.tags.tags_to_text"

# Admin imports: all or nothing, in one transaction. The uploaded file waits between preview
# and confirm in the shared cache when there is one (any app server can confirm), else on disk.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Exports may carry text from the public (suggestions): never let a cell run as a formula. The
# admin's own formats (lpip_hub/spreadsheets.py) keep such text as written; this setting is the
# backstop for any other format, which loses a leading "=".
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = (
    "import_export.tmp_storages.CacheStorage"
    if REDIS_URL
    else "import_export.tmp_storages.TempFolderStorage"
)

SITE_NAME = "LPIP Evidence Hub"

# `make bench` serves a bare view at /_bench/floor to measure the middleware's own cost.
BENCHMARK_FLOOR = env.bool("DJANGO_BENCHMARK_FLOOR", default=False)

# Review notifications (publishers on submit, the author on approve or send back) go through
# Django's email: printed to the console unless EMAIL_URL names an SMTP server, e.g.
# smtp+tls://user:password@smtp.example.org:587. SITE_URL starts the links in them.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="hub@localhost")
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")

# Errors reach people: mail to DJANGO_ADMINS ("Name <address>, ..."), and Sentry when
# SENTRY_DSN is set.
ADMINS = [parseaddr(entry) for entry in env.list("DJANGO_ADMINS", default=[])]
SERVER_EMAIL = env.str("DJANGO_SERVER_EMAIL", default="root@localhost")
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )

"""REST API (Django REST framework) and its OpenAPI description (drf-spectacular)."""

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["schakel.api.permissions.IsVerifiedStaff"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "schakel.api.errors.exception_handler",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.URLPathVersioning",
    "ALLOWED_VERSIONS": ["v1"],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Schakel API",
    "DESCRIPTION": "REST API van Schakel: personen, huishoudens, casussen, plannen en beschikkingen "
    "in het sociaal domein. Elke raadpleging van persoonsgegevens wordt vastgelegd in de verwerkingenlog.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status"; name the shared ones so the schema does not carry hashed enum names.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "schakel.cases.models.CaseStatus",
        "MessageStatusEnum": "schakel.exchange.models.MessageStatus",
    },
}

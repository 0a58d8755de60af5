"""Routes of API version 1. Each app contributes its viewsets from its own ``api.py``."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()

urlpatterns = router.urls

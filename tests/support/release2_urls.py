"""ROOT_URLCONF of release 2 (``tests.support.release2``)."""

from tests.support.release2 import urlpatterns as _urlpatterns

urlpatterns = _urlpatterns()

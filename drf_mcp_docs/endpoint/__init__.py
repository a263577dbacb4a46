"""The endpoint as a Django project serves it: the mount, auth, OAuth metadata, the page,
and the URLconf views with their sync bridge."""

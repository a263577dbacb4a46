"""Django system checks: ``settings`` (the ``DRF_MCP_DOCS`` dict, E001-E013, W010) and
``deploy`` (deployment, E020-E024 / W020); ``apps.py`` imports both to register them."""

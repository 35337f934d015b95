"""Views of the web UI, one module per area; web/urls.py names them."""

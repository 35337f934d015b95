"""Web pages of the catalog, one module per audience: suppliers manage products
(``manage``, ``images``, ``storefront_edit``), everyone browses (``public``), buyers keep
favourites and compare (``buyer``). catalog/urls.py names them."""

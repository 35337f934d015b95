from django.urls import path

from tradeloom.catalog.views import buyer, images, manage, public, storefront_edit

app_name = "catalog"
urlpatterns = [
    # Public pages.
    path("p/<int:pk>/", public.product_page, name="product"),
    path("p/<int:pk>/price/", public.price_partial, name="price"),
    path("s/<slug:slug>/", public.storefront, name="storefront"),
    # Buyers keeping products in mind.
    path("p/<int:pk>/favourite/", buyer.favourite, name="favourite"),
    path("favourites/", buyer.favourites, name="favourites"),
    path("compare/", buyer.compare, name="compare"),
    path("compare/add/", buyer.compare_add, name="compare_add"),
    path("compare/remove/", buyer.compare_remove, name="compare_remove"),
    # A supplier's own catalog.
    path("supplier/products/", manage.product_list, name="products"),
    path("supplier/products/new/", manage.product_edit, name="product_new"),
    path("supplier/products/groups/", manage.create_group, name="create_group"),
    path("supplier/products/attributes/", manage.attribute_fields, name="attribute_fields"),
    path("supplier/products/categories/", manage.category_options, name="category_options"),
    path("supplier/products/<int:pk>/", manage.product_edit, name="product_edit"),
    path("supplier/products/<int:pk>/status/", manage.product_status, name="product_status"),
    path("supplier/products/<int:pk>/images/", images.upload_images, name="upload_images"),
    path(
        "supplier/products/<int:pk>/images/<int:image_id>/move/",
        images.move_image,
        name="move_image",
    ),
    path(
        "supplier/products/<int:pk>/images/<int:image_id>/delete/",
        images.delete_image,
        name="delete_image",
    ),
    path(
        "supplier/products/<int:pk>/images/<int:image_id>/describe/",
        images.describe_image,
        name="describe_image",
    ),
    # The storefront profile.
    path("supplier/storefront/", storefront_edit.storefront_edit, name="storefront_edit"),
    path(
        "supplier/storefront/certifications/",
        storefront_edit.add_certification,
        name="add_certification",
    ),
    path(
        "supplier/storefront/certifications/<int:pk>/remove/",
        storefront_edit.remove_certification,
        name="remove_certification",
    ),
    path("supplier/storefront/photos/", storefront_edit.add_factory_photo, name="add_photo"),
    path(
        "supplier/storefront/photos/<int:pk>/remove/",
        storefront_edit.remove_factory_photo,
        name="remove_photo",
    ),
]

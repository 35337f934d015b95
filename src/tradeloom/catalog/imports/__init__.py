"""Bulk import and export of a supplier's products as CSV or XLSX spreadsheets.

``columns`` names the template, ``readers`` turns an uploaded file into rows,
``mapping`` turns a product's rows into a ``services.ProductInput``, ``runner`` is
the background job, ``exporter`` writes the same template back out and ``fetch``
downloads images by URL without letting a spreadsheet reach inside our network.
The format is documented in ``docs/import-template.md``.
"""

"""Views: what people read, made from analyses and models (reports, documents, site, spreadsheets)."""

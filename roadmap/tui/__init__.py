"""The Textual app: a client of the model, catalog, store and export layers."""

"""spaCy components of berita_extract, one module each."""

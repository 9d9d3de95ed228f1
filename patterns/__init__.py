"""Indonesian pattern and lexicon files of berita_extract: data, no code (installed as berita_extract.patterns_data)."""

"""Maintenance scripts of berita_extract (regenerating derived pattern files)."""

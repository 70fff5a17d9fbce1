"""One rule per module. The rules are listed, by code, in ``pipeline/validate/registry.py``."""

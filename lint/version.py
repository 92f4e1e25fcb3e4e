"""corpuslint's version: a leaf module, so that the cache, the tables and the
baseline can stamp it without importing the package's API (``corpuslint.lint``)."""
__version__ = "0.1.0"

"""Every formula of the handbook, in pure standard-library Python.

The same code runs in CPython at build time and in Pyodide in the reader's browser.
"""

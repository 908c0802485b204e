"""The ``hamcoach`` command line: the parser and ``main`` (main.py), one module per
command group, and the output helpers they share."""

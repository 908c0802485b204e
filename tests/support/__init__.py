"""Shared test helpers: fakes injected through constructors (clock, audio), app
factories for Pilot and snapshot tests, hostile text, a real pty terminal, the CLI
runner, and what a widget shows in a harness app (``support.harness``, for
tests/ui/widgets/).

Imported as ``support.<module>`` (pytest puts ``tests/`` on the path through the root
conftest). Nothing here is a test.
"""

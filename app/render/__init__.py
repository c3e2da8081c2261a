"""Rendering: templates → HTML → PDF. Imports nothing from export or ui."""

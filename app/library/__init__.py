"""The user's own data: the document library (with autosave) and the export choices remembered per template.

Sits on the store and below the export layer, so the desktop app loads and saves a resume without importing
the export queue.
"""

"""The export system: queue, processing, storage and history. Sits between the UI/CLI and the renderer.

It builds on the library (the documents it exports) and the store (the database both use).
"""

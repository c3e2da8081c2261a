"""The export system: queue, storage and history. Sits between the UI/CLI and the renderer."""

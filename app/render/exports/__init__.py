"""Export formats other than PDF, each a pure function of the resume: DOCX, Markdown, plain text, HTML, JSON."""

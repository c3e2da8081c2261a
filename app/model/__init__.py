"""The resume model: JSON Resume 1.2.1 as pydantic models, with no Qt and no rendering."""

from app.model.loading import dump_resume, dumps_resume, load_resume_bytes, load_resume_file, parse_resume
from app.model.resume import Resume

__all__ = ["Resume", "dump_resume", "dumps_resume", "load_resume_bytes", "load_resume_file", "parse_resume"]

"""Reading athlete files: one reader per format behind ``load_athlete`` and ``load_folder``."""

from legday.io.load import (
    LoadResult,
    athlete_id_from_name,
    find_athlete_files,
    infer_usual_week,
    load_athlete,
    load_folder,
    load_upload,
)

__all__ = [
    "LoadResult",
    "athlete_id_from_name",
    "find_athlete_files",
    "infer_usual_week",
    "load_athlete",
    "load_folder",
    "load_upload",
]

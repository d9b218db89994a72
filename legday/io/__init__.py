"""Reading athlete files: one reader per format behind ``load_athlete`` and ``load_folder``.

Layout, from bytes to an Athlete:

- ``text``: bytes -> text (the one decoder: encodings, size, binary data);
- ``csv_text``: the one CSV reader (pyarrow; every cell as text, each row's line);
- ``columns`` and ``checks``: one column spec per log format, vectorised checks that
  return masks, and the messages written from them;
- ``csv_log``: daily logs, weekly totals and sets logs in CSV (``set_checks``: the
  sets log's spec); ``inline_log``: a profile's ``days:``, ``weeks:`` and ``sets:``;
  ``yaml_text``: safe YAML with bounded aliases and nesting;
  ``profile_yaml``: the profile's keys; ``load``: files and folders -> ``LoadResult``;
- ``imports`` (Strava and Garmin exports -> a daily log): ``archive`` finds the CSV,
  ``strava`` and ``garmin`` read it into ``activities``, ``infer`` lays out the days;
- ``save``: writing a log back without losing one.
"""

from legday.io.load import (
    LoadResult,
    athlete_id_from_name,
    find_athlete_files,
    infer_usual_week,
    load_athlete,
    load_folder,
    load_upload,
    with_sets,
)

__all__ = [
    "LoadResult",
    "athlete_id_from_name",
    "find_athlete_files",
    "infer_usual_week",
    "load_athlete",
    "load_folder",
    "load_upload",
    "with_sets",
]

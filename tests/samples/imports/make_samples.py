"""Rebuild the sample exports in this folder: `python tests/samples/imports/make_samples.py`.

Every activity is invented (no real person's data). The Strava header is the real
column set of a 2024 bulk export, duplicated names included; the Garmin header is
Garmin Connect's Activities list export.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).parent

STRAVA_HEADER_LINE = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,"
    "Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,"
    "Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,"
    "Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,"
    "Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,"
    "Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,"
    "Other Time,Perceived Exertion,Type,Start Time,Weighted Average Power,Power Count,"
    "Prefer Perceived Exertion,Perceived Relative Effort,Commute,Total Weight Lifted,"
    "From Upload,Grade Adjusted Distance,Weather Observation Time,Weather Condition,"
    "Weather Temperature,Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,"
    "Wind Gust,Wind Bearing,Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,"
    "Gear,Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,"
    "Weather Ozone,Jump Count,Total Grit,Average Flow,Flagged,Average Elapsed Speed,"
    "Dirt Distance,Newly Explored Distance,Newly Explored Dirt Distance,Activity Count,"
    "Total Steps,Carbon Saved,Pool Length,Training Load,Intensity,"
    "Average Grade Adjusted Pace,Timer Time,Total Cycles,Recovery,With Pet,Competition,"
    "Long Run,For a Cause,Media"
)
STRAVA_HEADER = STRAVA_HEADER_LINE.split(",")

# (id, date UTC, name, type, description, elapsed s, distance (account km), metres,
#  moving s, perceived exertion, competition)
STRAVA_ROWS = [
    (
        "10001",
        "Jan 1, 2024, 9:05:12 AM",
        "Neujahrslauf",
        "Run",
        "",
        2901,
        "8.02",
        "8020.5",
        2850,
        "",
        "",
    ),
    (
        "10002",
        "Jan 2, 2024, 5:30:00 PM",
        "Leg day 🦵",
        "Weight Training",
        "squats, RDLs",
        3000,
        "0.00",
        "0.0",
        3000,
        "7",
        "",
    ),
    (
        "10003",
        "Jan 3, 2024, 6:10:44 AM",
        "Intervalle 6x800",
        "Run",
        "2 km warm-up\n6x800 @ 5k pace\ncool-down",
        3400,
        "10.10",
        "10104.2",
        3300,
        "8",
        "",
    ),
    (
        "10004",
        "Jan 4, 2024, 11:45:00 AM",
        "Lunch Swim",
        "Swim",
        "",
        2400,
        "1,500",
        "1500.0",
        2280,
        "",
        "",
    ),
    (
        "10005",
        "Jan 5, 2024, 7:12:33 AM",
        "Treadmill 30'",
        "Treadmill",
        "",
        1800,
        "5.00",
        "",
        1800,
        "4",
        "",
    ),
    (
        "10006",
        "Jan 6, 2024, 3:20:00 PM",
        "Evening Ride",
        "Ride",
        "",
        5520,
        "35.50",
        "35512.0",
        5400,
        "",
        "",
    ),
    (
        "10007",
        "Jan 7, 2024, 8:00:00 AM",
        "Sunday long run",
        "Run",
        "",
        6700,
        "18.30",
        "18304.9",
        6600,
        "",
        "",
    ),
    (
        "10008",
        "Jan 9, 2024, 11:30:00 PM",
        "Carrera nocturna",
        "Run",
        "",
        2150,
        "6.50",
        "6498.1",
        2100,
        "",
        "",
    ),
    (
        "10009",
        "Jan 10, 2024, 6:00:00 PM",
        "Gym: squats + lunges",
        "Workout",
        "",
        1500,
        "0.00",
        "0.0",
        1500,
        "",
        "",
    ),
    (
        "10010",
        "Jan 11, 2024, 6:30:00 AM",
        "Tempo 3x10'",
        "Run",
        "",
        3800,
        "12.00",
        "12003.7",
        3700,
        "",
        "",
    ),
    (
        "10011",
        "Jan 11, 2024, 5:45:00 PM",
        "Shakeout",
        "Run",
        "",
        1500,
        "4.00",
        "4001.0",
        1480,
        "3",
        "",
    ),
    ("10012", "Jan 12, 2024, 5:00:00 PM", "WOD", "Crossfit", "", 2700, "0.00", "0.0", 2700, "", ""),
    (
        "10013",
        "Jan 13, 2024, 9:00:00 AM",
        "Parkrun",
        "Run",
        "",
        1320,
        "5.00",
        "5012.3",
        1300,
        "9",
        "",
    ),
    (
        "10014",
        "Jan 14, 2024, 9:30:00 AM",
        "Grunewald Trails 🌲",
        "Trail Run",
        "",
        8400,
        "21.00",
        "21003.3",
        8100,
        "",
        "",
    ),
    (
        "10015",
        "Jan 15, 2024, 6:00:00 PM",
        "Zwift - Watopia",
        "Virtual Run",
        "",
        2520,
        "7.00",
        "7000.0",
        2520,
        "",
        "",
    ),
    (
        "10006",
        "Jan 6, 2024, 3:20:00 PM",
        "Evening Ride",
        "Ride",
        "",
        5520,
        "35.50",
        "35512.0",
        5400,
        "",
        "",
    ),
    (
        "10016",
        "16 janv. 2024, 07:00:00",
        "Footing",
        "Run",
        "",
        2400,
        "7,20",
        "7200.0",
        2400,
        "",
        "",
    ),
    (
        "10017",
        "Jan 16, 2024, 12:10:00 PM",
        "Lunch Walk",
        "Walk",
        "",
        1900,
        "2.10",
        "2100.0",
        1850,
        "",
        "",
    ),
    (
        "10018",
        "Jan 21, 2024, 8:00:00 AM",
        "Hauptstadtlauf 10K",
        "Run",
        "",
        2500,
        "10.00",
        "10010.0",
        2490,
        "",
        "true",
    ),
]


def strava_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(STRAVA_HEADER)
    for aid, date, name, kind, desc, elapsed, dist, metres, moving, pe, comp in STRAVA_ROWS:
        row = [""] * len(STRAVA_HEADER)
        at = STRAVA_HEADER.index  # the first of a repeated name; +n for the later one

        def put(name: str, value: str, nth: int = 0, row: list[str] = row) -> None:
            where = [i for i, h in enumerate(STRAVA_HEADER) if h == name][nth]
            row[where] = value

        row[at("Activity ID")], row[at("Activity Date")], row[at("Activity Name")] = aid, date, name
        row[at("Activity Type")], row[at("Activity Description")] = kind, desc
        put("Elapsed Time", str(elapsed))
        put("Distance", dist)
        put("Commute", "false")
        put("Filename", f"activities/{aid}.fit.gz")
        put("Elapsed Time", f"{elapsed}.0", 1)
        put("Moving Time", f"{moving}.0")
        put("Distance", metres, 1)
        if kind not in ("Walk", "Swim"):
            put("Relative Effort", "42")  # a heart-rate score, not an RPE
        put("Perceived Exertion", pe)
        put("Prefer Perceived Exertion", "1.0" if pe else "0.0")
        put("Competition", comp or "false")
        writer.writerow(row)
    return buffer.getvalue()


GARMIN_HEADER_LINE = (
    "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE,"
    "Avg Run Cadence,Max Run Cadence,Avg Pace,Best Pace,Total Ascent,Total Descent,"
    "Avg Stride Length,Avg Vertical Ratio,Avg Vertical Oscillation,Avg Ground Contact Time,"
    "Avg GAP,Normalized Power® (NP®),Training Stress Score®,Avg Power,Max Power,Steps,"
    "Total Reps,Total Sets,Decompression,Best Lap Time,Number of Laps,Moving Time,"
    "Elapsed Time,Min Elevation,Max Elevation"
)
GARMIN_HEADER = GARMIN_HEADER_LINE.split(",")

# (type, date, title, distance (mi), calories, time)
GARMIN_ROWS = [
    ("Running", "2024-03-04 06:45:10", "Morning Run", "4.02", "412", "00:36:10"),
    ("Strength Training", "2024-03-04 18:00:00", "Leg Strength", "0.00", "230", "00:42:00"),
    ("Track Running", "2024-03-06 18:30:00", "Track 8x400", "5.50", "560", "00:47:12"),
    ("Treadmill Running", "2024-03-07 06:20:00", "Treadmill Running", "3.10", "300", "00:28:10.5"),
    ("Pool Swim", "2024-03-07 12:00:00", "Lap Swimming", "1,500", "350", "00:35:00"),
    ("Cycling", "2024-03-08 08:00:00", "Commute", "8.20", "--", "00:41:00"),
    ("Running", "2024-03-09 07:30:00", "Saturday Run", "12.40", "1,420", "01:52:03"),
    ("Running", "2024-03-10 09:00:00", "Fartlek en el parque", "5.00", "520", "00:43:30"),
    ("Running", "3/11/2024 6:00", "Morning Run", "4.00", "400", "00:36:00"),
    ("Strength Training", "2024-03-12 19:00:00", "Core & legs", "0.00", "150", "00:25:00"),
    ("Running", "2024-03-14 06:30:00", "Easy", "--", "310", "00:30:00"),
]


def garmin_csv() -> str:
    """Garmin's own quoting: type, date and favourite bare; every other value quoted."""
    lines = [",".join(GARMIN_HEADER)]
    for kind, date, title, dist, cal, time in GARMIN_ROWS:
        rest = ["--"] * (len(GARMIN_HEADER) - 4)
        rest[0], rest[1], rest[2] = dist, cal, time
        rest[27] = rest[28] = time  # Moving Time, Elapsed Time
        lines.append(f'{kind},{date},false,"{title}",' + ",".join(f'"{v}"' for v in rest))
    return "\n".join(lines) + "\n"


def write_zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def main() -> None:
    strava = strava_csv()
    (HERE / "strava_activities.csv").write_text(strava, encoding="utf-8")
    write_zip(
        HERE / "strava_export.zip",
        {
            "activities.csv": strava.encode(),
            "profile.csv": b"Athlete ID,First Name,Last Name\n1,Ann,Example\n",
            "activities/10001.fit.gz": b"\x1f\x8b\x08\x00not really a fit file",
            "media/": b"",
        },
    )
    (HERE / "garmin_activities.csv").write_text(garmin_csv(), encoding="utf-8")
    # Malformed exports.
    cut = strava.index("Jan 13, 2024")  # inside the quoted date of the Parkrun row
    (HERE / "bad_truncated.csv").write_text(strava[: cut + 6], encoding="utf-8")
    (HERE / "bad_wrong_columns.csv").write_text(
        "Date,Steps,Calories\n2024-01-01,12000,2400\n", encoding="utf-8"
    )
    (HERE / "bad_binary.csv").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    (HERE / "bad_empty.csv").write_bytes(b"")
    write_zip(
        HERE / "bad_no_activities.zip", {"profile.csv": b"Athlete ID\n1\n", "media/a.jpg": b"x"}
    )
    huge = ",".join(STRAVA_HEADER) + "\n" + "1," + '"Jan 1, 2024, 9:05:12 AM",Run,Run,"'
    bomb = huge.encode() + b" " * (60 * 1024 * 1024) + b'"\n'
    write_zip(HERE / "bad_bomb.zip", {"activities.csv": bomb})


if __name__ == "__main__":
    main()

"""The build backend: setuptools, after building the dashboard's libraries from the npm registry (Leaflet,
markercluster, topojson-client, Natural Earth outlines) into src/marsad/web/static/vendor/, so that every wheel
and editable install carries them. Built files are not committed. Without npm the package still builds (the
API works; the dashboard says its libraries are missing)."""

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the rest of the backend interface, unchanged)

ROOT = Path(__file__).resolve().parents[1]
MARKER = ROOT / "src" / "marsad" / "web" / "static" / "vendor" / ".built"


def _build_web() -> None:
    web = ROOT / "web"
    if MARKER.exists() or not (web / "package.json").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        print("marsad build: npm not found; the dashboard's libraries are not built (install Node.js and npm, then "
              "`make web`)", file=sys.stderr)
        return
    subprocess.run([npm, "--prefix", str(web), "ci", "--no-audit", "--no-fund", "--loglevel=error"], check=True)
    subprocess.run([npm, "--prefix", str(web), "run", "build", "--silent"], check=True)
    MARKER.touch()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    _build_web()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    _build_web()
    return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)

"""The offline bundle: the whole site as a zip that works unzipped and opened from a folder (file://)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path


class BundleError(Exception):
    pass


def build_site(root: Path, site_dir: Path, offline: bool = False) -> None:
    """Run `mkdocs build --strict` for the project at `root` into `site_dir`."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if offline:
        # mkdocs.yml enables material/offline from this variable: .html URLs, inlined search index, local shim.
        env["XINFANG_OFFLINE"] = "true"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BundleError(f"mkdocs build 失败：\n{result.stdout}{result.stderr}")


def make_bundle(root: str | Path, out: str | Path) -> tuple[Path, int]:
    """Build the offline site and zip it to `out`; returns the zip path and the number of files in it."""
    root, out = Path(root).resolve(), Path(out).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(root, site, offline=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        count = 0
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    archive.write(path, Path("xinfang-site") / path.relative_to(site))
                    count += 1
    return out, count

"""The offline bundle: the whole site as a zip that works unzipped and opened from a folder (file://)."""

from __future__ import annotations

import os
import re
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
        raise BundleError(f"网站生成失败：\n{chinese_mkdocs_output(result.stdout + result.stderr)}")


def chinese_mkdocs_output(text: str) -> str:
    """MkDocs' output without its closing English line: "Aborted with a BuildError!" says nothing the
    plugin's Chinese error above it has not said; "Aborted with N warnings in strict mode!" is told in
    Chinese."""
    lines = []
    for line in text.splitlines():
        warnings = re.fullmatch(r"Aborted with (\d+) warnings? in strict mode!", line.strip())
        if warnings:
            lines.append(f"有 {warnings.group(1)} 个警告，严格模式（--strict）下视为失败。")
        elif not line.strip().startswith("Aborted with"):
            lines.append(line)
    return "\n".join(lines).strip() + "\n"


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

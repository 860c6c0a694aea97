"""Offline bundle for an air-gapped intranet: `make bundle` → dist/ningxia_dash-offline-<platform>.tar.gz holding
the project (git-tracked files), wheels/ (`pip download -r requirements.txt` for this platform and Python),
SHA256SUMS and INSTALL.md (Chinese, deploy/offline/INSTALL.md). On the target: unpack, `make install-offline`.

The wheelhouse is downloaded once per platform, Python version and requirements.txt into a cache
(~/.cache/ningxia_dash/wheelhouse/<key>/, or $NINGXIA_WHEEL_CACHE) and reused: a second `make bundle`, and the
offline-install test in CI (tests/test_offline_install.py), download nothing.
`--wheels DIR` takes an existing wheelhouse instead (tests/test_bundle.py uses a tiny fake one)."""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_files() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [f for f in out.splitlines() if (ROOT / f).is_file()]


def platform_tag() -> str:
    return f"{sysconfig.get_platform()}-py{sys.version_info.major}{sys.version_info.minor}".replace("/", "_")


def download_wheels(dest: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "-d", str(dest), "-r", "requirements.txt"],
        cwd=ROOT,
        check=True,
    )


def cache_root() -> Path:
    return Path(os.environ.get("NINGXIA_WHEEL_CACHE") or Path.home() / ".cache" / "ningxia_dash" / "wheelhouse")


def cached_wheelhouse(root: Path | None = None) -> Path:
    """The wheelhouse for this platform, Python and requirements.txt: downloaded the first time, reused after.
    A download that fails half-way leaves no directory behind that could pass for a complete one."""
    key = hashlib.sha256((ROOT / "requirements.txt").read_bytes()).hexdigest()[:12]
    dest = (root or cache_root()) / f"{platform_tag()}-{key}"
    if (dest / ".complete").exists():
        return dest
    partial = dest.with_name(dest.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    download_wheels(partial)
    shutil.rmtree(dest, ignore_errors=True)
    partial.rename(dest)
    (dest / ".complete").touch()
    return dest


def build(out: Path, wheels: Path, prefix: str) -> Path:
    """Write the archive; every file in it (but SHA256SUMS) is listed in SHA256SUMS."""
    entries: list[tuple[str, Path]] = [(f, ROOT / f) for f in project_files()]
    entries += [(f"wheels/{w.name}", w) for w in sorted(wheels.iterdir()) if w.is_file() and w.suffix == ".whl"]
    entries.append(("INSTALL.md", ROOT / "deploy" / "offline" / "INSTALL.md"))
    sums = "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {name}\n" for name, p in entries)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(
        out, "w:gz", compresslevel=1
    ) as tar:  # wheels are zip files already: 9 costs time, saves ~nothing
        for name, path in entries:
            tar.add(path, arcname=f"{prefix}/{name}", recursive=False)
        data = sums.encode()
        info = tarfile.TarInfo(f"{prefix}/SHA256SUMS")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="离线安装包")
    parser.add_argument("--out", help="输出文件（默认 dist/ningxia_dash-offline-<平台>.tar.gz）")
    parser.add_argument("--wheels", help="已有的 wheel 目录（默认用 pip download 下载）")
    args = parser.parse_args(argv)
    prefix = "ningxia_dash"
    out = Path(args.out) if args.out else ROOT / "dist" / f"ningxia_dash-offline-{platform_tag()}.tar.gz"
    built = build(out, Path(args.wheels) if args.wheels else cached_wheelhouse(), prefix)
    print(f"已写出离线安装包 {built}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

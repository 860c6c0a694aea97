"""Offline bundle for an air-gapped intranet: `make bundle` → dist/ningxia_dash-offline-<platform>.tar.gz holding
the project (git-tracked files), wheels/ (`pip download -r requirements.txt` for this platform and Python),
SHA256SUMS and INSTALL.md (Chinese, deploy/offline/INSTALL.md). On the target: unpack, `make install-offline`.

`--wheels DIR` takes an existing wheelhouse instead of downloading (tests use a tiny fake one)."""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_files() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [f for f in out.splitlines() if (ROOT / f).is_file()]


def download_wheels(dest: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "-d", str(dest), "-r", "requirements.txt"],
        cwd=ROOT,
        check=True,
    )


def build(out: Path, wheels: Path, prefix: str) -> Path:
    """Write the archive; every file in it (but SHA256SUMS) is listed in SHA256SUMS."""
    entries: list[tuple[str, Path]] = [(f, ROOT / f) for f in project_files()]
    entries += [(f"wheels/{w.name}", w) for w in sorted(wheels.iterdir()) if w.is_file()]
    entries.append(("INSTALL.md", ROOT / "deploy" / "offline" / "INSTALL.md"))
    sums = "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {name}\n" for name, p in entries)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(out, "w:gz") as tar:
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
    platform = f"{sysconfig.get_platform()}-py{sys.version_info.major}{sys.version_info.minor}".replace("/", "_")
    prefix = "ningxia_dash"
    out = Path(args.out) if args.out else ROOT / "dist" / f"ningxia_dash-offline-{platform}.tar.gz"
    if args.wheels:
        built = build(out, Path(args.wheels), prefix)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            download_wheels(Path(tmp))
            built = build(out, Path(tmp), prefix)
    print(f"已写出离线安装包 {built}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Copy the front-end files fazhi serves from node_modules (installed by npm at setup) into static/vendor."""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = {
    "htmx.org/dist/htmx.min.js": "htmx.min.js",
    "echarts/dist/echarts.min.js": "echarts.min.js",
}


def main() -> int:
    dest = ROOT / "src" / "fazhi" / "static" / "vendor"
    dest.mkdir(parents=True, exist_ok=True)
    missing = []
    for src, name in FILES.items():
        path = ROOT / "node_modules" / src
        if not path.exists():
            missing.append(src)
            continue
        shutil.copyfile(path, dest / name)
    if missing:
        print("缺少前端文件（请先运行 npm install）：" + "、".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The window must show in under 2 s on a modest laptop: heavy libraries load when first
needed, not when the main window's module is imported (a timing test would be flaky; which
modules get loaded is not)."""

import subprocess
import sys

HEAVY = ("pandas", "scipy", "sklearn", "rapidfuzz", "openpyxl", "matplotlib", "phonenumbers",
         "pypinyin", "opencc", "python_calamine")


def test_opening_the_main_window_module_loads_no_heavy_library():
    code = ("import sys; import app.ui.main_window; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"loaded at start-up: {out.stdout.strip()}"

"""The type stubs: `mypy --strict` accepts a program using the API."""

import subprocess
import sys
from pathlib import Path

import pytest



def test_mypy_strict_accepts_the_api() -> None:
    usage = Path(__file__).with_name("typing_usage.py")
    out = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(usage)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr

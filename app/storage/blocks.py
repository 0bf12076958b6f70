"""Columns of a DataFrame as one BLOB: derived data stored whole (segment runs, purchase lines).

A million stored segment members cost a million INSERTs plus their undo images as rows, and as
many Python objects to read back; as a block they are one BLOB of typed numpy columns, written
and read in a fraction of a second. The format is an uncompressed .npz (numpy's zip of .npy
files) read with allow_pickle=False, so a damaged or hostile file cannot run code:

* integers -> the smallest integer type that holds them (read back as int64);
* floats, datetime64 -> as they are;
* nullable integers (Int64) -> values (0 where missing) + a mask;
* text / objects -> codes into a list of distinct texts (None -> code -1).

Only these column types are written; anything else is refused (ValueError), never pickled.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd

_HEADER = "columns.json"


def _smallest_int(values: np.ndarray) -> np.ndarray:
    if len(values) == 0:
        return values.astype(np.int8)
    low, high = int(values.min()), int(values.max())
    for kind in (np.int8, np.int16, np.int32):
        info = np.iinfo(kind)
        if info.min <= low and high <= info.max:
            return values.astype(kind)
    return values.astype(np.int64)


def encode_frame(frame: pd.DataFrame) -> bytes:
    """The frame's columns (not its index) and its attrs (JSON) as one .npz block."""
    arrays: dict[str, np.ndarray] = {}
    header = []
    for position, name in enumerate(frame.columns):
        series = frame[name]
        key = f"c{position}"
        dtype = series.dtype
        if isinstance(series.array, pd.arrays.IntegerArray):
            mask = series.isna().to_numpy()
            arrays[key] = _smallest_int(series.fillna(0).to_numpy(dtype=np.int64))
            arrays[key + ".mask"] = mask
            kind = "Int64"
        elif dtype.kind == "b" and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
            arrays[key] = series.to_numpy()
            kind = "bool"
        elif dtype.kind in "iu" and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
            arrays[key] = _smallest_int(series.to_numpy(dtype=np.int64))
            kind = "int"
        elif dtype.kind == "f" and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
            arrays[key] = series.to_numpy(dtype=np.float64)
            kind = "float"
        elif dtype.kind == "M" and getattr(dtype, "tz", None) is None:
            arrays[key] = series.to_numpy()
            kind = "datetime"
        else:
            values = series.to_numpy(dtype=object)
            if not all(v is None or isinstance(v, str) or v != v for v in values):
                raise ValueError(f"column {name!r}: only numbers, dates and text are stored")
            codes, uniques = pd.factorize(values, use_na_sentinel=True)
            arrays[key] = _smallest_int(codes.astype(np.int64))
            arrays[key + ".text"] = np.array([str(u) for u in uniques], dtype=str) \
                if len(uniques) else np.zeros(0, dtype="<U1")
            kind = "text"
        header.append([str(name), kind])
    text = json.dumps({"columns": header, "attrs": frame.attrs}, ensure_ascii=False)
    arrays[_HEADER] = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    out = io.BytesIO()
    np.savez(out, **arrays)
    return out.getvalue()


def decode_frame(data: bytes) -> pd.DataFrame:
    """The frame encode_frame stored (RangeIndex), attrs included."""
    with np.load(io.BytesIO(data), allow_pickle=False) as block:
        header = json.loads(block[_HEADER].tobytes().decode("utf-8"))
        columns: dict[str, object] = {}
        for position, (name, kind) in enumerate(header["columns"]):
            key = f"c{position}"
            values = block[key]
            if kind == "int":
                columns[name] = values.astype(np.int64)
            elif kind == "Int64":
                columns[name] = pd.arrays.IntegerArray(values.astype(np.int64), block[key + ".mask"])
            elif kind == "text":
                texts = np.empty(len(block[key + ".text"]) + 1, dtype=object)
                texts[:-1] = block[key + ".text"].tolist()
                texts[-1] = None  # code -1
                columns[name] = pd.Series(texts[values.astype(np.int64)], dtype=object)
            else:  # float, bool, datetime
                columns[name] = values
    frame = pd.DataFrame(columns, copy=False)
    frame.attrs.update(header["attrs"])
    return frame

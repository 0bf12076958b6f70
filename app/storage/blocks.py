"""Columns of a DataFrame as one BLOB: derived data stored whole (segment runs, purchase lines).

A million stored segment members cost a million INSERTs plus their undo images as rows, and as
many Python objects to read back; as a block they are one BLOB of typed numpy columns, written
and read in a fraction of a second. The format is an uncompressed .npz (numpy's zip of .npy
files) read with allow_pickle=False, so a damaged or hostile file cannot run code:

* integers -> the smallest integer type that holds them (read back as int64);
* floats -> whole numbers or cents as the smallest integer type (NaN as a bit mask), else
  float32 when that keeps every value, else float64; always checked to read back exactly
  (a million RFM members: 33 MB -> 21 MB, which a commit writes and checkpoints);
* datetime64 -> as they are;
* nullable integers (Int64) -> values (0 where missing) + a bit mask;
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


def _bits(mask: np.ndarray) -> np.ndarray:
    return np.packbits(mask)


def _unbits(bits: np.ndarray, n: int) -> np.ndarray:
    return np.unpackbits(bits, count=n).astype(bool)


def _pack_floats(values: np.ndarray, key: str, arrays: dict) -> str:
    """Store float64 `values` in as few bytes as read back exactly; returns the kind."""
    missing = np.isnan(values)
    present = values[~missing]
    if np.isfinite(present).all() and not ((present == 0) & np.signbit(present)).any():
        for scale in (1, 100):
            with np.errstate(over="ignore", invalid="ignore"):
                scaled = np.rint(present * scale)
            if (len(scaled) == 0 or np.abs(scaled).max() < 2**53) and \
                    np.array_equal(scaled / scale if scale != 1 else scaled, present):
                whole = np.zeros(len(values), dtype=np.int64)
                whole[~missing] = scaled.astype(np.int64)
                arrays[key] = _smallest_int(whole)
                arrays[key + ".nan"] = _bits(missing)
                return f"float/{scale}"
    with np.errstate(over="ignore"):
        narrow = values.astype(np.float32)
    if np.array_equal(narrow.astype(np.float64), values, equal_nan=True):
        arrays[key] = narrow
    else:
        arrays[key] = values
    return "float"


def _unpack_floats(block, key: str, kind: str) -> np.ndarray:
    values = block[key].astype(np.float64)
    if kind.startswith("float/"):
        scale = int(kind.split("/")[1])
        if scale != 1:
            values = values / scale
        values[_unbits(block[key + ".nan"], len(values))] = np.nan
    return values


def encode_frame(frame: pd.DataFrame) -> bytes:
    """The frame's columns (not its index) and its attrs (JSON) as one .npz block."""
    arrays: dict[str, np.ndarray] = {}
    header = []
    for position, name in enumerate(frame.columns):
        series = frame[name]
        key = f"c{position}"
        dtype = series.dtype
        if isinstance(series.array, pd.arrays.IntegerArray):
            arrays[key] = _smallest_int(series.fillna(0).to_numpy(dtype=np.int64))
            arrays[key + ".mask"] = _bits(series.isna().to_numpy())
            kind = "Int64"
        elif dtype.kind == "b" and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
            arrays[key] = series.to_numpy()
            kind = "bool"
        elif dtype.kind in "iu" and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
            arrays[key] = _smallest_int(series.to_numpy(dtype=np.int64))
            kind = "int"
        elif dtype.kind == "f" and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
            kind = _pack_floats(series.to_numpy(dtype=np.float64), key, arrays)
        elif dtype.kind == "M" and getattr(dtype, "tz", None) is None:
            arrays[key] = series.to_numpy()
            kind = "datetime"
        else:
            try:
                codes, uniques = pd.factorize(series.to_numpy(dtype=object),
                                              use_na_sentinel=True)
            except TypeError:  # unhashable values (lists, dicts)
                uniques = [None]
            if not all(isinstance(u, str) for u in uniques):
                raise ValueError(f"column {name!r}: only numbers, dates and text are stored")
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
                columns[name] = pd.arrays.IntegerArray(
                    values.astype(np.int64), _unbits(block[key + ".mask"], len(values)))
            elif kind.startswith("float"):
                columns[name] = _unpack_floats(block, key, kind)
            elif kind == "text":
                texts = np.empty(len(block[key + ".text"]) + 1, dtype=object)
                texts[:-1] = block[key + ".text"].tolist()
                texts[-1] = None  # code -1
                columns[name] = pd.Series(texts[values.astype(np.int64)], dtype=object)
            else:  # bool, datetime
                columns[name] = values
    frame = pd.DataFrame(columns, copy=False)
    frame.attrs.update(header["attrs"])
    return frame

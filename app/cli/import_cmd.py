"""`import FILE [FILE ...]`: read spreadsheets into the workspace."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli.common import CliError, ProgressBar, add_common, emit_json, fail, open_workspace
from app.core.errors import ImportProblem


def register(subparsers) -> None:
    p = subparsers.add_parser("import", help="import Excel/CSV files of customers")
    p.add_argument("files", nargs="+", metavar="FILE")
    add_common(p)
    p.add_argument("--sheet", help="import only this sheet")
    p.add_argument("--header-row", type=int, metavar="N", help="1-based row holding the headers")
    p.add_argument(
        "--mapping", metavar="FILE.json",
        help='column roles to use instead of the detected ones, e.g. {"联系方式": "phone"}',
    )
    p.set_defaults(handler=run)


def _load_mapping(path: str | None) -> dict | None:
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise CliError(f"{path}: the mapping file could not be read ({exc}).") from exc
    if not isinstance(data, dict):
        raise CliError(f'{path}: the mapping must be a JSON object like {{"Header": "phone"}}.')
    return data


def _sheet_json(sheet) -> dict:
    return {
        "sheet": sheet.sheet,
        "header_row": sheet.header_row,
        "columns": [{"header": h, "role": r} for h, r in zip(sheet.headers, sheet.roles,
                                                            strict=False)],
        "rows_imported": sheet.rows_imported,
        "rows_skipped": [{"row": r, "reason": why} for r, why in sheet.rows_skipped],
        "warnings": [str(w) for w in sheet.warnings],
    }


def _skipped_sheet(item) -> dict:
    if isinstance(item, (tuple, list)):
        return {"sheet": item[0], "reason": item[1]}
    return {"sheet": getattr(item, "sheet", str(item)), "reason": getattr(item, "reason", "")}


def run(args) -> int:
    from app.workers import usecases

    mapping = _load_mapping(args.mapping)
    results = []
    errors = 0
    with open_workspace(args.workspace) as ws:
        for file in args.files:
            bar = ProgressBar(enabled=None if not args.json else False)
            try:
                (report,) = usecases.import_files(
                    ws, [file], sheet=args.sheet, header_row=args.header_row,
                    mapping=mapping, progress=bar, cancel=bar.cancel,
                )
            except ImportProblem as exc:
                bar.done()
                errors += 1
                results.append({"file": Path(file).name, "error": str(exc)})
                if not args.json:
                    fail(str(exc))
                continue
            bar.done()
            item = {
                "file": report.file_name,
                "content_hash": report.content_hash,
                "already_imported_at": report.already_imported_at,
                "rows_imported": report.rows_imported,
                "sheets": [_sheet_json(s) for s in report.sheets],
                "skipped_sheets": [_skipped_sheet(s) for s in report.skipped_sheets],
                "warnings": [str(w) for w in report.warnings],
            }
            results.append(item)
            if not args.json:
                _print_text(item)
        total = usecases.customer_count(ws)
    if args.json:
        emit_json({"files": results, "customers": total})
    else:
        print(f"Workspace now holds {total:,} customers.")
    return 1 if errors else 0


def _print_text(item: dict) -> None:
    if item["already_imported_at"]:
        print(f"{item['file']}: already imported on {item['already_imported_at']}; skipped.")
        return
    print(f"{item['file']}: {item['rows_imported']:,} rows imported")
    for sheet in item["sheets"]:
        roles = ", ".join(f"{c['header']}→{c['role']}" for c in sheet["columns"])
        print(f"  sheet {sheet['sheet']}: header on row {sheet['header_row']}, "
              f"{sheet['rows_imported']:,} rows; {roles}")
        for skipped in sheet["rows_skipped"][:10]:
            print(f"    row {skipped['row']} skipped: {skipped['reason']}")
        if len(sheet["rows_skipped"]) > 10:
            print(f"    … and {len(sheet['rows_skipped']) - 10} more rows skipped")
        for warning in sheet["warnings"]:
            print(f"    note: {warning}")
    for skipped in item["skipped_sheets"]:
        print(f"  sheet {skipped['sheet']} skipped: {skipped['reason']}")
    for warning in item["warnings"]:
        print(f"  note: {warning}")

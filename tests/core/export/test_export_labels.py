"""Address labels: real PDF pages, Chinese text that a PDF text extractor can read."""

import re
import shutil
import subprocess

import pandas as pd
import pytest

from app.core.charts import has_cjk_font
from app.core.export.labels import LAYOUTS, fit_label, label_lines, write_labels_pdf


def _page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


@pytest.mark.parametrize(("layout", "pages"), [("3x7", 2), ("2x7", 3)])
def test_pages_per_layout(customers, tmp_path, layout, pages):
    many = pd.concat([customers] * 8, ignore_index=True)  # 32 with an address, 8 without
    path = tmp_path / f"labels-{layout}.pdf"
    report = write_labels_pdf(many, path, layout=layout)
    assert report.rows_written == 32 and report.skipped_by_reason() == {"no_address": 8}
    assert report.pages == pages == _page_count(path.read_bytes())
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "20", "-png", path, tmp_path / "page"], check=True)
        assert len(list(tmp_path.glob("page-*.png"))) == pages


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
@pytest.mark.skipif(not has_cjk_font(), reason="no CJK font installed")
def test_chinese_address_is_real_text(customers, tmp_path):
    path = tmp_path / "labels.pdf"
    write_labels_pdf(customers, path)
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, check=True,
                          text=True).stdout
    assert "广东省广州天河区天河路 385 号" in text
    assert "王伟先生 收" in text and "欧阳娜娜女士 收" in text
    assert "Brandon Bates 先生 收" in text or "Mr. Brandon Bates" in text
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True).stdout
    assert "CID TrueType" in fonts  # embedded TrueType (fonttype 42), not Type 3 outlines


def test_label_text_and_fitting(customers):
    row = customers.iloc[0]
    assert label_lines(row) == ["广东省广州天河区天河路 385 号", "广州青禾物流有限公司", "王伟先生 收"]
    latin = customers.iloc[2].copy()
    latin["province"] = "Guangdong"
    assert label_lines(latin) == ["Mr. Brandon Bates", "Keith Imports Co., Ltd.",
                                  "1 Nanshan Rd, Shenzhen, Guangdong"]
    lines, size, cut = fit_label(["很长的地址" * 60], LAYOUTS["3x7"])
    assert cut and lines[-1].endswith("…") and size == 7.0


def test_cancelled_labels_leave_nothing(customers, tmp_path):
    from app.core.progress import Cancelled

    with pytest.raises(Cancelled):
        write_labels_pdf(customers, tmp_path / "x.pdf", cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []

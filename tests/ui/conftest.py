"""GUI tests load the Chinese catalogue; build it once so a fresh clone tests the real .qm."""

import pytest

from app.ui.i18n import ensure_translations_built


@pytest.fixture(scope="session", autouse=True)
def translations_built():
    assert ensure_translations_built(), "the zh_CN .qm could not be built (pyside6-lrelease?)"

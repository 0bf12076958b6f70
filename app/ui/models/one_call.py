"""Models whose cells a view reads in one Python call each, not one per role."""

from __future__ import annotations


class OneCallPerCell:
    """Mix in before QAbstractItemModel. A view's delegate asks a cell for seven roles
    (display, font, alignment, colours, check state, icon); Qt's default multiData makes a
    C++ -> Python call for each, and each call takes the GIL back from any busy worker
    thread. Answering them all in one call makes 7x fewer of those trips per repaint. Same
    answers: data() decides each (tests/ui/test_customers_model.py compares the pictures)."""

    def multiData(self, index, roles) -> None:  # noqa: N802 - Qt's name
        data = self.data
        for i in range(len(roles)):
            role_data = roles[i]
            role_data.setData(data(index, role_data.role()))

"""Guards against Qt binding bugs that would crash a long session."""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    ping = Signal(object)


def test_signal_emit_does_not_leak_references_to_true(qapp):
    # PySide6 6.12.0 decremented True's refcount on every emit; after a few thousand progress
    # updates Python aborted with "bool_dealloc". Excluded in pyproject.toml; this keeps it so.
    emitter = Emitter()
    emitter.ping.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for _ in range(500):
        emitter.ping.emit(1)
    assert abs(sys.getrefcount(True) - before) < 50
